using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CellVar.Bms.Service.Api
{
    /// <summary>
    /// Access policy of the service's HTTP app (API and anything mounted on it, e.g. the dashboard): loopback by
    /// default; a listener on any other address needs an access token, and with a token every request must carry it
    /// (<c>Authorization: Bearer</c>, or <c>?token=</c> once, which sets an HttpOnly cookie so a browser page's own
    /// requests and its EventSource carry it). Without a token only loopback host names are served (DNS rebinding);
    /// in every mode state-changing requests from other sites' pages are refused and their bodies must be JSON
    /// (cross-site request forgery). One instance per HTTP app; <see cref="HttpApi"/> creates and installs it.
    /// </summary>
    public sealed class HttpAccessGuard
    {
        /// <summary>Environment variable <c>cellvar serve</c> and <c>cellvar demo</c> read the token from (<see cref="TokenFromEnvironment"/>); the library itself never reads the environment.</summary>
        public const string TokenVariable = "CELLVAR_HTTP_TOKEN";

        /// <summary>The dashboard's older variable, still read when <see cref="TokenVariable"/> is unset.</summary>
        public const string LegacyTokenVariable = "CELLVAR_DASHBOARD_TOKEN";

        /// <summary>Cookie set after a valid <c>?token=</c>.</summary>
        public const string CookieName = "cellvar_token";

        private byte[]? _tokenHash;
        private bool _sealed;

        internal HttpAccessGuard(string? token) => SetToken(token);

        /// <summary>True when every request must carry the token.</summary>
        public bool TokenRequired => _tokenHash != null;

        /// <summary>
        /// The token from <c>CELLVAR_HTTP_TOKEN</c>, else <c>CELLVAR_DASHBOARD_TOKEN</c>; null when neither is set (or empty).
        /// For hosts such as the CLI to put into <see cref="ServiceOptions.HttpAccessToken"/>; nothing in the library calls it.
        /// </summary>
        public static string? TokenFromEnvironment() => ResolveToken(Environment.GetEnvironmentVariable);

        /// <summary><see cref="TokenFromEnvironment"/> over any variable lookup (tests use a dictionary, not the process environment).</summary>
        public static string? ResolveToken(Func<string, string?> variable)
        {
            ArgumentNullException.ThrowIfNull(variable);
            return variable(TokenVariable) is { Length: > 0 } t ? t
                 : variable(LegacyTokenVariable) is { Length: > 0 } legacy ? legacy
                 : null;
        }

        /// <summary>
        /// True when every URL in <paramref name="listenUrls"/> (Kestrel syntax, several separated by <c>;</c>) has a
        /// loopback host: <c>localhost</c>, <c>127.x.x.x</c> or <c>[::1]</c>. Wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>,
        /// <c>[::]</c>) and host names are not loopback (Kestrel binds a host name to every interface).
        /// </summary>
        /// <exception cref="ArgumentException">A part is not a URL.</exception>
        public static bool IsLoopback(string listenUrls)
        {
            ArgumentNullException.ThrowIfNull(listenUrls);
            string[] parts = listenUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0)
                throw new ArgumentException("HTTP listen URL is empty");
            return parts.All(IsLoopbackUrl);
        }

        /// <summary>Throws when <paramref name="listenUrls"/> reaches beyond loopback and <paramref name="token"/> is empty.</summary>
        /// <exception cref="InvalidOperationException">Non-loopback listener without a token; the message says what to set.</exception>
        public static void CheckBinding(string listenUrls, string? token)
        {
            if (string.IsNullOrEmpty(token) && !IsLoopback(listenUrls))
                throw new InvalidOperationException(
                    $"HTTP listener {listenUrls} is not loopback: set an access token ({TokenVariable}, or the older {LegacyTokenVariable}; " +
                    $"{nameof(ServiceOptions)}.{nameof(ServiceOptions.HttpAccessToken)} in code) or listen on 127.0.0.1");
        }

        /// <summary>The guard of an HTTP app built by <see cref="HttpApi"/> (for components mounted in <see cref="ServiceOptions.ConfigureHttp"/>).</summary>
        public static HttpAccessGuard For(WebApplication app)
        {
            ArgumentNullException.ThrowIfNull(app);
            return app.Services.GetService<HttpAccessGuard>()
                   ?? throw new InvalidOperationException("this HTTP app was not built by CellVar.Bms.Service.Api.HttpApi and has no access guard");
        }

        /// <summary>
        /// Requires <paramref name="token"/> on every request (a mounted component asking for a token of its own).
        /// The same token as the service's is a no-op; a different one is refused, since one app has one token.
        /// </summary>
        /// <exception cref="InvalidOperationException">A different token is already required, or the app has started.</exception>
        public void RequireToken(string token)
        {
            ArgumentException.ThrowIfNullOrEmpty(token);
            if (_tokenHash != null)
            {
                if (!CryptographicOperations.FixedTimeEquals(Hash(token), _tokenHash))
                    throw new InvalidOperationException(
                        $"two different HTTP access tokens are configured (service {TokenVariable} / {nameof(ServiceOptions.HttpAccessToken)} and a mounted component's); set one");
                return;
            }
            if (_sealed)
                throw new InvalidOperationException("the HTTP app has started; its access token can no longer change");
            SetToken(token);
        }

        /// <summary>Final check before the app starts; afterwards the token is fixed.</summary>
        internal void Seal(string listenUrls)
        {
            CheckBinding(listenUrls, _tokenHash == null ? null : "set");
            _sealed = true;
        }

        /// <summary>Check of the addresses Kestrel actually bound (configuration can override the listen URL).</summary>
        internal void CheckBound(IEnumerable<string> addresses)
        {
            foreach (string a in addresses)
                CheckBinding(a, _tokenHash == null ? null : "set");
        }

        /// <summary>
        /// Middleware body, in order: (1) without a token, only requests that arrived on a loopback address and name a
        /// loopback host in <c>Host</c> (403 otherwise: DNS rebinding); (2) a state-changing request (POST, PUT, PATCH,
        /// DELETE) sent by a browser from another site is refused (403: cross-site request forgery), in every mode;
        /// (3) with a token, the token (401 otherwise; a GET authenticated by <c>?token=</c> is redirected to the same
        /// URL without it, the cookie set on the way); (4) a state-changing request may carry no body or a JSON one
        /// (415 otherwise). Then the request is passed on.
        /// </summary>
        internal async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
        {
            HttpRequest req = ctx.Request;
            if (_tokenHash == null)
            {
                // Without a token only loopback is served. Startup already refuses other listeners; this also covers
                // the moment between Kestrel binding an overriding configured endpoint and CheckBound stopping the app.
                // A null address is a non-IP transport (Unix socket), which is local by nature.
                IPAddress? local = ctx.Connection.LocalIpAddress;
                if (local != null && !IPAddress.IsLoopback(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local))
                {
                    await RefuseAsync(ctx, StatusCodes.Status403Forbidden, $"this service answers only on loopback unless an access token is set ({TokenVariable})");
                    return;
                }
                // A loopback connection is not enough: a web page whose own name an attacker re-points at 127.0.0.1
                // (DNS rebinding) reaches this port as "same origin" and could read and write everything. The browser
                // still sends the attacker's name in Host, so only loopback names are served.
                if (!IsLoopbackHost(req.Host))
                {
                    await RefuseAsync(ctx, StatusCodes.Status403Forbidden,
                        $"Host '{req.Host}' is not a loopback name: without an access token ({TokenVariable}) this service answers only " +
                        "requests addressed to localhost, 127.0.0.1 or [::1] (other names could be a web page re-pointing its own name here)");
                    return;
                }
            }
            bool unsafeMethod = !(HttpMethods.IsGet(req.Method) || HttpMethods.IsHead(req.Method) || HttpMethods.IsOptions(req.Method) || HttpMethods.IsTrace(req.Method));
            if (unsafeMethod && CrossSite(req) is string why)
            {
                await RefuseAsync(ctx, StatusCodes.Status403Forbidden,
                    $"cross-site request refused ({why}): state-changing requests are accepted only from this service's own pages or from clients that are not browsers");
                return;
            }
            if (_tokenHash != null)
            {
                string? given = null;
                bool fromQuery = false;
                string auth = req.Headers.Authorization.ToString();
                int space = auth.IndexOf(' ', StringComparison.Ordinal);
                // Authentication schemes are case-insensitive (RFC 9110 §11.1): "bearer" is "Bearer".
                if (space > 0 && auth.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                    given = auth[(space + 1)..].Trim();
                else if (req.Query["token"] is { Count: > 0 } q)
                {
                    given = q.ToString();
                    fromQuery = true;
                }
                else if (req.Cookies.TryGetValue(CookieName, out string? c))
                    given = c;
                // Digests of equal length compared in constant time: neither the content nor the length of the token leaks through timing.
                if (given == null || !CryptographicOperations.FixedTimeEquals(Hash(given), _tokenHash))
                {
                    ctx.Response.Headers.WWWAuthenticate = "Bearer";
                    await RefuseAsync(ctx, StatusCodes.Status401Unauthorized, "access token required (Authorization: Bearer <token> or ?token=<token>)");
                    return;
                }
                if (fromQuery)
                {
                    ctx.Response.Cookies.Append(CookieName, given,
                        new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = req.IsHttps });
                    if (HttpMethods.IsGet(req.Method) || HttpMethods.IsHead(req.Method))
                    {
                        await DropTokenFromUrlAsync(ctx);
                        return;
                    }
                }
            }
            if (unsafeMethod && !BodyIsJsonOrAbsent(req))
            {
                await RefuseAsync(ctx, StatusCodes.Status415UnsupportedMediaType,
                    $"Content-Type '{req.ContentType}' not accepted: a state-changing request carries no body or a JSON one (Content-Type: application/json)");
                return;
            }
            await next(ctx);
        }

        /// <summary>
        /// True for <c>localhost</c> (also with a trailing dot), <c>127.0.0.0/8</c>, <c>[::1]</c> and IPv4-mapped loopback,
        /// with any port; false for any other name and for an empty Host.
        /// </summary>
        internal static bool IsLoopbackHost(HostString host)
        {
            if (!host.HasValue)
                return false;
            string h = host.Host.TrimEnd('.');
            if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                return true;
            // Only bracketed IPv6 literals or dotted IPv4: IPAddress.TryParse alone also accepts forms a browser would never send as Host.
            string literal = h.StartsWith('[') && h.EndsWith(']') ? h[1..^1] : h;
            return (literal != h || literal.Count(ch => ch == '.') == 3)
                   && IPAddress.TryParse(literal, out IPAddress? ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
        }

        /// <summary>
        /// Why a browser sent this request from another site, or null. <c>Sec-Fetch-Site</c>, set by the browser against the
        /// URL the user sees, decides when present (<c>same-origin</c> and <c>none</c> pass); older browsers send only
        /// <c>Origin</c>, which must then name this host and port. The scheme is not compared, because a TLS reverse proxy
        /// in front (as the README recommends) makes the page https while the request reaches Kestrel as http. Clients that
        /// are not browsers send neither header and pass.
        /// </summary>
        internal static string? CrossSite(HttpRequest req)
        {
            string site = req.Headers["Sec-Fetch-Site"].ToString();
            if (site.Length > 0)
                return site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) || site.Equals("none", StringComparison.OrdinalIgnoreCase)
                    ? null : $"Sec-Fetch-Site: {site}";
            string origin = req.Headers.Origin.ToString();
            if (origin.Length == 0)
                return null;
            // "null" (sandboxed frames, some redirects) and anything unparsable are not this service's origin.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out Uri? o) || !req.Host.HasValue
                || !o.Host.Equals(req.Host.Host, StringComparison.OrdinalIgnoreCase)
                || (req.Host.Port is int port ? o.Port != port : !o.IsDefaultPort))
                return $"Origin {origin} is not {req.Host}";
            return null;
        }

        private static bool BodyIsJsonOrAbsent(HttpRequest req)
        {
            bool hasBody = req.ContentLength > 0 || req.Headers.TransferEncoding.Count > 0;
            // Any Content-Type other than JSON is refused even on an empty body: HTML forms (the only cross-site POSTs a
            // browser sends without asking) always send one, and none of them is JSON.
            if (!hasBody && string.IsNullOrEmpty(req.ContentType))
                return true;
            return req.HasJsonContentType();
        }

        /// <summary>
        /// Answers a GET that carried <c>?token=</c> with the same URL without it, so the token does not stay in the address
        /// bar, history or bookmarks: 303 normally; when the navigation came from another site, a page that reloads the
        /// clean URL instead, because the browser would not send the SameSite=Strict cookie on a redirect another site started.
        /// </summary>
        private static async Task DropTokenFromUrlAsync(HttpContext ctx)
        {
            HttpRequest req = ctx.Request;
            var rest = new List<KeyValuePair<string, string?>>();
            foreach (var kv in req.Query)
                if (!kv.Key.Equals("token", StringComparison.OrdinalIgnoreCase))
                    foreach (string? v in kv.Value)
                        rest.Add(new KeyValuePair<string, string?>(kv.Key, v));
            string clean = (req.PathBase + req.Path).Add(QueryString.Create(rest));
            ctx.Response.Headers.CacheControl = "no-store";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            string site = req.Headers["Sec-Fetch-Site"].ToString();
            if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
            {
                string attr = WebUtility.HtmlEncode(clean);
                ctx.Response.StatusCode = StatusCodes.Status200OK;
                ctx.Response.ContentType = "text/html; charset=utf-8";
                await ctx.Response.WriteAsync($"<!doctype html><meta http-equiv=\"refresh\" content=\"0;url={attr}\"><a href=\"{attr}\">continue</a>");
                return;
            }
            ctx.Response.StatusCode = StatusCodes.Status303SeeOther;
            ctx.Response.Headers.Location = clean;
        }

        private static Task RefuseAsync(HttpContext ctx, int status, string error)
        {
            ctx.Response.StatusCode = status;
            return ctx.Response.WriteAsJsonAsync(new { error });
        }

        private void SetToken(string? token) => _tokenHash = string.IsNullOrEmpty(token) ? null : Hash(token);

        private static byte[] Hash(string s) => SHA256.HashData(Encoding.UTF8.GetBytes(s));

        private static bool IsLoopbackUrl(string url)
        {
            // Kestrel's wildcard hosts are not valid URI hosts; they mean "every interface".
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out Uri? u))
                throw new ArgumentException($"HTTP listen URL '{url}' is not a URL");
            if (u.IsLoopback)
                return true;
            return IPAddress.TryParse(u.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
        }
    }
}

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
    /// requests and its EventSource carry it). One instance per HTTP app; <see cref="HttpApi"/> creates and installs it.
    /// </summary>
    public sealed class HttpAccessGuard
    {
        /// <summary>Environment variable the service reads its token from (<see cref="ServiceOptions.HttpAccessToken"/>).</summary>
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

        /// <summary>The token from <c>CELLVAR_HTTP_TOKEN</c>, else <c>CELLVAR_DASHBOARD_TOKEN</c>; null when neither is set (or empty).</summary>
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

        /// <summary>Middleware body: passes authorised requests on, answers 401 otherwise.</summary>
        internal async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
        {
            if (_tokenHash == null)
            {
                // Without a token only loopback is served. Startup already refuses other listeners; this also covers
                // the moment between Kestrel binding an overriding configured endpoint and CheckBound stopping the app.
                // A null address is a non-IP transport (Unix socket), which is local by nature.
                IPAddress? local = ctx.Connection.LocalIpAddress;
                if (local != null && !IPAddress.IsLoopback(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local))
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await ctx.Response.WriteAsJsonAsync(new { error = $"this service answers only on loopback unless an access token is set ({TokenVariable})" });
                    return;
                }
                await next(ctx);
                return;
            }
            string? given = null;
            bool fromQuery = false;
            string auth = ctx.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.Ordinal))
                given = auth["Bearer ".Length..].Trim();
            else if (ctx.Request.Query["token"] is { Count: > 0 } q)
            {
                given = q.ToString();
                fromQuery = true;
            }
            else if (ctx.Request.Cookies.TryGetValue(CookieName, out string? c))
                given = c;
            // Digests of equal length compared in constant time: neither the content nor the length of the token leaks through timing.
            if (given == null || !CryptographicOperations.FixedTimeEquals(Hash(given), _tokenHash))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                ctx.Response.Headers.WWWAuthenticate = "Bearer";
                await ctx.Response.WriteAsJsonAsync(new { error = "access token required (Authorization: Bearer <token> or ?token=<token>)" });
                return;
            }
            if (fromQuery)
                ctx.Response.Cookies.Append(CookieName, given,
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = ctx.Request.IsHttps });
            await next(ctx);
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

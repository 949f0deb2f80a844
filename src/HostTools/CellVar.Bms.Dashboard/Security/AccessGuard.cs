using System;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace CellVar.Bms.Dashboard.Security
{
    /// <summary>
    /// Loopback-by-default policy: a listener on any other address must have an access token, and with a token every
    /// request needs it (<c>Authorization: Bearer</c>, or <c>?token=</c> once, which sets an HttpOnly cookie so the
    /// page's own requests and its EventSource carry it).
    /// </summary>
    internal static class AccessGuard
    {
        public const string CookieName = "cellvar_token";

        /// <summary>True when the listen URL's host is a loopback address or <c>localhost</c>.</summary>
        public static bool IsLoopback(string listenUrl)
        {
            if (!Uri.TryCreate(listenUrl.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out Uri? u))
                throw new ArgumentException($"HTTP listen URL '{listenUrl}' is not a URL");
            if (u.IsLoopback)
                return true;
            return IPAddress.TryParse(u.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>Throws when a non-loopback listener has no token.</summary>
        public static void CheckBinding(string listenUrl, string? token)
        {
            if (!IsLoopback(listenUrl) && string.IsNullOrEmpty(token))
                throw new InvalidOperationException(
                    $"HTTP listener {listenUrl} is not loopback: set an access token ({DashboardOptions.TokenVariable}) or listen on 127.0.0.1");
        }

        /// <summary>Middleware body: passes authorised requests on, answers 401 otherwise.</summary>
        public static async Task InvokeAsync(HttpContext ctx, Func<Task> next, byte[] token)
        {
            string? given = null;
            string auth = ctx.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.Ordinal))
                given = auth["Bearer ".Length..].Trim();
            else if (ctx.Request.Query["token"] is { Count: > 0 } q)
                given = q.ToString();
            else if (ctx.Request.Cookies.TryGetValue(CookieName, out string? c))
                given = c;
            if (given == null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), token))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                ctx.Response.Headers.WWWAuthenticate = "Bearer";
                await ctx.Response.WriteAsJsonAsync(new { error = "access token required (Authorization: Bearer <token> or ?token=<token>)" });
                return;
            }
            if (ctx.Request.Query.ContainsKey("token"))
                ctx.Response.Cookies.Append(CookieName, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            await next();
        }
    }
}

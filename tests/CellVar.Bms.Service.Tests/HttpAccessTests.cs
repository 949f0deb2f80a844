using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.Service.Api;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Mqtt;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// The HTTP API's own access policy with no dashboard mounted (library use, or any host without the dashboard):
    /// loopback by default; beyond loopback the service refuses to start without a token, and with a token every
    /// endpoint — reads and state-changing ones — answers 401 unless the request carries it.
    /// </summary>
    public sealed class HttpAccessTests
    {
        private const string Token = "rig-hall-7f3c9a";
        private const string Site = "rig1", Monitor = "rig1-m01";

        [Theory]
        [InlineData("http://0.0.0.0:{0}")]
        [InlineData("http://*:{0}")]
        [InlineData("http://[::]:{0}")]
        [InlineData("http://127.0.0.1:{1};http://0.0.0.0:{0}")]   // one non-loopback listener among loopback ones is enough to refuse
        public async Task NonLoopbackApi_WithoutToken_RefusesToStart_AndLeavesNothingListening(string urlFormat)
        {
            int httpPort = MosquittoProcess.FreePort(), otherPort = MosquittoProcess.FreePort();
            ServiceOptions o = Options(string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, httpPort, otherPort), token: null);
            try
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => CellVarService.StartAsync(o, NullLoggerFactory.Instance));
                Assert.Contains("not loopback", e.Message);
                Assert.Contains(HttpAccessGuard.TokenVariable, e.Message);
                Assert.Contains(HttpAccessGuard.LegacyTokenVariable, e.Message);
                // The failed start cleaned up: no HTTP listener, and the embedded broker it had started is gone too.
                await AssertRefusedAsync(httpPort);
                await AssertRefusedAsync(otherPort);
                await AssertRefusedAsync(o.MqttPort);
            }
            finally
            {
                Delete(o);
            }
        }

        [Fact]
        public async Task NonLoopbackApi_WithToken_EveryEndpointRefusesMissingOrWrongToken_AndServesTheRightOne()
        {
            int httpPort = MosquittoProcess.FreePort();
            ServiceOptions o = Options($"http://0.0.0.0:{httpPort}", Token);
            try
            {
                await using CellVarService s = await CellVarService.StartAsync(o, NullLoggerFactory.Instance);
                // Bound to every interface; loopback is simply the one interface every test machine has.
                // No cookie container: the "wrong cookie" case must reach the server exactly as written.
                using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(20) };
                long alertId = await SeedAsync(s, http);

                List<(HttpMethod Method, string Path, string? Body)> endpoints = Endpoints(alertId);
                Assert.Equal(HttpApi.Endpoints.Length + 1, endpoints.Count);
                Assert.Equal(3, endpoints.Count(e => e.Method == HttpMethod.Post));

                foreach (var (method, path, body) in endpoints.Append((HttpMethod.Get, "/api/no-such-route", null)))
                {
                    foreach (var (how, apply) in WrongCredentials())
                    {
                        using HttpRequestMessage req = Request(method, path, body);
                        apply(req);
                        using HttpResponseMessage res = await http.SendAsync(req);
                        Assert.True(res.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {how}: {(int)res.StatusCode}");
                        Assert.Equal("Bearer", res.Headers.WwwAuthenticate.Single().Scheme);
                        Assert.Contains("access token required", await res.Content.ReadAsStringAsync());
                        Assert.False(res.Headers.Contains("Set-Cookie"), $"{method} {path} with {how} got a cookie");
                    }
                }

                // The refused state-changing requests changed nothing.
                JsonElement alert = (await GetAsync(http, "/api/alerts")).EnumerateArray().Single();
                Assert.Equal(JsonValueKind.Null, alert.GetProperty("acked_ms").ValueKind);
                Assert.Equal(0, (await GetAsync(http, "/api/configs")).GetArrayLength());

                foreach (var (method, path, body) in endpoints)
                {
                    using HttpRequestMessage req = Request(method, path, body);
                    req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                    using HttpResponseMessage res = await http.SendAsync(req);
                    Assert.True(res.StatusCode == HttpStatusCode.OK, $"{method} {path} with the right token: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
                }
                alert = (await GetAsync(http, "/api/alerts")).EnumerateArray().Single();
                Assert.Equal("tech", alert.GetProperty("acked_by").GetString());
                Assert.Equal(1, (await GetAsync(http, "/api/configs")).GetArrayLength());

                // ?token= once, then the cookie it sets carries the token (what a browser does).
                var cookies = new CookieContainer();
                using var browserLike = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = http.BaseAddress };
                Assert.Equal(HttpStatusCode.OK, (await browserLike.GetAsync("/api/monitors?token=" + Token)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await browserLike.GetAsync("/api/stats")).StatusCode);
            }
            finally
            {
                Delete(o);
            }
        }

        [Fact]
        public async Task LoopbackApi_WithoutToken_StillServesReadsAndWrites()
        {
            ServiceOptions o = Options("http://127.0.0.1:0", token: null);
            try
            {
                await using CellVarService s = await CellVarService.StartAsync(o, NullLoggerFactory.Instance);
                using var http = new HttpClient { BaseAddress = new Uri(s.HttpAddress), Timeout = TimeSpan.FromSeconds(20) };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/monitors")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/priors/publish", null)).StatusCode);
            }
            finally
            {
                Delete(o);
            }
        }

        [Fact]
        public async Task LoopbackApi_WithToken_StillRequiresIt()
        {
            ServiceOptions o = Options("http://127.0.0.1:0", Token);
            try
            {
                await using CellVarService s = await CellVarService.StartAsync(o, NullLoggerFactory.Instance);
                using var http = new HttpClient { BaseAddress = new Uri(s.HttpAddress), Timeout = TimeSpan.FromSeconds(20) };
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/health")).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/priors/publish", null)).StatusCode);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
            }
            finally
            {
                Delete(o);
            }
        }

        [Fact]
        public async Task HttpPortInUse_FailsWithTheBindError_AndReleasesTheBroker()
        {
            // The start path now stops and disposes a half-built app on failure: that must not hide the real error.
            var taken = new TcpListener(IPAddress.Loopback, 0);
            taken.Start();
            ServiceOptions o = Options($"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}", token: null);
            try
            {
                var e = await Assert.ThrowsAsync<IOException>(() => CellVarService.StartAsync(o, NullLoggerFactory.Instance));
                Assert.Contains("address already in use", e.Message, StringComparison.OrdinalIgnoreCase);
                await AssertRefusedAsync(o.MqttPort);
            }
            finally
            {
                taken.Stop();
                Delete(o);
            }
        }

        [Fact]
        public void Token_ComesFromTheHttpVariable_ElseTheDashboardsOlderOne()
        {
            var env = new Dictionary<string, string?>();
            Assert.Null(HttpAccessGuard.ResolveToken(k => env.GetValueOrDefault(k)));
            env[HttpAccessGuard.LegacyTokenVariable] = "old";
            Assert.Equal("old", HttpAccessGuard.ResolveToken(k => env.GetValueOrDefault(k)));
            env[HttpAccessGuard.TokenVariable] = "";   // empty counts as unset
            Assert.Equal("old", HttpAccessGuard.ResolveToken(k => env.GetValueOrDefault(k)));
            env[HttpAccessGuard.TokenVariable] = "new";
            Assert.Equal("new", HttpAccessGuard.ResolveToken(k => env.GetValueOrDefault(k)));
        }

        [Theory]
        [InlineData("http://127.0.0.1:8080;http://[::1]:8081", true)]
        [InlineData("http://127.0.0.2:8080", true)]
        [InlineData("http://[::ffff:127.0.0.1]:8080", true)]
        [InlineData("http://localhost:8080;http://0.0.0.0:8081", false)]
        [InlineData("http://[::]:8080", false)]
        [InlineData("http://rig-host:8080", false)]   // Kestrel binds a host name to every interface
        public void Loopback_AllListenersMustBeLoopback(string urls, bool loopback) => Assert.Equal(loopback, HttpAccessGuard.IsLoopback(urls));

        [Fact]
        public void BadListenUrl_IsNamedInTheError()
        {
            var e = Assert.Throws<ArgumentException>(() => HttpAccessGuard.CheckBinding("127.0.0.1:8080 x", null));
            Assert.Contains("'127.0.0.1:8080 x'", e.Message);
        }

        [Fact]
        public void BoundAddresses_AreCheckedToo_SoConfigurationCannotWidenTheListenerUnnoticed()
        {
            var open = new HttpAccessGuard(null);
            open.CheckBound(new[] { "http://127.0.0.1:5000", "http://[::1]:5000" });
            var e = Assert.Throws<InvalidOperationException>(() => open.CheckBound(new[] { "http://127.0.0.1:5000", "http://0.0.0.0:5001" }));
            Assert.Contains("http://0.0.0.0:5001", e.Message);
            new HttpAccessGuard(Token).CheckBound(new[] { "http://0.0.0.0:5001" });
        }

        [Theory]
        [InlineData("127.0.0.1", 200)]
        [InlineData("::1", 200)]
        [InlineData("::ffff:127.0.0.1", 200)]
        [InlineData("192.0.2.10", 403)]
        [InlineData("::ffff:192.0.2.10", 403)]
        public async Task WithoutToken_ARequestArrivingOnANonLoopbackAddress_IsRefused(string localAddress, int expected)
        {
            var ctx = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            ctx.Connection.LocalIpAddress = IPAddress.Parse(localAddress);
            ctx.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost:8080");   // a loopback name, so only the address decides
            ctx.Response.Body = new MemoryStream();
            bool reached = false;
            await new HttpAccessGuard(null).InvokeAsync(ctx, _ => { reached = true; return Task.CompletedTask; });
            Assert.Equal(expected == 200, reached);
            Assert.Equal(expected, ctx.Response.StatusCode);
        }

        [Theory]
        [InlineData("localhost", true)]
        [InlineData("localhost.:8080", true)]
        [InlineData("127.255.0.9:1", true)]
        [InlineData("[::1]", true)]
        [InlineData("[::ffff:127.0.0.1]:8080", true)]
        [InlineData("", false)]
        [InlineData("evil.localhost:8080", false)]
        [InlineData("127.1:8080", false)]          // not a form a browser sends; only dotted quads and bracketed IPv6 count
        [InlineData("2130706433", false)]
        [InlineData("[::]:8080", false)]
        [InlineData("10.0.0.1:8080", false)]
        public void LoopbackHostNames(string host, bool loopback) =>
            Assert.Equal(loopback, HttpAccessGuard.IsLoopbackHost(host.Length == 0 ? default : new Microsoft.AspNetCore.Http.HostString(host)));

        [Theory]
        [InlineData("rig.example", "https://rig.example", null, true)]              // TLS reverse proxy: page https, Kestrel sees http
        [InlineData("rig.example:8080", "http://rig.example:8080", null, true)]
        [InlineData("rig.example:8080", "http://rig.example", null, false)]        // port 80 is another origin
        [InlineData("rig.example", "http://rig.example.evil.example", null, false)]
        [InlineData("rig.example", "https://rig.example", "cross-site", false)]   // the browser's verdict wins over a matching Origin
        [InlineData("rig.example", "https://evil.example", "same-origin", true)]  // ...both ways (a browser never sends this pair)
        [InlineData("rig.example", null, "none", true)]                           // typed into the address bar
        [InlineData("rig.example", null, null, true)]                             // not a browser
        public void CrossSite_SecFetchSiteDecides_ElseOriginMustNameThisHostAndPort(string host, string? origin, string? site, bool allowed)
        {
            var ctx = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            ctx.Request.Method = "POST";
            ctx.Request.Scheme = "http";
            ctx.Request.Host = new Microsoft.AspNetCore.Http.HostString(host);
            if (origin != null)
                ctx.Request.Headers.Origin = origin;
            if (site != null)
                ctx.Request.Headers["Sec-Fetch-Site"] = site;
            Assert.Equal(allowed, HttpAccessGuard.CrossSite(ctx.Request) == null);
        }

        [Fact]
        public void MountedComponent_CanAddATokenButNotASecondDifferentOne()
        {
            var g = new HttpAccessGuard(null);
            Assert.False(g.TokenRequired);
            g.RequireToken(Token);
            Assert.True(g.TokenRequired);
            g.RequireToken(Token);   // the same again: fine
            var e = Assert.Throws<InvalidOperationException>(() => g.RequireToken(Token + "2"));
            Assert.Contains("two different", e.Message);
            g.Seal("http://0.0.0.0:8080");   // a token is set, so a non-loopback listener passes
            Assert.Throws<InvalidOperationException>(() => new HttpAccessGuard(null).Seal("http://0.0.0.0:8080"));
        }

        /// <summary>Every endpoint of <see cref="HttpApi.Endpoints"/> (plus <c>GET /api</c>) with path parameters filled and a valid body.</summary>
        private static List<(HttpMethod, string, string?)> Endpoints(long alertId)
        {
            var list = new List<(HttpMethod, string, string?)> { (HttpMethod.Get, "/api", null) };
            foreach (string line in HttpApi.Endpoints)
            {
                string[] parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                string path = parts[1].Trim().Split(' ')[0].Split('?')[0]
                    .Replace("{id}", Monitor, StringComparison.Ordinal).Replace("{alert_id}", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                Assert.DoesNotContain("{", path);   // a new path parameter needs a value here
                string? body = path.EndsWith("/ack", StringComparison.Ordinal) ? "{\"by\":\"tech\",\"note\":\"weld checked\"}"
                             : path.EndsWith("/config", StringComparison.Ordinal) ? "{\"tele_s\":10,\"cells\":4}"
                             : null;
                list.Add((new HttpMethod(parts[0]), path, body));
            }
            return list;
        }

        private static IEnumerable<(string How, Action<HttpRequestMessage> Apply)> WrongCredentials()
        {
            yield return ("no token", _ => { });
            yield return ("a wrong bearer token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x"));
            yield return ("a wrong token of the same length", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x" + Token[1..]));
            yield return ("the token under another scheme", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Token));
            yield return ("a wrong ?token=", r => r.RequestUri = new Uri(r.RequestUri!.OriginalString + "?token=" + Token.ToUpperInvariant(), UriKind.Relative));
            yield return ("a wrong cookie", r => r.Headers.Add("Cookie", HttpAccessGuard.CookieName + "=nope"));
        }

        private static HttpRequestMessage Request(HttpMethod method, string path, string? body)
        {
            var r = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body != null)
                r.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return r;
        }

        /// <summary>A monitor with telemetry and one open alert, fed straight into the ingest pipeline; returns the alert id.</summary>
        private static async Task<long> SeedAsync(CellVarService s, HttpClient http)
        {
            long t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            string topic(string kind) => $"{s.Options.TopicRoot}/{Site}/{Monitor}/{kind}";
            await s.Ingest.EnqueueAsync(topic("state"), Encoding.UTF8.GetBytes($"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":1,\"t\":{t},\"online\":true,\"fw\":\"0.1.0\",\"cells\":4}}"), null);
            await s.Ingest.EnqueueAsync(topic("telemetry"), Encoding.UTF8.GetBytes(
                $"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":2,\"t\":{t},\"i_mA\":-12500,\"c0\":1,\"cells\":[[3300,20000,2500,250,0,0,0],[3301,20100,2501,251,1,1,0],[3302,20200,2502,252,2,2,0],[3303,26100,2503,253,1016,3,0]]}}"), null);
            await s.Ingest.EnqueueAsync(topic("alert"), Encoding.UTF8.GetBytes(
                $"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":3,\"t\":{t},\"cell\":4,\"kind\":\"r_high\",\"state\":\"raised\",\"val\":26100,\"lim\":23100,\"z\":1016}}"), null);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (s.Ingest.Stats.Stored < 3)
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"seed messages not stored (stored {s.Ingest.Stats.Stored}, rejected {s.Ingest.Stats.Rejected})");
                await Task.Delay(20);
            }
            return (await GetAsync(http, "/api/alerts")).EnumerateArray().Single().GetProperty("alert_id").GetInt64();
        }

        private static async Task<JsonElement> GetAsync(HttpClient http, string path)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, path);
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using HttpResponseMessage res = await http.SendAsync(req);
            string body = await res.Content.ReadAsStringAsync();
            Assert.True(res.IsSuccessStatusCode, $"GET {path}: {(int)res.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        private static async Task AssertRefusedAsync(int port)
        {
            using var tcp = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, port));
        }

        private static ServiceOptions Options(string httpUrl, string? token)
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-access-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            return new ServiceOptions
            {
                Database = Path.Combine(dir, "cellvar.db"),
                MqttPort = MosquittoProcess.FreePort(),
                Credentials = new Credentials(),
                HttpUrl = httpUrl,
                // Explicit, so a CELLVAR_HTTP_TOKEN in the environment of the test run cannot change what is tested.
                HttpAccessToken = token,
                PriorInterval = TimeSpan.Zero,
                ClientId = "cellvar-access-" + Guid.NewGuid().ToString("N")[..6],
            };
        }

        private static void Delete(ServiceOptions o)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(Path.GetDirectoryName(o.Database)!, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

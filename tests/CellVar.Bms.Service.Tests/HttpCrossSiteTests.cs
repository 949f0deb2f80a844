using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// What a web page the operator happens to visit can do to a service on the same machine (HttpAccessGuard):
    /// DNS rebinding (the page re-points its own name at 127.0.0.1 and reads the API as "same origin"), cross-site
    /// request forgery (form posts and no-cors fetches to the state-changing POSTs), and the token's own edges
    /// (scheme case, <c>?token=</c> left in the address bar). Requests are written with the headers a browser would send.
    /// </summary>
    public sealed class HttpCrossSiteTests
    {
        private const string Token = "rig-hall-7f3c9a";
        private const string Monitor = "rig1-m01";

        [Fact]
        public async Task WithoutToken_AHostNameOtherThanLoopback_IsRefused_SoDnsRebindingCannotReadOrWrite()
        {
            await using TestService t = await TestService.StartAsync();
            await SeedAsync(t);
            int port = Port(t);
            foreach (string host in new[] { "evil.example", $"evil.example:{port}", $"127.0.0.1.evil.example:{port}", $"localhost.evil.example:{port}", $"192.0.2.10:{port}" })
            {
                using HttpResponseMessage read = await SendAsync(t, HttpMethod.Get, "/api/health", r => r.Headers.Host = host);
                Assert.True(read.StatusCode == HttpStatusCode.Forbidden, $"GET with Host {host}: {(int)read.StatusCode}");
                Assert.Contains("not a loopback name", await read.Content.ReadAsStringAsync());
                // What a rebinding page sends for a write: its own origin, so Origin matches Host and Sec-Fetch-Site says same-origin.
                using HttpResponseMessage write = await SendAsync(t, HttpMethod.Post, "/api/priors/publish", r =>
                {
                    r.Headers.Host = host;
                    r.Headers.Add("Origin", "http://" + host);
                    r.Headers.Add("Sec-Fetch-Site", "same-origin");
                });
                Assert.True(write.StatusCode == HttpStatusCode.Forbidden, $"POST with Host {host}: {(int)write.StatusCode}");
            }
            Assert.Equal(0, (await t.GetJsonAsync("/api/priors")).GetArrayLength());
        }

        [Fact]
        public async Task WithoutToken_LoopbackHostNames_AreServed()
        {
            await using TestService t = await TestService.StartAsync();
            int port = Port(t);
            foreach (string host in new[] { $"localhost:{port}", $"LocalHost:{port}", "localhost", $"localhost.:{port}", $"127.0.0.1:{port}", $"127.0.0.2:{port}", $"[::1]:{port}" })
            {
                using HttpResponseMessage res = await SendAsync(t, HttpMethod.Get, "/api/health", r => r.Headers.Host = host);
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"Host {host}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            }
        }

        [Fact]
        public async Task CrossSitePost_IsRefused_AndNothingIsPublished_WhileSameOriginAndNonBrowserPostsWork()
        {
            await using TestService t = await TestService.StartAsync();
            await SeedAsync(t);
            string own = "http://127.0.0.1:" + Port(t);
            var attacks = new (string How, Action<HttpRequestMessage> Apply)[]
            {
                ("a text/plain form post from another site", r =>
                {
                    r.Headers.Add("Origin", "http://evil.example");
                    r.Headers.Add("Sec-Fetch-Site", "cross-site");
                    r.Content = new StringContent("x", Encoding.UTF8, "text/plain");
                }),
                ("Sec-Fetch-Site: cross-site alone", r => r.Headers.Add("Sec-Fetch-Site", "cross-site")),
                ("Sec-Fetch-Site: same-site (a sibling port or subdomain)", r => r.Headers.Add("Sec-Fetch-Site", "same-site")),
                ("an older browser's foreign Origin", r => r.Headers.Add("Origin", "http://evil.example")),
                ("Origin of another port on this machine", r => r.Headers.Add("Origin", "http://127.0.0.1:1")),
                ("Origin: null (sandboxed frame)", r => r.Headers.Add("Origin", "null")),
            };
            foreach (var (how, apply) in attacks)
            {
                using HttpResponseMessage res = await SendAsync(t, HttpMethod.Post, "/api/priors/publish", apply);
                Assert.True(res.StatusCode == HttpStatusCode.Forbidden, $"{how}: {(int)res.StatusCode}");
                Assert.Contains("cross-site request refused", await res.Content.ReadAsStringAsync());
            }
            Assert.Equal(0, (await t.GetJsonAsync("/api/priors")).GetArrayLength());

            // The dashboard's own fetch: same origin, both headers set by the browser.
            using (HttpResponseMessage page = await SendAsync(t, HttpMethod.Post, "/api/priors/publish", r =>
                   {
                       r.Headers.Add("Origin", own);
                       r.Headers.Add("Sec-Fetch-Site", "same-origin");
                   }))
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            int afterPage = (await t.GetJsonAsync("/api/priors")).GetArrayLength();
            Assert.True(afterPage >= 1, "the same-origin publish sent no prior, so the refusals above proved nothing");
            // A script or the CLI: no Origin, no Sec-Fetch-Site.
            using (HttpResponseMessage script = await t.Http.PostAsync("/api/priors/publish", null))
                Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.True((await t.GetJsonAsync("/api/priors")).GetArrayLength() > afterPage);
        }

        [Fact]
        public async Task NonJsonBodies_AreRefusedWith415_AndChangeNothing()
        {
            await using TestService t = await TestService.StartAsync();
            long alertId = await SeedAsync(t);
            const string config = "{\"tele_s\":10,\"cells\":16}";
            const string ack = "{\"by\":\"tech\",\"note\":\"weld checked\"}";
            var bad = new (string Path, HttpContent? Content)[]
            {
                ($"/api/monitors/{Monitor}/config", new StringContent(config, Encoding.UTF8, "text/plain")),
                ($"/api/monitors/{Monitor}/config", new StringContent("tele_s=10&cells=16", Encoding.UTF8, "application/x-www-form-urlencoded")),
                ($"/api/alerts/{alertId}/ack", new StringContent(ack, Encoding.UTF8, "text/plain")),
                ($"/api/alerts/{alertId}/ack", new ByteArrayContent(Encoding.UTF8.GetBytes(ack))),   // a body without any Content-Type
                // An HTML form with no fields: empty body, but a form Content-Type.
                ($"/api/alerts/{alertId}/ack", new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded")),
                ("/api/priors/publish", new StringContent("", Encoding.UTF8, "multipart/form-data")),
            };
            foreach (var (path, content) in bad)
            {
                string type = content?.Headers.ContentType?.MediaType ?? "none";
                using HttpResponseMessage res = await SendAsync(t, HttpMethod.Post, path, r => r.Content = content);
                Assert.True(res.StatusCode == HttpStatusCode.UnsupportedMediaType, $"POST {path} with {type}: {(int)res.StatusCode}");
                Assert.Contains("application/json", await res.Content.ReadAsStringAsync());
            }
            Assert.Equal(0, (await t.GetJsonAsync("/api/configs")).GetArrayLength());
            Assert.Equal(0, (await t.GetJsonAsync("/api/priors")).GetArrayLength());
            Assert.Equal(JsonValueKind.Null, (await t.GetJsonAsync("/api/alerts")).EnumerateArray().Single().GetProperty("acked_ms").ValueKind);

            using (HttpResponseMessage ok = await t.Http.PostAsync($"/api/monitors/{Monitor}/config", new StringContent(config, Encoding.UTF8, "application/json")))
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using (HttpResponseMessage ok = await t.Http.PostAsync($"/api/alerts/{alertId}/ack", new StringContent(ack, Encoding.UTF8, "application/json")))
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(1, (await t.GetJsonAsync("/api/configs")).GetArrayLength());
            Assert.Equal("tech", (await t.GetJsonAsync("/api/alerts")).EnumerateArray().Single().GetProperty("acked_by").GetString());
        }

        [Fact]
        public async Task WithToken_CrossSitePostsAreRefusedEvenWithTheToken_AndAnyHostNameIsServed()
        {
            await using TestService t = await TestService.StartAsync(configure: o => o.HttpAccessToken = Token);
            using HttpResponseMessage forged = await SendAsync(t, HttpMethod.Post, "/api/priors/publish", r =>
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                r.Headers.Add("Origin", "http://evil.example");
                r.Headers.Add("Sec-Fetch-Site", "cross-site");
            });
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            // With a token a rebinding page gains nothing (no token, no cookie for its name); the service is reached under
            // whatever name the network gives it, so Host is not restricted.
            using HttpResponseMessage byName = await SendAsync(t, HttpMethod.Get, "/api/health", r =>
            {
                r.Headers.Host = "rig-host.example:8080";
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            });
            Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
            using HttpResponseMessage rebound = await SendAsync(t, HttpMethod.Get, "/api/health", r => r.Headers.Host = "evil.example");
            Assert.Equal(HttpStatusCode.Unauthorized, rebound.StatusCode);
        }

        [Fact]
        public async Task BearerScheme_IsCaseInsensitive()
        {
            await using TestService t = await TestService.StartAsync(configure: o => o.HttpAccessToken = Token);
            foreach (string scheme in new[] { "Bearer", "bearer", "BEARER" })
            {
                using HttpResponseMessage res = await SendAsync(t, HttpMethod.Get, "/api/health", r => r.Headers.TryAddWithoutValidation("Authorization", scheme + " " + Token));
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"{scheme}: {(int)res.StatusCode}");
            }
        }

        [Fact]
        public async Task QueryToken_OnAGet_RedirectsToTheSameUrlWithoutIt_AndTheCookieCarriesOn()
        {
            await using TestService t = await TestService.StartAsync(configure: o => o.HttpAccessToken = Token);
            using HttpResponseMessage first = await SendAsync(t, HttpMethod.Get, $"/api/alerts?open=true&token={Token}&limit=5", r => r.Headers.Add("Sec-Fetch-Site", "none"));
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
            Assert.Equal("/api/alerts?open=true&limit=5", first.Headers.Location!.OriginalString);
            string cookie = first.Headers.GetValues("Set-Cookie").Single();
            Assert.StartsWith("cellvar_token=", cookie, StringComparison.Ordinal);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            using HttpResponseMessage next = await SendAsync(t, HttpMethod.Get, first.Headers.Location.OriginalString, r => r.Headers.Add("Cookie", cookie.Split(';')[0]));
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);

            // A link followed from another site: the browser would not send the Strict cookie on a redirect that site
            // started, so the answer is a page that reloads the clean URL itself (same origin, cookie sent).
            using HttpResponseMessage linked = await SendAsync(t, HttpMethod.Get, $"/api/monitors?token={Token}", r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
            Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
            string html = await linked.Content.ReadAsStringAsync();
            Assert.Contains("url=/api/monitors\"", html);
            Assert.DoesNotContain(Token, html);
            Assert.Single(linked.Headers.GetValues("Set-Cookie"));

            // A wrong ?token= is still just refused, with no redirect and no cookie.
            using HttpResponseMessage wrong = await SendAsync(t, HttpMethod.Get, "/api/monitors?token=nope", _ => { });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.False(wrong.Headers.Contains("Set-Cookie"));
        }

        private static int Port(TestService t) => new Uri(t.Service.HttpAddress).Port;

        /// <summary>One request as written (no redirects followed, no cookie container), on the service's loopback address.</summary>
        private static async Task<HttpResponseMessage> SendAsync(TestService t, HttpMethod method, string path, Action<HttpRequestMessage> shape)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(t.Service.HttpAddress), Timeout = TimeSpan.FromSeconds(20) };
            using var req = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            shape(req);
            HttpResponseMessage res = await http.SendAsync(req);
            await res.Content.LoadIntoBufferAsync();
            return res;
        }

        /// <summary>
        /// A monitor with 16 healthy cells (enough for the prior loop to have something to publish) and one open alert,
        /// fed straight into ingest; returns the alert id.
        /// </summary>
        private static async Task<long> SeedAsync(TestService t)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            string topic(string kind) => $"{t.Service.Options.TopicRoot}/rig1/{Monitor}/{kind}";
            string cells = string.Join(",", Enumerable.Range(0, 16).Select(i => $"[{3300 + i},{19400 + 80 * i},{2480 + 3 * i},{245 + i},0,0,0]"));
            await t.Service.Ingest.EnqueueAsync(topic("state"), Encoding.UTF8.GetBytes($"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":1,\"t\":{now},\"online\":true,\"fw\":\"0.1.0\",\"cells\":16}}"), null);
            await t.Service.Ingest.EnqueueAsync(topic("telemetry"), Encoding.UTF8.GetBytes($"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":2,\"t\":{now},\"i_mA\":-12500,\"c0\":1,\"cells\":[{cells}]}}"), null);
            await t.Service.Ingest.EnqueueAsync(topic("alert"), Encoding.UTF8.GetBytes(
                $"{{\"v\":1,\"mon\":\"{Monitor}\",\"seq\":3,\"t\":{now},\"cell\":4,\"kind\":\"r_high\",\"state\":\"raised\",\"val\":26100,\"lim\":23100,\"z\":1016}}"), null);
            await t.WaitStoredAsync(3);
            Assert.Equal(3, t.Service.Ingest.Stats.Stored);
            return (await t.GetJsonAsync("/api/alerts")).EnumerateArray().Single().GetProperty("alert_id").GetInt64();
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Api;

namespace CellVar.Bms.Dashboard.Tests
{
    /// <summary>What the dashboard adds to the service's HTTP app, without a browser: files, token guard, alert export, event stream.</summary>
    public sealed class HttpSurfaceTests
    {
        private const string M = "rig1-m01";

        [Fact]
        public async Task FrontEnd_IsServedFromTheAssembly_WithTheVendoredChartLibrary()
        {
            await using DashboardHost host = await DashboardHost.StartAsync(new[] { M });
            using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
            using HttpResponseMessage root = await noRedirect.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
            Assert.Equal("/dashboard/", root.Headers.Location!.ToString());

            string index = await host.Http.GetStringAsync("/dashboard/");
            Assert.Contains("<script src=\"lib/uPlot.iife.min.js\"></script>", index);
            using HttpResponseMessage js = await host.Http.GetAsync("/dashboard/lib/uPlot.iife.min.js");
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
            Assert.StartsWith("text/javascript", js.Content.Headers.ContentType!.ToString());
            Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 40_000);
            Assert.Contains("MIT", await host.Http.GetStringAsync("/dashboard/lib/uPlot.LICENSE"));

            using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/app.js");
            again.Headers.IfNoneMatch.Add(js.Headers.ETag!);   // another file's ETag must not match
            Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(again)).StatusCode);
            using var same = new HttpRequestMessage(HttpMethod.Get, "/dashboard/lib/uPlot.iife.min.js");
            same.Headers.IfNoneMatch.Add(js.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await host.Http.SendAsync(same)).StatusCode);

            using HttpResponseMessage missing = await host.Http.GetAsync("/dashboard/nope.js");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("nope.js", await missing.Content.ReadAsStringAsync());
        }

        [Theory]
        [InlineData("http://127.0.0.1:8080", true)]
        [InlineData("http://localhost:8080", true)]
        [InlineData("http://[::1]:8080", true)]
        [InlineData("http://0.0.0.0:8080", false)]
        [InlineData("http://*:8080", false)]
        [InlineData("http://+:8080", false)]
        [InlineData("http://192.168.1.20:8080", false)]
        public void Loopback_IsRecognisedFromTheListenUrl(string url, bool loopback) => Assert.Equal(loopback, HttpAccessGuard.IsLoopback(url));

        [Fact]
        public async Task NonLoopbackListener_WithoutToken_RefusesToStart()
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardHost.StartAsync(new[] { M }, "http://0.0.0.0:0"));
            Assert.Contains("not loopback", e.Message);
            Assert.Contains(HttpAccessGuard.LegacyTokenVariable, e.Message);   // the dashboard's older variable name is still named
        }

        [Fact]
        public async Task WithToken_EveryRequestNeedsIt_ByHeaderQueryOrCookie()
        {
            const string token = "t0ken-for-the-rig";
            await using DashboardHost host = await DashboardHost.StartAsync(new[] { M }, dashboard: new DashboardOptions { AccessToken = token });
            foreach (string path in new[] { "/dashboard/", "/api/monitors", "/dashboard/api/alerts", "/dashboard/events" })
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(path)).StatusCode);

            using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/monitors"))
            {
                wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.SendAsync(wrong)).StatusCode);
            }
            using (var right = new HttpRequestMessage(HttpMethod.Get, "/api/monitors"))
            {
                right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(right)).StatusCode);
            }

            // A browser opens ?token= once; the cookie then carries it (the EventSource cannot send headers).
            var cookies = new CookieContainer();
            using var browserLike = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.Http.BaseAddress };
            using (HttpResponseMessage landed = await browserLike.GetAsync("/dashboard/?token=" + token))
            {
                Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
                // Redirected (303) to the page without the token, so it does not stay in the address bar; the cookie authorised the second request.
                Assert.Equal("/dashboard/", landed.RequestMessage!.RequestUri!.PathAndQuery);
            }
            Assert.Equal(HttpStatusCode.OK, (await browserLike.GetAsync("/dashboard/api/alerts")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browserLike.GetAsync("/api/health")).StatusCode);
        }

        [Fact]
        public async Task NonLoopbackListener_WithTheDashboardOptionToken_Starts_AndGuardsApiAndDashboard()
        {
            const string token = "t0ken-from-dashboard-options";
            await using DashboardHost host = await DashboardHost.StartAsync(new[] { M }, "http://0.0.0.0:0", new DashboardOptions { AccessToken = token });
            Assert.StartsWith("http://0.0.0.0:", host.Service.HttpAddress);
            foreach (string path in new[] { "/dashboard/", "/api/monitors", "/dashboard/events" })
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(path)).StatusCode);
            host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/dashboard/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/monitors")).StatusCode);
        }

        [Fact]
        public async Task ServiceToken_GuardsTheDashboardToo_WithNoDashboardOption()
        {
            const string token = "service-side-token";
            await using DashboardHost host = await DashboardHost.StartAsync(new[] { M }, "http://0.0.0.0:0", serviceToken: token);
            foreach (string path in new[] { "/", "/dashboard/", "/dashboard/app.js", "/dashboard/api/alerts", "/dashboard/api/alerts.csv", "/dashboard/api/population" })
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(path)).StatusCode);
            host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/dashboard/api/alerts")).StatusCode);
        }

        [Fact]
        public async Task DashboardToken_DifferentFromTheServiceToken_RefusesToStart()
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                DashboardHost.StartAsync(new[] { M }, dashboard: new DashboardOptions { AccessToken = "one" }, serviceToken: "two"));
            Assert.Contains("two different HTTP access tokens", e.Message);
        }

        [Fact]
        public async Task AlertExport_FiltersByKindSeverityAndMonitor_AndQuotesNotes()
        {
            await using DashboardHost host = await DashboardHost.StartAsync(new[] { M });
            var c = await host.MonitorClientAsync(M);
            var w = new Wire("rig1", M);
            await DashboardHost.PublishAsync(c, w.Topic("alert"), w.Alert(7, "r_high", true, 26100, 23100, 1016));   // 10.16 σ: critical
            await DashboardHost.PublishAsync(c, w.Topic("alert"), w.Alert(3, "t_high", true, 330, 300, 450));       // 4.5 σ: warning
            await DashboardHost.PublishAsync(c, w.Topic("alert"), w.Alert(9, "sensor", true, 0, 0, 0));             // fault
            await WaitForAsync(async () => JsonDocument.Parse(await host.Http.GetStringAsync("/api/alerts")).RootElement.GetArrayLength() == 3, "3 alerts stored");

            long id = JsonDocument.Parse(await host.Http.GetStringAsync("/dashboard/api/alerts?kind=r_high")).RootElement[0].GetProperty("alert_id").GetInt64();
            const string note = "reworked, \"weld\" ok";
            using (HttpResponseMessage ack = await host.Http.PostAsync($"/api/alerts/{id}/ack",
                       new StringContent(JsonSerializer.Serialize(new { by = "tech", note }), Encoding.UTF8, "application/json")))
                ack.EnsureSuccessStatusCode();

            string all = await host.Http.GetStringAsync("/dashboard/api/alerts.csv");
            string[] lines = all.TrimEnd('\n').Split('\n');
            Assert.Equal("alert_id,monitor_id,cell,kind,severity,open,raised_ms,value,limit,score_c,cleared_ms,acked_ms,acked_by,ack_note", lines[0]);
            Assert.Equal(4, lines.Length);

            string[] critical = (await host.Http.GetStringAsync("/dashboard/api/alerts.csv?severity=critical")).TrimEnd('\n').Split('\n');
            Assert.Equal(2, critical.Length);
            Assert.StartsWith($"{id},{M},7,r_high,critical,true,", critical[1]);
            Assert.EndsWith(",tech,\"reworked, \"\"weld\"\" ok\"", critical[1]);

            Assert.Equal(2, (await host.Http.GetStringAsync("/dashboard/api/alerts.csv?severity=warning")).TrimEnd('\n').Split('\n').Length);
            Assert.Contains(",9,sensor,fault,", await host.Http.GetStringAsync("/dashboard/api/alerts.csv?kind=sensor"));
            Assert.Single((await host.Http.GetStringAsync("/dashboard/api/alerts.csv?monitor=other")).TrimEnd('\n').Split('\n'));

            using HttpResponseMessage bad = await host.Http.GetAsync("/dashboard/api/alerts.csv?kind=hot");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("kind 'hot'", await bad.Content.ReadAsStringAsync());
            c.Dispose();
        }

        [Fact]
        public async Task EventStream_AnnouncesTelemetryOnlyAfterItIsStored()
        {
            await using DashboardHost host = await DashboardHost.StartAsync(new[] { M });
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var req = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
            using HttpResponseMessage res = await host.Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            Assert.Equal("text/event-stream", res.Content.Headers.ContentType!.MediaType);
            using var reader = new StreamReader(await res.Content.ReadAsStreamAsync(cts.Token));
            Assert.Equal("retry: 2000", await reader.ReadLineAsync(cts.Token));

            var c = await host.MonitorClientAsync(M);
            var w = new Wire("rig1", M);
            await DashboardHost.PublishAsync(c, w.Topic("telemetry"), w.Telemetry(1, 4, n => (3300 + n, 20000 + n, 2500 + n, 250 + n, n, -n, 0)));

            JsonElement msg;
            while (true)
            {
                string? line = await reader.ReadLineAsync(cts.Token);
                Assert.NotNull(line);
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    msg = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                    break;
                }
            }
            var cells = msg.GetProperty("cells").EnumerateArray().OrderBy(r => r[1].GetInt32()).ToArray();
            Assert.Equal(4, cells.Length);
            Assert.Equal(M, cells[2][0].GetString());
            Assert.Equal(3, cells[2][1].GetInt32());
            Assert.Equal(20003, cells[2][3].GetInt32());     // resistance µΩ, column order of the feed: voltage, R, Q, T, r score, t score, flags
            Assert.Equal(-3, cells[2][7].GetInt32());
            Assert.Equal("rig1", msg.GetProperty("sites").GetProperty(M).GetString());

            // Announced ⇒ stored: the API already serves it.
            JsonElement api = JsonDocument.Parse(await host.Http.GetStringAsync($"/api/monitors/{M}/cells")).RootElement;
            Assert.Equal(20003, api.EnumerateArray().Single(x => x.GetProperty("cell").GetInt32() == 3).GetProperty("resistance_uohm").GetInt32());
            c.Dispose();
        }

        [Fact]
        public async Task OpenEventStream_DoesNotHoldUpShutdown()
        {
            DashboardHost host = await DashboardHost.StartAsync(new[] { M });
            using var req = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
            using HttpResponseMessage res = await host.Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await res.Content.ReadAsStreamAsync());
            Assert.Equal("retry: 2000", await reader.ReadLineAsync());
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await host.DisposeAsync();
            // Kestrel waits up to 30 s for running requests; the feed ends its streams when the app stops, so this takes far less.
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"shutdown took {sw.Elapsed.TotalSeconds:F1} s with a browser connected");
        }

        private static async Task WaitForAsync(Func<Task<bool>> ok, string what)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (!await ok())
            {
                if (sw.Elapsed.TotalSeconds > 15)
                    throw new TimeoutException("timed out waiting for " + what);
                await Task.Delay(20);
            }
        }
    }
}

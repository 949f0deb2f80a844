using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Simulation;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>Config push-back through the API, and two service instances sharing one broker and one PostgreSQL.</summary>
    public class ConfigAndScaleOutTests
    {
        [Fact]
        public async Task ConfigPushedThroughApi_IsAppliedByTheDevice_AndItsAnswerRecorded()
        {
            await using var t = await TestService.StartAsync();
            await using var m = await SimulatedMonitor.ConnectAsync("127.0.0.1", t.MqttPort, "cellvar/v1", Golden.Site, "rig1-m01", TestService.Of("rig1-m01").Value);
            await t.WaitStoredAsync(1);
            var bad = await t.Http.PostAsync("/api/monitors/rig1-m01/config", new StringContent("{\"tele_s\":0,\"cells\":16}", Encoding.UTF8, "application/json"));
            Assert.Equal(400, (int)bad.StatusCode);
            Assert.Contains("tele_s", await bad.Content.ReadAsStringAsync());
            var r = await t.Http.PostAsync("/api/monitors/rig1-m01/config", new StringContent("{\"tele_s\":5,\"cells\":12}", Encoding.UTF8, "application/json"));
            r.EnsureSuccessStatusCode();
            await TestService.WaitUntilAsync(async () =>
                (await t.Service.Store.DownlinksAsync("rig1-m01", "config", 5)).Any(d => d.Status == "accepted"), "config accepted by the device");
            Assert.Equal((5, 12, 60), (m.Link.Config!.TelemetryPeriod_s, m.Link.Config.CellCount, m.Link.Config.AlertHold_s));
            var api = await t.GetJsonAsync("/api/configs?monitor=rig1-m01");
            Assert.Equal("accepted", api[0].GetProperty("status").GetString());
        }

        [SkippableFact]
        public async Task TwoInstances_WithASharedSubscription_StoreEveryMessageExactlyOnce()
        {
            string bin = Services.Mosquitto();
            await using var pg = await Services.PostgresAsync();
            await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\n");
            string url = $"mqtt://127.0.0.1:{mosq.Port}";
            await using var a = await TestService.StartAsync(database: pg.Url, brokerUrl: url, shareGroup: "cellvar");
            await using var b = await TestService.StartAsync(database: pg.Url, brokerUrl: url, shareGroup: "cellvar");
            using var c = await TestService.ClientAsync(mosq.Port, "rig1-m01", null, null);
            const int n = 300;
            string template = Encoding.UTF8.GetString(Golden.Bytes("telemetry-16cells.json"));
            for (int i = 0; i < n; i++)
            {
                var r = await TestService.PublishAsync(c, TestService.Topic("rig1-m01", "telemetry"),
                    Encoding.UTF8.GetBytes(template.Replace("\"seq\":1001", $"\"seq\":{5000 + i}")), qos: 1);
                Assert.True(r.IsSuccess);
            }
            await TestService.WaitUntilAsync(async () => (await a.Service.Store.CountsAsync()).Rows["telemetry"] >= n, $"{n} rows in the shared database");
            Assert.Equal(n, (await a.Service.Store.CountsAsync()).Rows["telemetry"]);
            long ra = a.Service.Ingest.Stats.Stored, rb = b.Service.Ingest.Stats.Stored;
            Assert.Equal(n, ra + rb); // each message went to exactly one instance
            Assert.True(ra > 0 && rb > 0, $"both instances should take a share (a {ra}, b {rb})");
        }
    }
}

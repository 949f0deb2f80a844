using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.Service.Simulation;
using MQTTnet;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>Golden payloads through the embedded broker into SQLite, read back through the HTTP API.</summary>
    public class EmbeddedIngestTests
    {
        private static readonly string[] DeviceToHost =
        {
            "state-online.json", "telemetry-16cells.json", "alert-raised.json", "alert-cleared.json", "status-prior-accepted.json", "status-prior-rejected.json",
        };

        private static string KindOf(string file) => file.Split('-')[0];

        internal static async Task PublishGoldenAsync(IMqttClient c)
        {
            foreach (string f in DeviceToHost)
            {
                var r = await TestService.PublishAsync(c, TestService.Topic(Golden.Monitor, KindOf(f)), Golden.Bytes(f), qos: 1, retain: KindOf(f) == "state");
                Assert.True(r.IsSuccess, $"{f}: {r.ReasonCode}");
            }
        }

        /// <summary>What the golden files must leave in the database (independent of the code: counted from the files).</summary>
        internal static async Task AssertGoldenRowsAsync(CellVarService s)
        {
            var counts = (await s.Store.CountsAsync()).Rows;
            Assert.Equal(1, counts["monitors"]);
            Assert.Equal(1, counts["telemetry"]);
            Assert.Equal(16, counts["cells"]);
            Assert.Equal(5, counts["events"]); // state online, 2 alerts, 2 status
            Assert.Equal(1, counts["alerts"]); // raised then cleared: one alert
            Assert.Equal(0, counts["rejects"]);
            var cells = await s.Store.CellsAsync(Golden.Monitor, false);
            Assert.Equal(26100, cells.Single(c => c.Cell == 7).ResistanceUohm);
            Assert.Equal(1, cells.Single(c => c.Cell == 7).Flags);
            var alert = (await s.Store.AlertsAsync(Golden.Monitor, false, 10)).Single();
            Assert.Equal((7, "r_high", 26100L, 23100L, 22900L), (alert.Cell, alert.Kind, alert.Value!.Value, alert.Limit!.Value, alert.ClearedValue!.Value));
            var m = (await s.Store.MonitorsAsync(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000)).Single();
            Assert.True(m.Online);
            Assert.Equal(("0.1.0", 16, 1005L), (m.Firmware, m.CellCount!.Value, m.MaxSeq!.Value));
        }

        [Fact]
        public async Task GoldenPayloads_EndUpAsRows_AndRedeliveryDoesNotDuplicate()
        {
            await using var t = await TestService.StartAsync();
            using var c = await TestService.ClientAsync(t.MqttPort, Golden.Monitor, Golden.Monitor, TestService.Of(Golden.Monitor).Value);
            await PublishGoldenAsync(c);
            await t.WaitStoredAsync(6);
            await AssertGoldenRowsAsync(t.Service);
            await PublishGoldenAsync(c); // a redelivery of everything
            await t.WaitStoredAsync(12);
            Assert.Equal(6, t.Service.Ingest.Stats.Duplicates); // all six carry a seq already stored
            await AssertGoldenRowsAsync(t.Service);
            Assert.Empty(await t.Service.Store.GapsAsync(Golden.Monitor)); // seqs 1000..1005 arrive in order
        }

        [Fact]
        public async Task BadPayloads_AreCountedLoggedAndStored_WhileIngestContinues()
        {
            await using var t = await TestService.StartAsync();
            using var c = await TestService.ClientAsync(t.MqttPort, Golden.Monitor, Golden.Monitor, TestService.Of(Golden.Monitor).Value);
            string tele = TestService.Topic(Golden.Monitor, "telemetry");
            await TestService.PublishAsync(c, tele, Encoding.UTF8.GetBytes("{\"v\":1,\"mon\":")); // malformed
            await TestService.PublishAsync(c, tele, Encoding.UTF8.GetBytes("{\"v\":1,\"pad\":\"" + new string('x', 5000) + "\"}")); // oversized
            await TestService.PublishAsync(c, tele, Golden.Bytes("telemetry-wrong-type.json")); // wrongly typed
            await TestService.PublishAsync(c, tele, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Golden.Bytes("telemetry-16cells.json")).Replace("rig1-m01", "rig1-m02"))); // wrong monitor
            await TestService.PublishAsync(c, tele, Golden.Bytes("telemetry-16cells.json")); // and a good one after them
            await t.WaitStoredAsync(5);
            var st = t.Service.Ingest.Stats;
            Assert.Equal(4, st.Rejected);
            Assert.Equal(1, st.Stored);
            Assert.Equal(new[] { ("json", 1L), ("monitor", 1L), ("too_large", 1L), ("type", 1L) }, st.RejectedByReason.OrderBy(k => k.Key).Select(k => (k.Key, k.Value)));
            Assert.Equal(4, t.Logs.Lines.Count(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.StartsWith("rejected payload")));
            var rejects = await t.GetJsonAsync("/api/rejects");
            Assert.Equal(4, rejects.GetArrayLength());
            Assert.Contains(rejects.EnumerateArray(), r => r.GetProperty("reason").GetString() == "type" && r.GetProperty("field").GetString() == "i_mA");
            var stats = await t.GetJsonAsync("/api/stats");
            Assert.Equal(4, stats.GetProperty("rejected").GetInt64());
        }

        [Fact]
        public async Task SequenceGaps_AreRecorded_AndLateArrivalsCounted()
        {
            await using var t = await TestService.StartAsync();
            await using var m = await SimulatedMonitor.ConnectAsync("127.0.0.1", t.MqttPort, "cellvar/v1", Golden.Site, "rig1-m02", TestService.Of("rig1-m02").Value, firstSequence: 10);
            m.PublishTelemetry(); // seq 11 (10 was the online state)
            await m.Mqtt.FlushAsync();
            await t.WaitStoredAsync(2);
            // Simulate lost messages: the device's sequence jumps by 5 (e.g. publishes while disconnected).
            m.Mqtt.SimulateOutage = true;
            for (int i = 0; i < 5; i++)
                Assert.False(m.PublishTelemetry()); // 12..16 are lost on the device side
            m.Mqtt.SimulateOutage = false;
            Assert.Equal(5, m.Link.PublishFailures);
            m.PublishTelemetry(); // 17
            await m.Mqtt.FlushAsync();
            await t.WaitStoredAsync(3);
            var gap = Assert.Single(await t.Service.Store.GapsAsync("rig1-m02"));
            Assert.Equal((12L, 16L), (gap.FromSeq, gap.ToSeq));
            var api = await t.GetJsonAsync("/api/monitors/rig1-m02/gaps");
            Assert.Equal(12, api[0].GetProperty("from_seq").GetInt64());
            // A message from inside the gap turns up late (e.g. redelivered by another broker node): stored once and counted.
            using var raw = await TestService.ClientAsync(t.MqttPort, "rig1-m02", "rig1-m02", TestService.Of("rig1-m02").Value);
            string late = Encoding.UTF8.GetString(Golden.Bytes("telemetry-16cells.json")).Replace("rig1-m01", "rig1-m02").Replace("\"seq\":1001", "\"seq\":14");
            await TestService.PublishAsync(raw, TestService.Topic("rig1-m02", "telemetry"), Encoding.UTF8.GetBytes(late));
            await t.WaitStoredAsync(4);
            Assert.Equal(1, Assert.Single(await t.Service.Store.GapsAsync("rig1-m02")).LateArrivals);
            Assert.Equal(1, t.Service.Ingest.Stats.LateArrivals);
        }

        [Fact]
        public async Task HttpApi_ServesMonitorsCellsTelemetryCsvAlertsAndAcknowledge_AndMarksStaleOnLastWill()
        {
            await using var t = await TestService.StartAsync();
            var m = await SimulatedMonitor.ConnectAsync("127.0.0.1", t.MqttPort, "cellvar/v1", Golden.Site, "rig1-m01", TestService.Of("rig1-m01").Value);
            for (int i = 0; i < 16; i++)
                m.Cells.Resistance_uOhm[i] = 20000 + 100 * i;
            for (int k = 0; k < 3; k++)
                m.PublishTelemetry();
            m.PublishAlert(5, OnDevice.Communication.AlertKind.TemperatureHigh, true, 420, 400, 350);
            await m.Mqtt.FlushAsync();
            await t.WaitStoredAsync(5);

            var index = await t.GetJsonAsync("/api");
            Assert.Contains(index.GetProperty("endpoints").EnumerateArray(), e => e.GetString()!.Contains("/api/alerts/{alert_id}/ack"));
            var mons = await t.GetJsonAsync("/api/monitors");
            var mon = mons.EnumerateArray().Single();
            Assert.Equal("rig1-m01", mon.GetProperty("monitor_id").GetString());
            Assert.True(mon.GetProperty("online").GetBoolean());
            Assert.False(mon.GetProperty("stale").GetBoolean());
            Assert.Equal(1, mon.GetProperty("open_alerts").GetInt32());

            var cells = await t.GetJsonAsync("/api/monitors/rig1-m01/cells");
            Assert.Equal(16, cells.GetArrayLength());
            Assert.Equal(21500, cells[15].GetProperty("resistance_uohm").GetInt32());

            var hist = await t.GetJsonAsync("/api/monitors/rig1-m01/telemetry?cell=4");
            Assert.Equal(3, hist.GetArrayLength());
            Assert.All(hist.EnumerateArray(), p => Assert.Equal(20300, p.GetProperty("resistance_uohm").GetInt32()));

            string csv = await t.Http.GetStringAsync("/api/monitors/rig1-m01/telemetry.csv");
            string[] lines = csv.TrimEnd('\n').Split('\n');
            Assert.Equal(1 + 3 * 16, lines.Length);
            Assert.StartsWith("monitor_id,seq,device_ms", lines[0]);

            var bad = await t.Http.GetAsync("/api/monitors/rig1-m01/telemetry?cell=99");
            Assert.Equal(400, (int)bad.StatusCode);
            Assert.Contains("cell", await bad.Content.ReadAsStringAsync());
            Assert.Equal(404, (int)(await t.Http.GetAsync("/api/monitors/nope")).StatusCode);

            var alerts = await t.GetJsonAsync("/api/alerts?open=true");
            long id = alerts[0].GetProperty("alert_id").GetInt64();
            Assert.Equal("t_high", alerts[0].GetProperty("kind").GetString());
            var ack = await t.Http.PostAsync($"/api/alerts/{id}/ack", new StringContent("{\"by\":\"tech-anna\",\"note\":\"fan blocked\"}", Encoding.UTF8, "application/json"));
            ack.EnsureSuccessStatusCode();
            var acked = JsonDocument.Parse(await ack.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("tech-anna", acked.GetProperty("acked_by").GetString());
            Assert.Equal(404, (int)(await t.Http.PostAsync("/api/alerts/999999/ack", null)).StatusCode);

            // The monitor dies without DISCONNECT: the broker publishes its retained last will, the service marks it offline and stale.
            m.Crash();
            await TestService.WaitUntilAsync(async () =>
            {
                var one = await t.GetJsonAsync("/api/monitors/rig1-m01");
                return one.GetProperty("stale").GetBoolean() && !one.GetProperty("online").GetBoolean();
            }, "monitor marked offline and stale after its last will");
            var staleCells = await t.GetJsonAsync("/api/monitors/rig1-m01/cells");
            Assert.True(staleCells[0].GetProperty("stale").GetBoolean());
        }
    }
}

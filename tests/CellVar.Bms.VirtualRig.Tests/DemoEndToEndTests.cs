using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.VirtualRig.Demo;
using CellVar.Bms.VirtualRig.Running;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>The demo's chain end to end: virtual monitors → embedded broker → service → SQLite → HTTP API.</summary>
    public sealed class DemoEndToEndTests(ITestOutputHelper output)
    {
        [Fact]
        public async Task AcceleratedDemo_DetectsEveryInjectedDefect_AlertsInStoreAndApi()
        {
            var rig = new RigOptions { Monitors = 4, Cells = 8, Duration_s = 1500, Speed = 0, Defects = DemoSession.DefaultDefects };
            await using var demo = await DemoSession.StartAsync(rig, "http://127.0.0.1:0", null);
            await demo.Rig.RunAsync();
            var report = DefectReport.Evaluate(DemoSession.DefaultDefects, demo.Rig.Alerts());
            foreach (var o in report.Outcomes) output.WriteLine($"{o.Defect.Describe()}: {o.Kind} after {o.Latency_s} s");
            Assert.All(report.Outcomes, o => Assert.NotNull(o.DetectedAt_s));
            Assert.Empty(report.FalseAlarms);

            var rows = await demo.StoredAlertsAsync(TimeSpan.FromSeconds(20));
            foreach (var d in DemoSession.DefaultDefects)
                Assert.Contains(rows, r => r.MonitorId == $"vrig-m{d.Monitor:00}" && r.Cell == d.Cell && r.RaisedSeq != null);
            Assert.DoesNotContain(rows, r => r.MonitorId == "vrig-m04"); // the healthy pack

            using var http = new HttpClient { BaseAddress = new Uri(demo.HttpAddress) };
            using JsonDocument api = JsonDocument.Parse(await http.GetStringAsync("/api/alerts?limit=100"));
            var fromApi = api.RootElement.EnumerateArray().Select(e => (Prop(e, "monitorId").GetString(), Prop(e, "cell").GetInt32())).ToList();
            foreach (var d in DemoSession.DefaultDefects)
                Assert.Contains(($"vrig-m{d.Monitor:00}", d.Cell), fromApi);
        }

        [Fact]
        public async Task BrokerDownFor30s_MonitorsBufferAndResend_HostRecordsGap_NoAcknowledgedAlertLost()
        {
            // 25× real time: the 30 s outage covers simulated ~300..1050 s, when the hot cell (~520 s) and the weld (~720 s) alarm.
            var rig = new RigOptions { Monitors = 2, Cells = 8, Duration_s = 1300, Speed = 25, Defects = DemoSession.DefaultDefects.Take(2).ToList() };
            await using var demo = await DemoSession.StartAsync(rig, "http://127.0.0.1:0", null);
            var acked = new ConcurrentBag<(string Topic, long Seq)>();
            foreach (var m in demo.Rig.Monitors)
                m.Mqtt!.Acknowledged = (topic, payload) =>
                {
                    if (!topic.EndsWith("/alert", StringComparison.Ordinal)) return;
                    using var j = JsonDocument.Parse(Encoding.UTF8.GetString(payload));
                    acked.Add((j.RootElement.GetProperty("mon").GetString()!, j.RootElement.GetProperty("seq").GetInt64()));
                };
            Task<double> run = demo.Rig.RunAsync();
            while (demo.Rig.Now_s < 300) await Task.Delay(50);
            await demo.Service.Broker!.StopAsync();
            double stoppedAt = demo.Rig.Now_s;
            await Task.Delay(TimeSpan.FromSeconds(30));
            // While offline the device keeps its alerts in its own bounded queue, as firmware does.
            int raisedDuringOutage = demo.Rig.Monitors.Sum(m => m.Device.Alerts.Count);
            await demo.Service.Broker.StartAsync();
            double restartedAt = demo.Rig.Now_s;
            await run;
            output.WriteLine($"broker stopped at sim {stoppedAt:0} s, restarted at sim {restartedAt:0} s; alerts queued on the devices meanwhile: {raisedDuringOutage}");
            Assert.True(raisedDuringOutage >= 2, "the scenario must raise alerts while the broker is down");

            // Monitors reconnect (back-off ≤ 8 s) and drain their queues; wait for the store to catch up.
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < until && demo.Rig.Monitors.Any(m => !m.Mqtt!.IsConnected || m.Mqtt.OutboxCount > 0)) await Task.Delay(100);
            foreach (var m in demo.Rig.Monitors) m.Flush();
            var rows = await demo.StoredAlertsAsync(TimeSpan.FromSeconds(30));
            foreach (var m in demo.Rig.Monitors)
                output.WriteLine($"{m.Options.MonitorId}: {m.Mqtt!.Statistics}");

            var storedSeqs = rows.SelectMany(r => new[] { (r.MonitorId, r.RaisedSeq), (r.MonitorId, r.ClearedSeq) }).Where(x => x.Item2 != null)
                .Select(x => (x.MonitorId, x.Item2!.Value)).ToHashSet();
            Assert.NotEmpty(acked);
            foreach (var a in acked) Assert.Contains((a.Topic, a.Seq), storedSeqs);
            Assert.Equal(demo.Rig.Alerts().Count(a => a.Cell != null), storedSeqs.Count);
            Assert.All(demo.Rig.Monitors, m => Assert.True(m.Mqtt!.Statistics.Connects >= 2, "each monitor reconnected"));

            var gaps = await demo.Service.Store.GapsAsync(null);
            foreach (var g in gaps) output.WriteLine($"gap {g.MonitorId} {g.FromSeq}..{g.ToSeq}");
            Assert.All(demo.Rig.Monitors, m => Assert.Contains(gaps, g => g.MonitorId == m.Options.MonitorId && g.ToSeq - g.FromSeq >= 100));
        }

        private static JsonElement Prop(JsonElement e, string camel)
        {
            string snake = string.Concat(camel.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
            foreach (string n in new[] { camel, snake, char.ToUpperInvariant(camel[0]) + camel[1..] })
                if (e.TryGetProperty(n, out var v)) return v;
            throw new Xunit.Sdk.XunitException($"API alert has no '{camel}': {e}");
        }
    }
}

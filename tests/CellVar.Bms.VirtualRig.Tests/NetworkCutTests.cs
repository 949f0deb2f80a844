using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Tests;
using CellVar.Bms.Service.Storage;
using CellVar.Bms.VirtualRig.Demo;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// The network path between the virtual monitors and Mosquitto is black-holed for two minutes of wall time
    /// (an hour of device time at 30×) while the monitors keep ticking: they must notice through keep-alive, keep
    /// failing to connect while the path is dead, reconnect when it is back, and deliver every alert raised meanwhile
    /// exactly once; the host must record the lost telemetry as a gap and not fill it. Complements
    /// <see cref="MosquittoOutageTests"/> (broker process gone, connections refused) with a silent path (no refusal,
    /// no close). Without mosquitto the test is skipped, except with CELLVAR_CI=1, where it fails.
    /// </summary>
    public sealed class NetworkCutTests(ITestOutputHelper output)
    {
        private const double Speed = 30;
        private static readonly TimeSpan CutFor = TimeSpan.FromSeconds(120);

        [SkippableFact]
        [Trait("Category", "Slow")]
        public async Task PathBlackholedFor2Minutes_MonitorsReconnect_AlertsStoredOnce_GapRecordedNotInvented()
        {
            string bin = Services.Mosquitto();
            await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\n");
            await using var proxy = new BlackholeProxy("127.0.0.1", mosq.Port);
            string db = Path.Combine(Path.GetTempPath(), $"vrig-cut-{Guid.NewGuid():N}.db");
            var so = new ServiceOptions
            {
                BrokerUrl = $"mqtt://127.0.0.1:{mosq.Port}", Database = db, HttpUrl = "http://127.0.0.1:0", PriorInterval = TimeSpan.Zero,
                ClientId = "vrig-cut-" + Guid.NewGuid().ToString("N")[..8],
            };
            try
            {
                await using var service = await CellVarService.StartAsync(so, NullLoggerFactory.Instance);
                // The cut starts at simulated 150 s and lasts 120 s × 30 = 3600 simulated s, so the hot cell (~510 s) and the weld
                // (~720 s) alarm inside it; 300 simulated s after it cover the reconnect back-off (≤ 8 s wall = 240 simulated s).
                const double cutAt_s = 150;
                await using var rig = new Running.VirtualRig(new RigOptions
                {
                    Monitors = 2, Cells = 8, Duration_s = cutAt_s + CutFor.TotalSeconds * Speed + 300, Speed = Speed,
                    Defects = DemoSession.DefaultDefects.Take(2).ToList(), Broker = new BrokerAddress("127.0.0.1", proxy.Port), IdPrefix = "cut-m",
                });
                Assert.True(await rig.ConnectAsync(TimeSpan.FromSeconds(20)));
                var ledger = AckedAlertLedger.Attach(rig);
                Task<double> run = rig.RunAsync();
                while (rig.Now_s < cutAt_s) await Task.Delay(50);
                proxy.Cut();
                double cutFrom = rig.Now_s;
                DateTime cutWallFrom = DateTime.UtcNow;
                await Task.Delay(CutFor);
                int queuedOnDevices = rig.Monitors.Sum(m => m.Device.Alerts.Count);
                int inOutboxes = rig.Monitors.Sum(m => m.Mqtt!.OutboxCount);
                bool anyConnectedAtEnd = rig.Monitors.Any(m => m.Mqtt!.IsConnected);
                var failedDuringCut = rig.Monitors.Select(m => m.Mqtt!.Statistics.FailedConnects).ToList();
                proxy.Restore();
                DateTime cutWallTo = DateTime.UtcNow;
                double cutTo = rig.Now_s;
                await run;
                output.WriteLine($"path cut at sim {cutFrom:0} s, restored at sim {cutTo:0} s ({(cutWallTo - cutWallFrom).TotalSeconds:0} s wall); " +
                                 $"alerts waiting on the devices {queuedOnDevices}, in link outboxes {inOutboxes}; swallowed {proxy.Swallowed_B} B; " +
                                 $"connections {proxy.Connections.Total} ({proxy.Connections.WhileCut} while cut); failed connects during cut {string.Join(",", failedDuringCut)}");

                // The monitors kept ticking through the cut (the accelerated clock ran on), noticed it, and kept trying.
                Assert.True(cutTo - cutFrom >= 0.9 * CutFor.TotalSeconds * Speed, $"device clock advanced only {cutTo - cutFrom:0} s during the cut");
                Assert.False(anyConnectedAtEnd, "keep-alive must detect a silent path within two minutes");
                Assert.All(failedDuringCut, f => Assert.True(f >= 3, $"{f} failed connects during the cut"));
                Assert.True(proxy.Connections.WhileCut >= 2, "reconnect attempts must have reached the dead path");
                Assert.True(queuedOnDevices + inOutboxes >= 2, "the scenario must raise alerts during the cut");

                await ledger.WaitAndAssertStoredExactlyOnceAsync(rig, service.Store, output);
                Assert.All(rig.Monitors, m => Assert.True(m.Mqtt!.Statistics.Connects >= 2, $"{m.Options.MonitorId} did not reconnect"));
                int ackedAfterCut = ledger.Acked.Count(a => a.AckedUtc >= cutWallTo);
                Assert.True(ackedAfterCut >= queuedOnDevices + inOutboxes, $"{ackedAfterCut} alerts acknowledged after the cut, {queuedOnDevices + inOutboxes} were waiting");

                var gaps = await service.Store.GapsAsync(null);
                foreach (var m in rig.Monitors)
                {
                    string id = m.Options.MonitorId;
                    var mine = gaps.Where(g => g.MonitorId == id).ToList();
                    long missing = mine.Sum(g => g.ToSeq - g.FromSeq + 1);
                    (List<long> telemetry, List<long> events) = await SeqsAsync(service.Store, id);
                    var stored = telemetry.Concat(events).ToHashSet();
                    long first = stored.Min(), last = stored.Max();
                    output.WriteLine($"{id}: seq {first}..{last}, telemetry stored {telemetry.Count}, events {events.Count}, " +
                                     $"gaps {mine.Count} covering {missing} seq: {string.Join(" ", mine.Select(g => $"{g.FromSeq}..{g.ToSeq} (late {g.LateArrivals})"))}");
                    // One telemetry page per simulated second was lost for the whole cut, except the seqs the queued alerts took;
                    // the 0.9 allows for the cut's edges falling between ticks of the two loops.
                    Assert.True(missing >= 0.9 * (cutTo - cutFrom) - events.Count, $"{id}: gaps cover only {missing} seq");
                    // Not invented: no telemetry inside a recorded gap; the only rows inside one are QoS 1 events (state/alert)
                    // that arrived after newer QoS 0 telemetry overtook them, and the gap counts each as a late arrival.
                    Assert.DoesNotContain(telemetry, s => mine.Any(g => s >= g.FromSeq && s <= g.ToSeq));
                    foreach (var g in mine)
                        Assert.Equal(g.LateArrivals, events.Count(s => s >= g.FromSeq && s <= g.ToSeq));
                    // Nothing unaccounted for: every seq in the range is stored or in a gap (late arrivals are both).
                    Assert.Equal(last - first + 1, stored.Count + missing - mine.Sum(g => g.LateArrivals));
                }
            }
            finally
            {
                foreach (string f in new[] { db, db + "-wal", db + "-shm" }) try { File.Delete(f); } catch (IOException) { }
            }
        }

        private static async Task<(List<long> Telemetry, List<long> Events)> SeqsAsync(Store store, string monitor) =>
            (await StoredSequences.ReadAsync(store, "telemetry", monitor), await StoredSequences.ReadAsync(store, "events", monitor));
    }
}

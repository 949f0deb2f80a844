using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Tests;
using CellVar.Bms.VirtualRig.Demo;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// The virtual rig against a real Mosquitto broker that is stopped for 30 s mid-run. Without mosquitto the test
    /// is skipped, except with CELLVAR_CI=1, where it fails (CI must run it).
    /// </summary>
    public sealed class MosquittoOutageTests(ITestOutputHelper output)
    {
        [SkippableFact]
        [Trait("Category", "Slow")]
        public async Task MosquittoDownFor30s_MonitorsResend_NoAcknowledgedAlertLost_GapRecorded()
        {
            string bin = Services.Mosquitto();
            await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\n");
            string db = Path.Combine(Path.GetTempPath(), $"vrig-mosq-{Guid.NewGuid():N}.db");
            var so = new ServiceOptions
            {
                BrokerUrl = $"mqtt://127.0.0.1:{mosq.Port}", Database = db, HttpUrl = "http://127.0.0.1:0", PriorInterval = TimeSpan.Zero,
                ClientId = "vrig-test-" + Guid.NewGuid().ToString("N")[..8],
            };
            try
            {
                await using var service = await CellVarService.StartAsync(so, NullLoggerFactory.Instance);
                // 30× real time: the 30 s outage spans simulated ≈ 300..1200 s, when the hot cell (~510 s) and weld (~720 s) alarm.
                await using var rig = new Running.VirtualRig(new RigOptions
                {
                    Monitors = 2, Cells = 8, Duration_s = 1500, Speed = 30, Defects = DemoSession.DefaultDefects.Take(2).ToList(),
                    Broker = new BrokerAddress("127.0.0.1", mosq.Port), IdPrefix = "mosq-m",
                });
                Assert.True(await rig.ConnectAsync(TimeSpan.FromSeconds(20)));
                var ledger = AckedAlertLedger.Attach(rig);
                Task<double> run = rig.RunAsync();
                while (rig.Now_s < 300) await Task.Delay(50);
                await mosq.StopAsync();
                double stoppedAt = rig.Now_s;
                await Task.Delay(TimeSpan.FromSeconds(30));
                int queued = rig.Monitors.Sum(m => m.Device.Alerts.Count);
                await mosq.StartAgainAsync();
                double restartedAt = rig.Now_s;
                await run;
                output.WriteLine($"mosquitto stopped at sim {stoppedAt:0} s, restarted at sim {restartedAt:0} s; alerts queued on the devices: {queued}");
                Assert.True(queued >= 2, "the scenario must raise alerts while the broker is down");

                await ledger.WaitAndAssertStoredExactlyOnceAsync(rig, service.Store, output);
                var gaps = await service.Store.GapsAsync(null);
                foreach (var g in gaps) output.WriteLine($"gap {g.MonitorId} {g.FromSeq}..{g.ToSeq}");
                Assert.All(rig.Monitors, m => Assert.Contains(gaps, g => g.MonitorId == m.Options.MonitorId && g.ToSeq - g.FromSeq >= 100));
            }
            finally
            {
                foreach (string f in new[] { db, db + "-wal", db + "-shm" }) try { File.Delete(f); } catch (IOException) { }
            }
        }
    }
}

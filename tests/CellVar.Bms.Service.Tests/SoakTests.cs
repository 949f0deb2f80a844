using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Simulation;
using Xunit.Abstractions;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Bounded soak: N simulated monitors (device MonitorLink over MQTTnet) × 16 cells publish telemetry at 1 Hz and a
    /// QoS 1 alert every 5 s through Mosquitto into the service (SQLite). Small by default so CI stays fast; scale with
    /// CELLVAR_SOAK_MONITORS and CELLVAR_SOAK_SECONDS (e.g. 200 and 600 for the issue's 10-minute run).
    /// Asserts zero lost alerts; reports telemetry stored, ingest lag and memory of this process (service + monitors).
    /// </summary>
    public class SoakTests
    {
        private readonly ITestOutputHelper _out;

        public SoakTests(ITestOutputHelper output) => _out = output;

        private static int Env(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v > 0 ? v : fallback;

        [SkippableFact]
        [Trait("Category", "Slow")]
        public async Task Soak_MonitorsAt1Hz_ThroughMosquitto_NoAlertLost()
        {
            int monitors = Env("CELLVAR_SOAK_MONITORS", 10);
            int seconds = Env("CELLVAR_SOAK_SECONDS", 12);
            string bin = Services.Mosquitto();
            await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\nmax_queued_messages 100000\n");
            await using var t = await TestService.StartAsync(brokerUrl: $"mqtt://127.0.0.1:{mosq.Port}");
            var sims = new List<SimulatedMonitor>();
            for (int m = 0; m < monitors; m++)
                sims.Add(await SimulatedMonitor.ConnectAsync("127.0.0.1", mosq.Port, "cellvar/v1", Golden.Site, $"soak-{m:D3}", null));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            long heapStart = GC.GetTotalMemory(true);
            long wsStart = Process.GetCurrentProcess().WorkingSet64;
            long heapMid = 0;
            int alertsSent = 0, telemetrySent = 0;
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < seconds; s++)
            {
                foreach (var m in sims)
                {
                    m.Cells.Resistance_uOhm[s % 16] = 20000 + s;
                    if (m.PublishTelemetry(16)) telemetrySent++;
                    if (s % 5 == 2 && m.PublishAlert(1 + s % 16, AlertKind.ResistanceHigh, (s / 5) % 2 == 0, 24000, 23100, 500))
                        alertsSent++;
                }
                if (s == seconds / 2)
                    heapMid = GC.GetTotalMemory(false);
                long next = (s + 1) * 1000L;
                long wait = next - clock.ElapsedMilliseconds;
                if (wait > 0)
                    await Task.Delay((int)wait);
            }
            long failed = 0;
            foreach (var m in sims)
                failed += await m.Mqtt.FlushAsync();
            double publishEnd = clock.Elapsed.TotalSeconds;
            await TestService.WaitUntilAsync(async () => await CountAsync(t, "SELECT COUNT(*) FROM events WHERE kind = 'alert'") >= alertsSent,
                $"{alertsSent} alerts stored", seconds: 60);
            double drained = clock.Elapsed.TotalSeconds - publishEnd;
            long alertsStored = await CountAsync(t, "SELECT COUNT(*) FROM events WHERE kind = 'alert'");
            long telemetryStored = (await t.Service.Store.CountsAsync()).Rows["telemetry"];
            // Lag = service receive time − device time (the simulated monitor stamps the send time), over all alerts.
            var lags = await LagsAsync(t);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long heapEnd = GC.GetTotalMemory(true);
            long wsEnd = Process.GetCurrentProcess().WorkingSet64;

            _out.WriteLine($"soak: {monitors} monitors x 16 cells at 1 Hz for {seconds} s through Mosquitto, SQLite, {Environment.ProcessorCount} cores");
            _out.WriteLine($"{"alerts sent",-22}{alertsSent,10}   stored {alertsStored}   lost {alertsSent - alertsStored}   publish failures {failed}");
            _out.WriteLine($"{"telemetry sent",-22}{telemetrySent,10}   stored {telemetryStored} (QoS 0)");
            _out.WriteLine($"{"ingest lag ms",-22}p50 {Pct(lags, 0.5),6}   p99 {Pct(lags, 0.99),6}   max {(lags.Count > 0 ? lags[^1] : 0),6}   drain after last publish {drained:F2} s");
            _out.WriteLine($"{"managed heap MB",-22}start {heapStart / 1e6:F1}   mid {heapMid / 1e6:F1}   end {heapEnd / 1e6:F1}   (after full GC)");
            _out.WriteLine($"{"working set MB",-22}start {wsStart / 1e6:F1}   end {wsEnd / 1e6:F1}");

            Assert.Equal(0, failed);
            Assert.Equal(alertsSent, alertsStored);
            Assert.True(alertsSent >= monitors * (seconds / 5), $"{alertsSent} alerts sent");
            foreach (var m in sims)
                await m.DisposeAsync();
        }

        private static long Pct(List<long> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

        private static async Task<long> CountAsync(TestService t, string sql)
        {
            await using DbConnection c = await t.Service.Store.ConnectAsync();
            await using DbCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }

        private static async Task<List<long>> LagsAsync(TestService t)
        {
            await using DbConnection c = await t.Service.Store.ConnectAsync();
            await using DbCommand cmd = c.CreateCommand();
            cmd.CommandText = "SELECT received_ms - device_ms FROM events WHERE kind = 'alert'";
            var list = new List<long>();
            await using DbDataReader r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                list.Add(Convert.ToInt64(r.GetValue(0)));
            list.Sort();
            return list;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Simulation;
using CellVar.Bms.Service.Storage;
using Xunit.Abstractions;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Bounded soak: `cellvar serve` runs as its own process (SQLite) behind Mosquitto while N simulated monitors in
    /// this process (device MonitorLink over MQTTnet) × 16 cells publish telemetry at 1 Hz and a QoS 1 alert every 5 s.
    /// Small by default so CI stays fast (40 monitors, 30 s); scale with CELLVAR_SOAK_MONITORS and CELLVAR_SOAK_SECONDS
    /// (200 and 600 for the issue's 10-minute run). Asserts zero lost alerts and bounded memory growth of the service
    /// process (its resident set from /proc and its managed heap from /api/health, judged by <see cref="MemoryGrowthCheck"/>
    /// with the limits of <see cref="SoakLimits"/>); reports ingest lag and memory (every sample as CSV to the file named
    /// by CELLVAR_SOAK_SERIES, when set).
    /// </summary>
    public class SoakTests
    {
        private readonly ITestOutputHelper _out;

        public SoakTests(ITestOutputHelper output) => _out = output;

        private static int Env(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v > 0 ? v : fallback;

        private const string Rss = "rss_MB", HeapAfterGc = "heap_after_gc_MB", Heap = "heap_MB", Gcs = "gc_collections";

        [SkippableFact]
        [Trait("Category", "Slow")]
        public async Task Soak_ServeProcessAt1Hz_ThroughMosquitto_NoAlertLost_MemoryBounded()
        {
            int monitors = Env("CELLVAR_SOAK_MONITORS", 40);
            int seconds = Env("CELLVAR_SOAK_SECONDS", 30);
            Skip.IfNot(ProcessMemory.Available, "the service's resident memory is read from /proc (Linux only)");
            string bin = Services.Mosquitto();
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-soak-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            string db = Path.Combine(dir, "cellvar.db");
            var sims = new List<SimulatedMonitor>();
            try
            {
                await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\n");
                await using var serve = await ServeProcess.StartAsync(new[]
                {
                    "--broker", $"mqtt://127.0.0.1:{mosq.Port}", "--db", db, "--client-id", "cellvar-soak-" + Guid.NewGuid().ToString("N")[..6],
                    "--http", "http://127.0.0.1:0", "--prior-interval", "0",
                }, TimeSpan.FromSeconds(60));
                var clock = Stopwatch.StartNew();
                int healthMissed = 0;
                await using var sampler = new MemorySampler(new[] { Rss, HeapAfterGc, Heap, Gcs }, async ct =>
                {
                    double? rss = ProcessMemory.Resident_MB(serve.Pid);
                    JsonElement? h = await serve.HealthAsync(ct);
                    if (h is not JsonElement health)
                    {
                        Interlocked.Increment(ref healthMissed);
                        return new[] { rss, null, null, null };
                    }
                    JsonElement mem = health.GetProperty("memory");
                    int gcs = mem.GetProperty("gc_collections")[0].GetInt32();   // all collections (a gen1/gen2 one counts as gen0 too)
                    // The "after GC" figure holds from one collection to the next, so it is sampled on the same clock as the
                    // resident set (time-weighted); before the first collection the runtime reports 0, which is not a reading.
                    double? afterGc = gcs > 0 ? mem.GetProperty("gc_heap_after_last_gc_bytes").GetInt64() / 1e6 : null;
                    return new double?[] { rss, afterGc, mem.GetProperty("gc_heap_bytes").GetInt64() / 1e6, gcs };
                }, TimeSpan.FromMilliseconds(500), clock);

                for (int m = 0; m < monitors; m++)
                    sims.Add(await SimulatedMonitor.ConnectAsync("127.0.0.1", mosq.Port, "cellvar/v1", Golden.Site, $"soak-{m:D3}", null));

                double start_s = clock.Elapsed.TotalSeconds;   // time 0 of the judged series: the first publish
                int alertsSent = 0, telemetrySent = 0;
                for (int s = 0; s < seconds; s++)
                {
                    foreach (var m in sims)
                    {
                        m.Cells.Resistance_uOhm[s % 16] = 20000 + s;
                        if (m.PublishTelemetry(16)) telemetrySent++;
                        if (s % 5 == 2 && m.PublishAlert(1 + s % 16, AlertKind.ResistanceHigh, (s / 5) % 2 == 0, 24000, 23100, 500))
                            alertsSent++;
                    }
                    long wait = (long)((start_s + s + 1) * 1000) - clock.ElapsedMilliseconds;
                    if (wait > 0)
                        await Task.Delay((int)wait);
                }
                long failed = 0;
                foreach (var m in sims)
                    failed += await m.Mqtt.FlushAsync();
                double publishEnd_s = clock.Elapsed.TotalSeconds;

                using Store store = await Store.OpenAsync(db);
                await TestService.WaitUntilAsync(async () => await CountAsync(store, "SELECT COUNT(*) FROM events WHERE kind = 'alert'") >= alertsSent,
                    $"{alertsSent} alerts stored; service: {serve.Tail()}", seconds: 60);
                double drained = clock.Elapsed.TotalSeconds - publishEnd_s;
                await sampler.DisposeAsync();
                long alertsStored = await CountAsync(store, "SELECT COUNT(*) FROM events WHERE kind = 'alert'");
                long telemetryStored = (await store.CountsAsync()).Rows["telemetry"];
                // Lag = service receive time − device time (the simulated monitor stamps the send time), over all alerts.
                List<long> lags = await LagsAsync(store);
                foreach (var m in sims)
                    await m.DisposeAsync();   // while the broker is still up
                sims.Clear();

                // Judge only the publishing phase: the drain afterwards is a different load.
                double end_s = publishEnd_s - start_s;
                List<MemorySample> Judged(string name) => sampler.Series(name).Select(x => x with { Time_s = x.Time_s - start_s })
                    .Where(x => x.Time_s <= end_s).ToList();
                double warmUp_s = SoakLimits.WarmUp_s(end_s);
                MemoryGrowthCheck rssRule = SoakLimits.Rss(warmUp_s, end_s), heapRule = SoakLimits.Heap(warmUp_s, end_s);
                MemoryGrowthVerdict rss = rssRule.Check(Judged(Rss));
                MemoryGrowthVerdict heap = heapRule.Check(Judged(HeapAfterGc));
                // The rule must not be blind on this run's own noise: the same samples plus a leak at twice the trend
                // limit (from the end of the warm-up) have to fail it.
                List<MemorySample> WithLeak(List<MemorySample> x, double mbPerMin) =>
                    x.Select(p => p with { Value_MB = p.Value_MB + Math.Max(0, p.Time_s - warmUp_s) * mbPerMin / 60 }).ToList();
                MemoryGrowthVerdict rssLeak = rssRule.Check(WithLeak(Judged(Rss), 2 * rssRule.MaxSlope_MBPerMin));
                MemoryGrowthVerdict heapLeak = heapRule.Check(WithLeak(Judged(HeapAfterGc), 2 * heapRule.MaxSlope_MBPerMin));

                var ci = CultureInfo.InvariantCulture;
                _out.WriteLine($"soak: `cellvar serve` process (SQLite) + {monitors} monitors x 16 cells at 1 Hz for {seconds} s through Mosquitto, {Environment.ProcessorCount} cores");
                _out.WriteLine($"{"alerts sent",-24}{alertsSent,10}   stored {alertsStored}   lost {alertsSent - alertsStored}   publish failures {failed}");
                _out.WriteLine($"{"telemetry sent",-24}{telemetrySent,10}   stored {telemetryStored} (QoS 0)");
                _out.WriteLine($"{"ingest lag ms",-24}p50 {Pct(lags, 0.5),6}   p99 {Pct(lags, 0.99),6}   max {(lags.Count > 0 ? lags[^1] : 0),6}   drain after last publish {drained:F2} s");
                _out.WriteLine(string.Create(ci, $"{"memory rule",-24}judged {warmUp_s:F0}-{end_s:F0} s: RSS trend <= {rssRule.MaxSlope_MBPerMin:F1} MB/min and end <= post-warm-up + {rssRule.MaxGrowth_MB:F0} MB; " +
                    $"heap trend <= {heapRule.MaxSlope_MBPerMin:F1} MB/min and end <= post-warm-up + {heapRule.MaxGrowth_MB:F0} MB (medians over {rssRule.Window_s:F0} s)"));
                _out.WriteLine(Row("service RSS MB", Judged(Rss), rss));
                _out.WriteLine(Row("managed heap MB", Judged(HeapAfterGc), heap) + "   (after last GC)");
                _out.WriteLine(Row("heap incl. garbage MB", Judged(Heap), null));
                _out.WriteLine($"{"health polls missed",-24}{healthMissed,10}");
                _out.WriteLine(string.Create(ci, $"{"same + injected leak",-24}RSS +{2 * rssRule.MaxSlope_MBPerMin:F1} MB/min: {(rssLeak.Bounded ? "MISSED" : "caught")}   heap +{2 * heapRule.MaxSlope_MBPerMin:F1} MB/min: {(heapLeak.Bounded ? "MISSED" : "caught")}"));
                if (Environment.GetEnvironmentVariable("CELLVAR_SOAK_SERIES") is { Length: > 0 } csv)
                    WriteSeries(csv, sampler, start_s);

                Assert.Equal(0, failed);
                Assert.Equal(alertsSent, alertsStored);
                Assert.True(alertsSent >= monitors * (seconds / 5), $"{alertsSent} alerts sent");
                Assert.True(rss.Bounded, "service resident memory: " + rss.Reason);
                Assert.True(heap.Bounded, "service managed heap: " + heap.Reason);
                Assert.False(rssLeak.Bounded, "a leak injected into this run's resident-set samples went unnoticed");
                Assert.False(heapLeak.Bounded, "a leak injected into this run's heap samples went unnoticed");
            }
            finally
            {
                foreach (var m in sims)
                {
                    // Only after a failure: the broker may already be gone, and the failure is what the run reports.
                    try { await m.DisposeAsync(); } catch (MQTTnet.Exceptions.MqttCommunicationException) { }
                }
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        /// <summary>
        /// The soak's resident-set rule, fed by the same /proc sampler, fails on a real process that leaks and passes one
        /// that allocates once and then holds steady. The children are bash (string appends), so no leak knob exists in
        /// the product: one grows ~1 MB per 0.1 s step (~8 MB/s measured, twice what fails the rule over 6 judged seconds),
        /// the other takes ~60 MB at start (inside the warm-up) and then sleeps.
        /// </summary>
        [SkippableFact]
        public async Task SoakMemoryRule_FailsOnALeakingChildProcess_PassesASteadyOne()
        {
            Skip.IfNot(ProcessMemory.Available && File.Exists("/bin/bash"), "needs Linux /proc and /bin/bash");
            const double warmUp_s = 2, end_s = 8;
            using Process leaking = StartBash("chunk=$(head -c 1000000 /dev/zero | tr '\\0' x); s=''; while :; do s+=$chunk; sleep 0.1; done");
            using Process steady = StartBash("s=$(head -c 30000000 /dev/zero | tr '\\0' x); while :; do sleep 1; done");
            try
            {
                var clock = Stopwatch.StartNew();
                await using var sampler = new MemorySampler(new[] { "leaking", "steady" },
                    _ => Task.FromResult(new[] { ProcessMemory.Resident_MB(leaking.Id), ProcessMemory.Resident_MB(steady.Id) }),
                    TimeSpan.FromMilliseconds(250), clock);
                await Task.Delay(TimeSpan.FromSeconds(end_s));
                await sampler.DisposeAsync();
                MemoryGrowthCheck rule = SoakLimits.Rss(warmUp_s, end_s);
                MemoryGrowthVerdict leak = rule.Check(sampler.Series("leaking").Where(x => x.Time_s <= end_s).ToList());
                MemoryGrowthVerdict flat = rule.Check(sampler.Series("steady").Where(x => x.Time_s <= end_s).ToList());
                _out.WriteLine(Row("leaking bash RSS MB", sampler.Series("leaking"), leak));
                _out.WriteLine(Row("steady bash RSS MB", sampler.Series("steady"), flat));
                Assert.False(leak.Bounded, "a process growing ~8 MB/s passed the soak's rule: " + leak.Reason);
                Assert.Contains("trend", leak.Reason);
                Assert.True(flat.Bounded, "a process holding steady failed the soak's rule: " + flat.Reason);
                Assert.True(flat.Peak_MB > 25, $"the steady child never took its 30 MB (peak {flat.Peak_MB:F1} MB): the sampler is not reading it");
            }
            finally
            {
                foreach (Process p in new[] { leaking, steady })
                {
                    try { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); } catch (InvalidOperationException) { }
                }
            }
        }

        private static Process StartBash(string script)
        {
            var psi = new ProcessStartInfo("/bin/bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            return Process.Start(psi) ?? throw new InvalidOperationException("could not start /bin/bash");
        }

        private static string Row(string name, List<MemorySample> s, MemoryGrowthVerdict? v)
        {
            var ci = CultureInfo.InvariantCulture;
            string at(double frac) => s.Count == 0 ? "-" : s[Math.Min(s.Count - 1, (int)(frac * s.Count))].Value_MB.ToString("F1", ci);
            string head = $"{name,-24}first {at(0),6}   mid {at(0.5),6}   last {at(1),6}   max {(s.Count == 0 ? 0 : s.Max(x => x.Value_MB)),6:F1}   n {s.Count}";
            return v == null ? head : head + string.Create(ci, $"   | post-warm-up {v.Baseline_MB:F1} -> end {v.End_MB:F1} ({v.Growth_MB:+0.0;-0.0} MB), trend {v.Slope_MBPerMin:+0.00;-0.00} MB/min: {v.Reason}");
        }

        /// <summary>Every sample as CSV (time since the first publish; empty where a figure was not read).</summary>
        private static void WriteSeries(string path, MemorySampler sampler, double start_s)
        {
            var ci = CultureInfo.InvariantCulture;
            var rows = new SortedDictionary<double, string?[]>();
            for (int i = 0; i < sampler.Names.Length; i++)
                foreach (MemorySample x in sampler.Series(sampler.Names[i]))
                {
                    double t = Math.Round(x.Time_s - start_s, 3);
                    if (!rows.TryGetValue(t, out string?[]? row))
                        rows[t] = row = new string?[sampler.Names.Length];
                    row[i] = x.Value_MB.ToString("F3", ci);
                }
            using var w = new StreamWriter(path);
            w.WriteLine("t_s," + string.Join(',', sampler.Names));
            foreach (var (t, row) in rows)
                w.WriteLine(t.ToString("F3", ci) + "," + string.Join(',', row.Select(v => v ?? "")));
        }

        private static long Pct(List<long> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

        private static async Task<long> CountAsync(Store store, string sql)
        {
            await using DbConnection c = await store.ConnectAsync();
            await using DbCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }

        private static async Task<List<long>> LagsAsync(Store store)
        {
            await using DbConnection c = await store.ConnectAsync();
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

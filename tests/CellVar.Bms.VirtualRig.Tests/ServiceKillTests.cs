using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Storage;
using CellVar.Bms.Service.Tests;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// `cellvar serve` as a real process behind Mosquitto, SIGKILLed twice while a monitor keeps publishing QoS 1 alerts,
    /// restarted on the same SQLite file (or PostgreSQL database) each time: every alert the broker acknowledged is stored exactly once.
    /// Without mosquitto the test is skipped, except with CELLVAR_CI=1, where it fails.
    /// </summary>
    public sealed class ServiceKillTests(ITestOutputHelper output)
    {
        [SkippableFact]
        [Trait("Category", "Slow")]
        public async Task ServeProcessKilledMidIngest_RestartedOnSameFile_EveryAckedAlertStoredOnce()
        {
            string bin = Services.Mosquitto();
            string dir = Path.Combine(Path.GetTempPath(), $"vrig-kill-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            try
            {
                await KillTwiceAndCheckAsync(bin, Path.Combine(dir, "cellvar.db"));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        /// <summary>
        /// The same against PostgreSQL (a fresh database on the server of CELLVAR_PG, dropped afterwards). Skipped when
        /// PostgreSQL or mosquitto is missing, except with CELLVAR_CI=1, where it fails.
        /// </summary>
        [SkippableFact]
        [Trait("Category", "Slow")]
        public async Task ServeProcessKilledMidIngest_RestartedOnSamePostgresDatabase_EveryAckedAlertStoredOnce()
        {
            string bin = Services.Mosquitto();
            await using var pg = await Services.PostgresAsync();
            await KillTwiceAndCheckAsync(bin, pg.Url);
        }

        private async Task KillTwiceAndCheckAsync(string mosquittoBin, string db)
        {
            await using var mosq = await MosquittoProcess.StartAsync(mosquittoBin, "allow_anonymous true\n");
            string clientId = "kill-test-" + Guid.NewGuid().ToString("N")[..6];   // same id across restarts: persistent session
            Process? serve = null;
            try
            {
                serve = await StartServeAsync(mosq.Port, db, clientId);
                var capture = new CaptureLink();
                var link = new MonitorLink(capture, "cellvar/v1", "lab", "kill-m01", 1);
                var acked = new HashSet<long>();
                IMqttClient pub = await RetryingPublisher.ConnectAsync(mosq.Port, "kill-m01");
                const int total = 600;
                int kills = 0;
                for (int i = 0; i < total; i++)
                {
                    if (i == total / 4 || i == total / 2)
                    {
                        serve.Kill(entireProcessTree: true);   // SIGKILL: no shutdown, no flush, whatever is in flight is cut
                        kills++;
                    }
                    if (i == total / 4 + 50 || i == total / 2 + 50)
                    {
                        await serve.WaitForExitAsync();
                        serve.Dispose();
                        serve = await StartServeAsync(mosq.Port, db, clientId);
                    }
                    link.DeviceTime_ms = 1764100000000L + 1000L * i;
                    Assert.True(link.PublishAlert(1 + i % 16, AlertKind.ResistanceHigh, (i / 16) % 2 == 0, 24000 + i, 23100, 500));
                    long seq = link.NextSequence - 1;
                    pub = await RetryingPublisher.PublishUntilAckedAsync(pub, mosq.Port, "kill-m01", "cellvar/v1/lab/kill-m01/alert", capture.Last!);
                    acked.Add(seq);
                    if (i % 20 == 0)
                        await Task.Delay(5);   // keep ingest busy across the kill rather than finishing before it
                }
                pub.Dispose();
                Assert.Equal(2, kills);

                // Wait for the last instance to store everything, then stop it and read the file.
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                List<long> stored;
                while (true)
                {
                    stored = await AlertSeqsAsync(db);
                    if (stored.Count >= acked.Count || DateTime.UtcNow > until)
                        break;
                    await Task.Delay(200);
                }
                output.WriteLine($"acknowledged {acked.Count} alerts across 2 SIGKILLs; stored {stored.Count} rows, {stored.Distinct().Count()} distinct");
                Assert.Equal(acked.OrderBy(s => s), stored.OrderBy(s => s));
            }
            finally
            {
                if (serve != null)
                {
                    try { serve.Kill(entireProcessTree: true); await serve.WaitForExitAsync(); } catch (InvalidOperationException) { }
                    serve.Dispose();
                }
            }
        }

        private static async Task<List<long>> AlertSeqsAsync(string db)
        {
            using Store store = await Store.OpenAsync(db);
            return await StoredSequences.ReadAsync(store, "events", "kill-m01", "alert");
        }

        private static async Task<Process> StartServeAsync(int mqttPort, string db, string clientId)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "cellvar.dll");
            var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (string a in new[] { dll, "serve", "--broker", $"mqtt://127.0.0.1:{mqttPort}", "--db", db, "--client-id", clientId,
                         "--http", "http://127.0.0.1:0", "--prior-interval", "0" })
                psi.ArgumentList.Add(a);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var p = new Process { StartInfo = psi };
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                log.Enqueue(e.Data);
                if (e.Data.StartsWith("cellvar serve: broker", StringComparison.Ordinal)) started.TrySetResult();
            };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) log.Enqueue(e.Data); };
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            var done = await Task.WhenAny(started.Task, p.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            if (done != started.Task)
            {
                try { p.Kill(true); } catch (InvalidOperationException) { }
                throw new InvalidOperationException("cellvar serve did not start: " + string.Join(" | ", log.TakeLast(10)));
            }
            return p;
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Ingest;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CellVar.Bms.Service.Benchmarks
{
    /// <summary>
    /// Reproducible benchmark harness (not a test): N simulated monitors — MQTTnet clients running the device's
    /// <see cref="MonitorLink"/> — publish 16-cell telemetry as fast as they can through the embedded broker and then
    /// through Mosquitto, into a fresh SQLite file; reports sustained ingest (stored messages/s, from first publish to
    /// last commit) and losses. Then measures alert latency one alert at a time: publish → committed, and
    /// publish → visible on <c>GET /api/alerts</c>, p50/p99. Everything runs on this machine, so publishers,
    /// broker and service share the cores.
    /// </summary>
    public sealed class IngestBenchmark
    {
        /// <summary>Simulated monitors.</summary>
        public int Monitors { get; init; } = 8;
        /// <summary>Telemetry messages per monitor.</summary>
        public int MessagesPerMonitor { get; init; } = 5000;
        /// <summary>Alerts for the latency measurement.</summary>
        public int Alerts { get; init; } = 300;
        /// <summary>Mosquitto binary; null = search; "none" = skip the Mosquitto run.</summary>
        public string? MosquittoPath { get; init; }

        /// <summary>One measured run.</summary>
        public sealed record Result(string Broker, int Monitors, long Published, long Stored, long Lost, double Seconds, double MessagesPerSecond, double CpuSeconds);

        /// <summary>Runs everything and writes a table to <paramref name="output"/>.</summary>
        public async Task<IReadOnlyList<Result>> RunAsync(TextWriter output, CancellationToken ct = default)
        {
            var results = new List<Result>();
            output.WriteLine($"cellvar serve bench: {Monitors} monitors x {MessagesPerMonitor} telemetry messages (16 cells, QoS 0), SQLite, {Environment.ProcessorCount} cores");
            results.Add(await IngestRunAsync("embedded", null, ct));
            string? mosq = MosquittoPath == "none" ? null : MosquittoPath ?? MosquittoProcess.Find();
            if (mosq != null)
            {
                await using var m = await MosquittoProcess.StartAsync(mosq, "allow_anonymous true\n");
                results.Add(await IngestRunAsync("mosquitto", m, ct));
            }
            else
            {
                output.WriteLine("mosquitto: not found, skipped (install it or pass --mosquitto PATH)");
            }
            output.WriteLine();
            output.WriteLine($"{"broker",-10} {"monitors",8} {"published",10} {"stored",10} {"lost",6} {"seconds",8} {"msg/s",10} {"cpu-s",7} {"msg/cpu-s",10}");
            foreach (var r in results)
                output.WriteLine($"{r.Broker,-10} {r.Monitors,8} {r.Published,10} {r.Stored,10} {r.Lost,6} {r.Seconds,8:F2} {r.MessagesPerSecond,10:F0} {r.CpuSeconds,7:F2} {r.Stored / r.CpuSeconds,10:F0}");
            output.WriteLine("cpu-s: CPU time of this process (publishers + service, + the broker when embedded; Mosquitto's own CPU is not counted).");
            output.WriteLine($"load average at start: {LoadAverage()}");
            var (stored, api) = await AlertLatencyAsync(ct);
            output.WriteLine();
            output.WriteLine($"alert latency over {Alerts} alerts (embedded broker, SQLite, idle service), ms:");
            output.WriteLine($"{"path",-28} {"p50",8} {"p99",8} {"max",8}");
            output.WriteLine($"{"publish -> committed",-28} {Pct(stored, 50),8:F2} {Pct(stored, 99),8:F2} {stored.Max(),8:F2}");
            output.WriteLine($"{"publish -> visible on API",-28} {Pct(api, 50),8:F2} {Pct(api, 99),8:F2} {api.Max(),8:F2}");
            return results;
        }

        private static string LoadAverage()
        {
            try { return File.ReadAllText("/proc/loadavg").Trim(); } catch (IOException) { return "n/a"; } catch (UnauthorizedAccessException) { return "n/a"; }
        }

        private static double Pct(List<double> x, double p)
        {
            var s = x.OrderBy(v => v).ToList();
            int i = (int)Math.Ceiling(p / 100 * s.Count) - 1;
            return s[Math.Clamp(i, 0, s.Count - 1)];
        }

        private static string TempDb()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, "bench.db");
        }

        private async Task<(CellVarService Service, int Port, Credentials Creds)> StartAsync(MosquittoProcess? mosq, CancellationToken ct)
        {
            var creds = new Credentials();
            for (int i = 0; i < Monitors; i++)
                creds.Add(MonitorId(i), "pw");
            int port = mosq?.Port ?? MosquittoProcess.FreePort();
            var o = new ServiceOptions
            {
                Database = TempDb(),
                BrokerUrl = mosq == null ? null : $"mqtt://127.0.0.1:{mosq.Port}",
                MqttPort = port,
                Credentials = creds,
                HttpUrl = "http://127.0.0.1:0",
                PriorInterval = TimeSpan.Zero,
                ClientId = "cellvar-bench-" + Guid.NewGuid().ToString("N")[..6],
            };
            var s = await CellVarService.StartAsync(o, NullLoggerFactory.Instance, ct);
            return (s, port, creds);
        }

        private static string MonitorId(int i) => $"bench-m{i:D3}";

        private async Task<Result> IngestRunAsync(string name, MosquittoProcess? mosq, CancellationToken ct)
        {
            var (s, port, _) = await StartAsync(mosq, ct);
            await using (s)
            {
                var monitors = new List<SimulatedMonitor>();
                for (int i = 0; i < Monitors; i++)
                    monitors.Add(await SimulatedMonitor.ConnectAsync("127.0.0.1", port, s.Options.TopicRoot, "bench", MonitorId(i), mosq == null ? "pw" : null, 0, 16, ct));
                await WaitAsync(() => s.Ingest.Stats.Stored >= Monitors, TimeSpan.FromSeconds(10)); // online states
                long baseStored = s.Ingest.Stats.Stored;
                long total = (long)Monitors * MessagesPerMonitor;
                TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(monitors.Select(m => Task.Run(async () =>
                {
                    for (int k = 0; k < MessagesPerMonitor; k++)
                    {
                        m.Cells.Resistance_uOhm[k % 16] = 20000 + k % 1000;
                        m.PublishTelemetry();
                    }
                    await m.Mqtt.FlushAsync();
                }, ct)));
                // Sustained rate: until every message is stored, or until nothing has moved for 3 s (losses).
                long last = -1;
                var idle = Stopwatch.StartNew();
                while (s.Ingest.Stats.Stored - baseStored < total && idle.Elapsed < TimeSpan.FromSeconds(3))
                {
                    long now = s.Ingest.Stats.Stored;
                    if (now != last) { last = now; idle.Restart(); }
                    await Task.Delay(5, ct);
                }
                double seconds = sw.Elapsed.TotalSeconds - (s.Ingest.Stats.Stored - baseStored < total ? idle.Elapsed.TotalSeconds : 0);
                long stored = s.Ingest.Stats.Stored - baseStored;
                double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                foreach (var m in monitors)
                    await m.DisposeAsync();
                return new Result(name, Monitors, total, stored, total - stored, seconds, stored / seconds, cpu);
            }
        }

        private async Task<(List<double> Stored, List<double> Api)> AlertLatencyAsync(CancellationToken ct)
        {
            var (s, port, _) = await StartAsync(null, ct);
            await using (s)
            {
                using var http = new HttpClient { BaseAddress = new Uri(s.HttpAddress) };
                var committed = new ConcurrentDictionary<long, long>();
                s.Ingest.Committed += batch =>
                {
                    long now = Stopwatch.GetTimestamp();
                    foreach (IngestItem i in batch)
                        if (i.Message is Protocol.AlertMessage a)
                            committed[a.Sequence] = now;
                };
                await using var m = await SimulatedMonitor.ConnectAsync("127.0.0.1", port, s.Options.TopicRoot, "bench", MonitorId(0), "pw", 0, 16, ct);
                var stored = new List<double>();
                var api = new List<double>();
                for (int i = 0; i < Alerts; i++)
                {
                    long seq = m.Link.NextSequence;
                    long t0 = Stopwatch.GetTimestamp();
                    // Raise at even i, clear the same cell at odd i, so every message changes the newest alert row.
                    m.PublishAlert(1 + (i / 2) % 16, AlertKind.ResistanceHigh, (i & 1) == 0, 26000, 23100, 1000);
                    bool seen = false;
                    while (!seen)
                    {
                        using var r = await http.GetAsync($"/api/alerts?monitor={MonitorId(0)}&limit=1", ct);
                        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(ct));
                        foreach (var a in doc.RootElement.EnumerateArray())
                        {
                            bool raised = (i & 1) == 0;
                            long? s1 = raised ? (a.GetProperty("raised_seq").ValueKind == JsonValueKind.Number ? a.GetProperty("raised_seq").GetInt64() : null)
                                              : (a.GetProperty("cleared_seq").ValueKind == JsonValueKind.Number ? a.GetProperty("cleared_seq").GetInt64() : null);
                            seen |= s1 == seq;
                        }
                        if (Stopwatch.GetElapsedTime(t0) > TimeSpan.FromSeconds(10))
                            throw new TimeoutException($"alert seq {seq} not visible on the API after 10 s");
                    }
                    long t2 = Stopwatch.GetTimestamp();
                    api.Add(Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
                    stored.Add(committed.TryGetValue(seq, out long t1) ? Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds : double.NaN);
                }
                return (stored.Where(double.IsFinite).ToList(), api);
            }
        }

        private static async Task WaitAsync(Func<bool> cond, TimeSpan timeout)
        {
            var sw = Stopwatch.StartNew();
            while (!cond() && sw.Elapsed < timeout)
                await Task.Delay(10);
        }
    }
}

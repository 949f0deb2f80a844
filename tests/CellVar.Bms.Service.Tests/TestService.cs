using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Simulation;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>A running <see cref="CellVarService"/> on free loopback ports with monitors rig1-m01/m02 (password "pw-" + id).</summary>
    internal sealed class TestService : IAsyncDisposable
    {
        public static readonly string[] MonitorIds = { "rig1-m01", "rig1-m02" };

        private TestService(CellVarService s, ListLogger logs)
        {
            Service = s;
            Logs = logs;
            Http = new HttpClient { BaseAddress = new Uri(s.HttpAddress), Timeout = TimeSpan.FromSeconds(20) };
        }

        public CellVarService Service { get; }
        public ListLogger Logs { get; }
        public HttpClient Http { get; }
        public int MqttPort => Service.Broker?.Port ?? 0;

        public static Password Of(string monitor) => new("pw-" + monitor);
        public sealed record Password(string Value);

        /// <summary>Starts with the embedded broker (when <paramref name="brokerUrl"/> is null) and the given database.</summary>
        public static async Task<TestService> StartAsync(string? database = null, string? brokerUrl = null, string? clientId = null, string? shareGroup = null,
            CellVar.Bms.Service.Priors.PriorKeys? priorKeys = null, Action<ServiceOptions>? configure = null)
        {
            var creds = new Credentials();
            foreach (string m in MonitorIds)
                creds.Add(m, Of(m).Value);
            var o = new ServiceOptions
            {
                Database = database ?? Services.TempSqlite(),
                BrokerUrl = brokerUrl,
                ShareGroup = shareGroup,
                MqttPort = MosquittoProcess.FreePort(),
                Credentials = creds,
                PriorKeys = priorKeys,
                HttpUrl = "http://127.0.0.1:0",
                PriorInterval = TimeSpan.Zero,
                ClientId = clientId ?? "cellvar-service-test-" + Guid.NewGuid().ToString("N")[..6],
            };
            configure?.Invoke(o);
            var logs = new ListLogger();
            var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
            return new TestService(await CellVarService.StartAsync(o, factory), logs);
        }

        /// <summary>A raw MQTT 5 client; null credentials connect anonymously.</summary>
        public static async Task<IMqttClient> ClientAsync(int port, string clientId, string? user, string? password, bool expectSuccess = true)
        {
            IMqttClient c = new MqttClientFactory().CreateMqttClient();
            var b = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500)
                .WithTimeout(TimeSpan.FromSeconds(10));
            if (user != null)
                b = b.WithCredentials(user, password);
            var r = await c.ConnectAsync(b.Build());
            if (expectSuccess && r.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"connect as {user}: {r.ResultCode}");
            return c;
        }

        public static Task<MqttClientPublishResult> PublishAsync(IMqttClient c, string topic, byte[] payload, int qos = 1, bool retain = false) =>
            c.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build());

        public static string Topic(string monitor, string kind) => $"cellvar/v1/{Golden.Site}/{monitor}/{kind}";

        /// <summary>
        /// A healthy pack for the prior loop to fit: the first <paramref name="cells"/> cells of <paramref name="m"/> spread
        /// uniformly around 20 mΩ (±0.9), 2.5 Ah (±50 mAh) and 25 °C (±1 K), drawn from <paramref name="rng"/> cell by cell.
        /// </summary>
        public static void ScatterHealthyCells(SimulatedMonitor m, Random rng, int cells = 16)
        {
            for (int i = 0; i < cells; i++)
            {
                m.Cells.Resistance_uOhm[i] = 20000 + rng.Next(-900, 900);
                m.Cells.Capacity_mAh[i] = 2500 + rng.Next(-50, 50);
                m.Cells.Temperature_dC[i] = 250 + rng.Next(-10, 10);
            }
        }

        public async Task<JsonElement> GetJsonAsync(string path)
        {
            using HttpResponseMessage r = await Http.GetAsync(path);
            string body = await r.Content.ReadAsStringAsync();
            if (!r.IsSuccessStatusCode)
                throw new HttpRequestException($"GET {path}: {(int)r.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
        public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, double seconds = 15)
        {
            var sw = Stopwatch.StartNew();
            while (!await condition())
            {
                if (sw.Elapsed.TotalSeconds > seconds)
                    throw new TimeoutException($"timed out after {seconds} s waiting for {what}");
                await Task.Delay(20);
            }
        }

        public Task WaitStoredAsync(long stored, double seconds = 15) =>
            WaitUntilAsync(() => Task.FromResult(Service.Ingest.Stats.Stored + Service.Ingest.Stats.Duplicates + Service.Ingest.Stats.Rejected >= stored),
                $"{stored} messages processed (now stored {Service.Ingest.Stats.Stored}, dup {Service.Ingest.Stats.Duplicates}, rejected {Service.Ingest.Stats.Rejected})", seconds);

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Service.DisposeAsync();
            string db = Service.Options.Database;
            if (!db.Contains("://", StringComparison.Ordinal) && Path.GetFileName(Path.GetDirectoryName(db) ?? "").StartsWith("cellvar-svc-", StringComparison.Ordinal))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(Path.GetDirectoryName(db)!, true); } catch (IOException) { }
            }
        }

        /// <summary>Keeps log lines so tests can check that something was logged.</summary>
        public sealed class ListLogger : ILoggerProvider, ILogger
        {
            public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();
            public ILogger CreateLogger(string categoryName) => this;
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                Lines.Enqueue((logLevel, formatter(state, exception)));
            public void Dispose() { }
        }
    }
}

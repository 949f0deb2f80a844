using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Dashboard.Tests
{
    /// <summary>`cellvar serve` in process, as the CLI mounts it, on free loopback ports with a fresh SQLite file.</summary>
    internal sealed class DashboardHost : IAsyncDisposable
    {
        private readonly string _dir;

        private DashboardHost(CellVarService s, string dir)
        {
            Service = s;
            _dir = dir;
            // A wildcard listener is reached over loopback (the one interface every test machine has).
            Http = new HttpClient { BaseAddress = new Uri(s.HttpAddress.Replace("://0.0.0.0:", "://127.0.0.1:").Replace("://[::]:", "://[::1]:")), Timeout = TimeSpan.FromSeconds(20) };
        }

        public CellVarService Service { get; }
        public HttpClient Http { get; }
        public string Url => Http.BaseAddress!.ToString().TrimEnd('/');
        public int MqttPort => Service.Broker!.Port;

        public static string PasswordOf(string monitor) => "pw-" + monitor;

        /// <summary>Starts the service with the dashboard mounted; <paramref name="serviceToken"/> is the service's own HTTP token (the environment is never read).</summary>
        public static async Task<DashboardHost> StartAsync(string[] monitors, string httpUrl = "http://127.0.0.1:0", DashboardOptions? dashboard = null, string? serviceToken = null)
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-dash-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            var creds = new Credentials();
            foreach (string m in monitors)
                creds.Add(m, PasswordOf(m));
            var o = new ServiceOptions
            {
                Database = Path.Combine(dir, "cellvar.db"),
                MqttPort = MosquittoProcess.FreePort(),
                Credentials = creds,
                HttpUrl = httpUrl,
                HttpAccessToken = serviceToken,
                PriorInterval = TimeSpan.Zero,
                ClientId = "cellvar-dash-test-" + Guid.NewGuid().ToString("N")[..6],
                // Exactly what `cellvar serve` does, plus test-chosen dashboard options.
                ConfigureHttp = (app, svc) => app.MapCellVarDashboard(svc, dashboard ?? new DashboardOptions { AccessToken = null }),
            };
            try
            {
                return new DashboardHost(await CellVarService.StartAsync(o, NullLoggerFactory.Instance), dir);
            }
            catch
            {
                TryDelete(dir);
                throw;
            }
        }

        /// <summary>An MQTT 5 client logged in as <paramref name="monitor"/> (the ACL lets it publish only its own topics).</summary>
        public async Task<IMqttClient> MonitorClientAsync(string monitor)
        {
            IMqttClient c = new MqttClientFactory().CreateMqttClient();
            var r = await c.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", MqttPort).WithClientId(monitor)
                .WithCredentials(monitor, PasswordOf(monitor)).WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10)).Build());
            if (r.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"connect as {monitor}: {r.ResultCode}");
            return c;
        }

        public static async Task PublishAsync(IMqttClient c, string topic, byte[] payload, bool retain = false)
        {
            var r = await c.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
            if (!r.IsSuccess)
                throw new InvalidOperationException($"publish to {topic}: {r.ReasonCode}");
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Service.DisposeAsync();
            TryDelete(_dir);
        }

        private static void TryDelete(string dir)
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

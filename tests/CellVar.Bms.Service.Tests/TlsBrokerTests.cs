using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Ingest;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CellVar.Bms.Service.Tests
{
    /// <summary><c>--broker mqtts://... --ca-file</c> against Mosquitto with a certificate from a throw-away CA.</summary>
    public class TlsBrokerTests
    {
        private static async Task RunAsync(string dir, string args)
        {
            var psi = new ProcessStartInfo("openssl", args) { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            string err = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"openssl {args}: {err}");
        }

        [SkippableFact]
        public async Task MqttsWithCaFile_Connects_AndIngests_WhileAnUntrustedBrokerIsRefused()
        {
            string bin = Services.Mosquitto();
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-tls-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            await RunAsync(dir, "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=cellvar-test-ca");
            await RunAsync(dir, "req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost");
            File.WriteAllText(Path.Combine(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            await RunAsync(dir, "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext");
            if (!OperatingSystem.IsWindows())
                foreach (string f in new[] { "ca.pem", "server.pem", "server.key" })
                    File.SetUnixFileMode(Path.Combine(dir, f), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await using var mosq = await MosquittoProcess.StartAsync(bin,
                $"cafile {dir}/ca.pem\ncertfile {dir}/server.pem\nkeyfile {dir}/server.key\nallow_anonymous true\n");

            // Without the CA (system trust store) the broker's certificate must be refused.
            string db = Services.TempSqlite();
            using (var store = await Store.OpenAsync(db))
            {
                await using var ingest = new IngestPipeline(store, "cellvar/v1", NullLogger.Instance);
                await using var untrusted = new BrokerClient(BrokerEndpoint.Parse($"mqtts://127.0.0.1:{mosq.Port}", null), "cellvar-tls-neg", "cellvar/v1", null, ingest, NullLogger.Instance);
                await Assert.ThrowsAnyAsync<Exception>(() => untrusted.ConnectAsync(TimeSpan.FromSeconds(1)));
                Assert.False(untrusted.IsConnected);
            }

            var o = new ServiceOptions
            {
                Database = Services.TempSqlite(), BrokerUrl = $"mqtts://127.0.0.1:{mosq.Port}", CaFile = Path.Combine(dir, "ca.pem"),
                HttpUrl = "http://127.0.0.1:0", PriorInterval = TimeSpan.Zero, ClientId = "cellvar-tls-" + Guid.NewGuid().ToString("N")[..6],
            };
            await using var s = await CellVarService.StartAsync(o, NullLoggerFactory.Instance);
            Assert.True(s.Client.IsConnected);
            Assert.Equal($"mqtts://127.0.0.1:{mosq.Port}", s.Client.Endpoint.ToString());
            var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "ca.pem")));
            using var device = new MQTTnet.MqttClientFactory().CreateMqttClient();
            await device.ConnectAsync(new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosq.Port).WithClientId(Golden.Monitor)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithTlsOptions(t => t.UseTls(true).WithTrustChain(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(ca))).Build());
            await EmbeddedIngestTests.PublishGoldenAsync(device);
            await TestService.WaitUntilAsync(() => Task.FromResult(s.Ingest.Stats.Stored >= 6), "golden payloads stored over TLS");
            await EmbeddedIngestTests.AssertGoldenRowsAsync(s);
        }
    }
}

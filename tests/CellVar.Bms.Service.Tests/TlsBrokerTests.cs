using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Ingest;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;

namespace CellVar.Bms.Service.Tests
{
    /// <summary><c>--broker mqtts://... --ca-file</c> against Mosquitto with a certificate from a throw-away CA (with and without the documented credentials and ACL).</summary>
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

        /// <summary>A throw-away CA and a localhost/127.0.0.1 server certificate it signed (ca.pem, server.pem, server.key) in a new folder.</summary>
        private static async Task<string> ThrowAwayCaAsync()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-tls-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            await RunAsync(dir, "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=cellvar-test-ca");
            await RunAsync(dir, "req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost");
            File.WriteAllText(Path.Combine(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            await RunAsync(dir, "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext");
            if (!OperatingSystem.IsWindows())
                foreach (string f in new[] { "ca.pem", "server.pem", "server.key" })
                    File.SetUnixFileMode(Path.Combine(dir, f), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return dir;
        }

        /// <summary>
        /// The production layout of PROTOCOL.md in one broker: TLS listener, no anonymous clients, the documented password
        /// and ACL files. The service connects over mqtts with its account; a monitor over TLS with its own credentials is
        /// stored; anonymous and wrong-password clients are refused; publishing into another monitor's subtree is refused.
        /// </summary>
        [SkippableFact]
        public async Task MqttsWithPasswordsAndDocumentedAcl_RefusesAnonymousWrongPasswordAndForeignSubtree()
        {
            string bin = Services.Mosquitto();
            string dir = await ThrowAwayCaAsync();
            string servicePw = "svc-" + Guid.NewGuid().ToString("N")[..8];
            var (passwd, acl) = await MosquittoTests.DocumentedAuthFilesAsync(bin, servicePw);
            await using var mosq = await MosquittoProcess.StartAsync(bin,
                $"cafile {dir}/ca.pem\ncertfile {dir}/server.pem\nkeyfile {dir}/server.key\nallow_anonymous false\npassword_file {passwd}\nacl_file {acl}\n");
            var o = new ServiceOptions
            {
                Database = Services.TempSqlite(), BrokerUrl = $"mqtts://cellvar-service:{servicePw}@127.0.0.1:{mosq.Port}", CaFile = Path.Combine(dir, "ca.pem"),
                HttpUrl = "http://127.0.0.1:0", PriorInterval = TimeSpan.Zero, ClientId = "cellvar-tls-" + Guid.NewGuid().ToString("N")[..6],
            };
            await using var s = await CellVarService.StartAsync(o, NullLoggerFactory.Instance);
            Assert.True(s.Client.IsConnected);

            var ca = new X509Certificate2Collection(X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "ca.pem"))));
            async Task<(IMqttClient Client, bool Connected)> ConnectTlsAsync(string clientId, string? user, string? pw)
            {
                var c = new MqttClientFactory().CreateMqttClient();
                var b = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosq.Port).WithClientId(clientId)
                    .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10))
                    .WithTlsOptions(t => t.UseTls(true).WithTrustChain(ca));
                if (user != null) b = b.WithCredentials(user, pw);
                // A refused CONNECT surfaces either as a result code or as MqttConnectingFailedException, by MQTTnet version.
                try { return (c, (await c.ConnectAsync(b.Build())).ResultCode == MqttClientConnectResultCode.Success); }
                catch (MQTTnet.Adapter.MqttConnectingFailedException) { return (c, false); }
            }

            var (anon, anonOk) = await ConnectTlsAsync("rig1-m01", null, null);
            Assert.False(anonOk, "anonymous TLS client must be refused");
            anon.Dispose();
            var (wrong, wrongOk) = await ConnectTlsAsync("rig1-m01", "rig1-m01", "not-the-password");
            Assert.False(wrongOk, "wrong password over TLS must be refused");
            wrong.Dispose();

            var (m1, ok) = await ConnectTlsAsync("rig1-m01", "rig1-m01", "pw-rig1-m01");
            Assert.True(ok, "the monitor with its own credentials must connect over TLS");
            byte[] forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Golden.Bytes("alert-raised.json")).Replace("rig1-m01", "rig1-m02"));
            var fr = await TestService.PublishAsync(m1, TestService.Topic("rig1-m02", "alert"), forged);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, fr.ReasonCode);
            // Mosquitto may drop the connection right after the refusal: reconnect before the legitimate publish.
            await Task.Delay(100);
            if (!m1.IsConnected)
            {
                m1.Dispose();
                (m1, ok) = await ConnectTlsAsync("rig1-m01", "rig1-m01", "pw-rig1-m01");
                Assert.True(ok);
            }
            var own = await TestService.PublishAsync(m1, TestService.Topic("rig1-m01", "alert"), Golden.Bytes("alert-raised.json"));
            Assert.True(own.IsSuccess);
            await TestService.WaitUntilAsync(() => Task.FromResult(s.Ingest.Stats.Stored >= 1), "the monitor's own alert stored over TLS");
            await Task.Delay(300); // the forged message, had it passed, was published first: give it time to show up
            var monitors = await s.Store.MonitorsAsync(0, 1000);
            Assert.Equal(new[] { "rig1-m01" }, monitors.Select(m => m.MonitorId));
            Assert.Equal(1, s.Ingest.Stats.Stored);
            m1.Dispose();
        }

        [SkippableFact]
        public async Task MqttsWithCaFile_Connects_AndIngests_WhileAnUntrustedBrokerIsRefused()
        {
            string bin = Services.Mosquitto();
            string dir = await ThrowAwayCaAsync();
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

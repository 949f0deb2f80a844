using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using MQTTnet;
using MQTTnet.Formatter;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// <c>cellvar serve --tls-cert</c>: the embedded broker's TLS endpoint with a certificate from a throw-away CA made
    /// in-process; same credentials and ACL as the plain endpoint.
    /// </summary>
    public class EmbeddedBrokerTlsTests
    {
        /// <summary>A CA and a server certificate for 127.0.0.1/localhost signed by it, written as PEM (cert + key).</summary>
        private sealed class TestPki : IDisposable
        {
            public X509Certificate2 Ca { get; }
            public string CertFile { get; }
            public string KeyFile { get; }

            public TestPki(string dir)
            {
                DateTimeOffset now = DateTimeOffset.UtcNow;
                using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var caReq = new CertificateRequest("CN=cellvar-test-ca", caKey, HashAlgorithmName.SHA256);
                caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
                caReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caReq.PublicKey, false));
                Ca = caReq.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));

                using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var req = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
                var san = new SubjectAlternativeNameBuilder();
                san.AddIpAddress(IPAddress.Loopback);
                san.AddDnsName("localhost");
                req.CertificateExtensions.Add(san.Build());
                req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
                req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
                req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
                req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
                using X509Certificate2 server = req.Create(Ca, now.AddHours(-1), now.AddDays(1), new byte[] { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x01 });
                CertFile = Path.Combine(dir, "server.pem");
                KeyFile = Path.Combine(dir, "server.key");
                File.WriteAllText(CertFile, server.ExportCertificatePem());
                File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
            }

            public void Dispose() => Ca.Dispose();
        }

        private static async Task<MqttClientConnectResultCode> ConnectAsync(IMqttClient c, int port, string clientId, string user, string password, X509Certificate2? trust)
        {
            var b = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithCredentials(user, password)
                .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10))
                .WithTlsOptions(t =>
                {
                    t.UseTls(true);
                    if (trust != null)
                        t.WithTrustChain(new X509Certificate2Collection(trust));
                });
            return (await c.ConnectAsync(b.Build())).ResultCode;
        }

        [Fact]
        public async Task TlsEndpoint_TrustedMonitorConnects_UntrustedClientAndWrongCredentialsAreRefused()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-embtls-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            using var pki = new TestPki(dir);
            int tlsPort = MosquittoProcess.FreePort();
            await using var t = await TestService.StartAsync(configure: o =>
            {
                o.TlsCertificateFile = pki.CertFile;
                o.TlsKeyFile = pki.KeyFile;
                o.TlsPort = tlsPort;
            });
            Assert.Equal(tlsPort, t.Service.Broker!.TlsPort);
            string pw = TestService.Of("rig1-m01").Value;

            // A client that does not trust the test CA refuses the broker's certificate: no session is established.
            using (IMqttClient untrusted = new MqttClientFactory().CreateMqttClient())
            {
                Exception e = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(untrusted, tlsPort, "rig1-m01", "rig1-m01", pw, null));
                Assert.IsType<System.Security.Authentication.AuthenticationException>(e.InnerException);
                Assert.False(untrusted.IsConnected);
            }

            // TLS does not replace authentication: a wrong password over TLS is refused like on the plain port.
            using (IMqttClient wrong = new MqttClientFactory().CreateMqttClient())
            {
                Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
                    await ConnectAsync(wrong, tlsPort, "rig1-m01", "rig1-m01", "not-the-password", pki.Ca));
                Assert.False(wrong.IsConnected);
            }
            Assert.Equal(1, t.Service.Broker.RefusedConnections);

            // The monitor that trusts the CA connects, its own alert is stored, and the ACL still holds over TLS.
            using IMqttClient monitor = new MqttClientFactory().CreateMqttClient();
            Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(monitor, tlsPort, "rig1-m01", "rig1-m01", pw, pki.Ca));
            var forged = await TestService.PublishAsync(monitor, TestService.Topic("rig1-m02", "alert"), Golden.Bytes("alert-raised.json"));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
            var ok = await TestService.PublishAsync(monitor, TestService.Topic("rig1-m01", "alert"), Golden.Bytes("alert-raised.json"));
            Assert.True(ok.IsSuccess, ok.ReasonCode.ToString());
            await t.WaitStoredAsync(1);
            Assert.Equal(1, t.Service.Ingest.Stats.Stored);
            Assert.Equal(1, t.Service.Broker.RefusedPublishes);
        }

        [Fact]
        public void CertificateWithoutKey_IsRejectedNamingTheFile()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-embtls-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            using var pki = new TestPki(dir);
            var e = Assert.Throws<ArgumentException>(() => CellVar.Bms.Service.Mqtt.TlsListener.LoadCertificate(pki.CertFile, null));
            Assert.Contains("server.pem", e.Message);
            Assert.Throws<FileNotFoundException>(() => CellVar.Bms.Service.Mqtt.TlsListener.LoadCertificate(Path.Combine(dir, "missing.pem"), null));
        }
    }
}

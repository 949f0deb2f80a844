using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Benchmarks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>The service behind a real Mosquitto: broker restart mid-stream, and the documented ACL file.</summary>
    public class MosquittoTests
    {
        [SkippableFact]
        public async Task BrokerRestartMidStream_ServiceReconnects_AndNothingAcknowledgedIsLost()
        {
            string bin = Services.Mosquitto();
            await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\n");
            await using var t = await TestService.StartAsync(brokerUrl: $"mqtt://127.0.0.1:{mosq.Port}");
            const int total = 400;
            var capture = new CaptureLink();
            var link = new MonitorLink(capture, "cellvar/v1", Golden.Site, "rig1-m01", 1);
            var cells = new CellTelemetry();
            var acked = new HashSet<long>();
            IMqttClient? pub = null;
            async Task<IMqttClient> ConnectPublisherAsync()
            {
                for (int attempt = 0; ; attempt++)
                {
                    try
                    {
                        var c = new MqttClientFactory().CreateMqttClient();
                        await c.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosq.Port).WithClientId("rig1-m01")
                            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(5)).Build());
                        return c;
                    }
                    catch (Exception) when (attempt < 200)
                    {
                        await Task.Delay(50);
                    }
                }
            }
            pub = await ConnectPublisherAsync();
            bool restarted = false;
            for (int i = 0; i < total; i++)
            {
                if (i == total / 2)
                {
                    // Restart the broker with messages still queued for the service's persistent session.
                    await mosq.StopAsync();
                    await mosq.StartAgainAsync();
                    restarted = true;
                }
                link.DeviceTime_ms = 1764100000000L + i;
                cells.Resistance_uOhm[0] = 20000 + i;
                Assert.True(link.PublishTelemetry(-i, cells, 1, 1));
                long seq = link.NextSequence - 1;
                // A device keeps retrying a message until the broker acknowledges it (QoS 1 semantics).
                while (true)
                {
                    try
                    {
                        if (!pub.IsConnected)
                        {
                            pub.Dispose();
                            pub = await ConnectPublisherAsync();
                        }
                        var r = await TestService.PublishAsync(pub, TestService.Topic("rig1-m01", "telemetry"), capture.Last!, qos: 1);
                        if (r.IsSuccess)
                        {
                            acked.Add(seq);
                            break;
                        }
                    }
                    catch (Exception)
                    {
                        await Task.Delay(20);
                    }
                }
            }
            pub.Dispose();
            Assert.True(restarted);
            Assert.Equal(total, acked.Count);
            await TestService.WaitUntilAsync(async () => (await t.Service.Store.CountsAsync()).Rows["telemetry"] >= total,
                $"all {total} acknowledged messages stored (stored {t.Service.Ingest.Stats.Stored}, dup {t.Service.Ingest.Stats.Duplicates}, connected {t.Service.Client.IsConnected}, reconnects {t.Service.Client.Reconnects}); log: {string.Join(" | ", t.Logs.Lines.Select(l => l.Message).TakeLast(8))}; mosquitto: {mosq.Log()[^Math.Min(mosq.Log().Length, 1500)..]}", seconds: 30);
            var counts = (await t.Service.Store.CountsAsync()).Rows;
            Assert.Equal(total, counts["telemetry"]);
            Assert.Empty(await t.Service.Store.GapsAsync("rig1-m01"));
            Assert.True(t.Service.Client.Reconnects >= 1, "the service should have reconnected after the restart");
            var hist = await t.Service.Store.TelemetryAsync("rig1-m01", 1, long.MinValue, long.MaxValue, 10_000);
            Assert.Equal(Enumerable.Range(0, total).Select(i => 20000 + i), hist.Select(h => h.ResistanceUohm));
        }

        [SkippableFact]
        public async Task DocumentedMosquittoAcl_RefusesAnonymousAndForeignSubtrees()
        {
            string bin = Services.Mosquitto();
            string servicePw = "svc-" + Guid.NewGuid().ToString("N")[..8];
            var (passwd, acl) = await DocumentedAuthFilesAsync(bin, servicePw);
            await using var mosq = await MosquittoProcess.StartAsync(bin, $"allow_anonymous false\npassword_file {passwd}\nacl_file {acl}\n");
            await using var t = await TestService.StartAsync(brokerUrl: $"mqtt://cellvar-service:{servicePw}@127.0.0.1:{mosq.Port}");

            var anon = new MqttClientFactory().CreateMqttClient();
            var ar = await anon.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosq.Port).WithClientId("rig1-m01").WithProtocolVersion(MqttProtocolVersion.V500).Build());
            Assert.NotEqual(MqttClientConnectResultCode.Success, ar.ResultCode);

            var m1 = await TestService.ClientAsync(mosq.Port, "rig1-m01", "rig1-m01", "pw-rig1-m01");
            byte[] forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Golden.Bytes("alert-raised.json")).Replace("rig1-m01", "rig1-m02"));
            var fr = await TestService.PublishAsync(m1, TestService.Topic("rig1-m02", "alert"), forged);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, fr.ReasonCode);
            // Mosquitto 2.0.11 drops the connection right after the refusal (MQTTnet then sees a socket error): reconnect.
            await Task.Delay(100);
            if (!m1.IsConnected)
            {
                m1.Dispose();
                m1 = await TestService.ClientAsync(mosq.Port, "rig1-m01", "rig1-m01", "pw-rig1-m01");
            }
            // Reading: Mosquitto grants the subscription but never delivers what the ACL hides. The service (write access)
            // leaves retained priors for both monitors; m01 subscribes to both and must only see its own.
            Assert.True(await t.Service.Client.PublishRetainedAsync(TestService.Topic("rig1-m01", "prior"), Golden.Bytes("prior.json")));
            Assert.True(await t.Service.Client.PublishRetainedAsync(TestService.Topic("rig1-m02", "prior"), Golden.Bytes("prior-wrong-monitor.json")));
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            m1.ApplicationMessageReceivedAsync += e => { seen.Enqueue(e.ApplicationMessage.Topic); return Task.CompletedTask; };
            await m1.SubscribeAsync(TestService.Topic("rig1-m02", "prior"), MqttQualityOfServiceLevel.AtLeastOnce);
            await m1.SubscribeAsync(TestService.Topic("rig1-m01", "prior"), MqttQualityOfServiceLevel.AtLeastOnce);
            await TestService.WaitUntilAsync(() => Task.FromResult(!seen.IsEmpty), "m01's own retained prior");
            await Task.Delay(300); // m02's retained prior would have been delivered first; give it time anyway
            Assert.Equal(new[] { TestService.Topic("rig1-m01", "prior") }, seen.ToArray());
            var own = await TestService.PublishAsync(m1, TestService.Topic("rig1-m01", "alert"), Golden.Bytes("alert-raised.json"));
            Assert.True(own.IsSuccess);
            await t.WaitStoredAsync(1);
            await Task.Delay(300); // the forged message, had it passed, was published before the good one: give it time to show up
            var monitors = await t.Service.Store.MonitorsAsync(0, 1000);
            Assert.Equal(new[] { "rig1-m01" }, monitors.Select(m => m.MonitorId));
            Assert.Equal(1, t.Service.Ingest.Stats.Stored);
            m1.Dispose();
        }

        /// <summary>
        /// A Mosquitto password file (service account + monitors rig1-m01/rig1-m02 with passwords "pw-&lt;id&gt;") and the ACL
        /// file of PROTOCOL.md, readable by the user Mosquitto drops privileges to.
        /// </summary>
        internal static async Task<(string Passwd, string Acl)> DocumentedAuthFilesAsync(string mosquittoBin, string servicePassword)
        {
            string passwd = Path.Combine(Path.GetTempPath(), "cellvar-pw-" + Guid.NewGuid().ToString("N")[..8]);
            foreach (var (user, pw) in new[] { ("cellvar-service", servicePassword), ("rig1-m01", "pw-rig1-m01"), ("rig1-m02", "pw-rig1-m02") })
            {
                using var p = Process.Start(new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(mosquittoBin)!, "..", "bin", "mosquitto_passwd"),
                    $"{(File.Exists(passwd) ? "" : "-c ")}-b {passwd} {user} {pw}") { UseShellExecute = false, RedirectStandardError = true })!;
                await p.WaitForExitAsync();
                Assert.Equal(0, p.ExitCode);
            }
            string acl = Path.ChangeExtension(passwd, ".acl");
            File.WriteAllText(acl, AclFromProtocolDoc());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.SetUnixFileMode(acl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            return (passwd, acl);
        }

        /// <summary>The ACL block of Protocol/PROTOCOL.md, so the test checks what the documentation tells users to deploy.</summary>
        private static string AclFromProtocolDoc()
        {
            string doc = File.ReadAllText(Path.Combine(Golden.Schemas, "..", "PROTOCOL.md"));
            int start = doc.IndexOf("# cellvar.acl", StringComparison.Ordinal);
            int end = doc.IndexOf("```", start, StringComparison.Ordinal);
            Assert.True(start > 0 && end > start, "PROTOCOL.md must contain the cellvar.acl block");
            return doc[start..end];
        }
    }
}

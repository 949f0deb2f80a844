using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Tests;
using CellVar.Bms.VirtualRig.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// Issue 11 end to end for the firmware link: QoS 1 alerts raised while the path to the broker is silently dead
    /// (a blackholing proxy: no RST, nothing comes back) until the link's watchdog notices and reconnects must all reach
    /// the host service (real Mosquitto, real <see cref="CellVarService"/> on SQLite) and be stored exactly once.
    /// The link is <see cref="MqttNetFirmwareLink"/>: M2MqttLink's logic (outbox, watchdog, in-flight window) over
    /// MQTTnet, with the watchdog's timings scaled from 30 s to 1.5–3 s.
    /// </summary>
    public class DeadPathAlertDeliveryTests
    {
        private const string Monitor = "rig1-m01";
        private const string AlertTopic = "cellvar/v1/lab/" + Monitor + "/alert";
        private static readonly Regex Seq = new("\"seq\":(\\d+)", RegexOptions.Compiled);

        // Same order as the firmware (M2Mqtt's ~3 s give-up < probe after 30 s = answer timeout 30 s), 10–20 × faster.
        private static readonly LinkTimings Fast = new(ProbeAfter_ms: 1500, AckTimeout_ms: 3000, PublishTimeout_ms: 1000, ConnectTimeout_ms: 2000, KeepAlive_s: 60);

        private readonly ITestOutputHelper _out;

        public DeadPathAlertDeliveryTests(ITestOutputHelper output) => _out = output;

        [SkippableFact]
        public async Task Alerts_raised_on_a_dead_path_are_resent_after_the_watchdog_reconnects_and_stored_once()
        {
            await using var mosq = await Broker.StartAsync();
            await using var proxy = new BlackholeProxy("127.0.0.1", mosq.Port);
            await using var host = await StartHostAsync(mosq.Port);

            // Everything the broker passes on for the alert topic, straight from Mosquitto (not through the proxy).
            var seen = new ConcurrentQueue<string>();
            using IMqttClient tap = await StartTapAsync(mosq.Port, seen);

            using var link = new MqttNetFirmwareLink(proxy.Port, Monitor, Fast);
            var monitor = new MonitorLink(link, "cellvar/v1", "lab", Monitor, 1);
            link.SetWill(monitor.StateTopic, monitor.WillPayload, monitor.WillPayloadLength);
            await link.ConnectAsync();

            var produced = new List<long>();
            int raised = 0, queued = 0, refused = 0, waitedForRoom = 0;
            // The monitor raises alerts; like MonitorApp, one leaves the library's alert queue (here: the count
            // `queued`) only while the link is up and its outbox has room, and is "produced" once handed to the link.
            void Step(int newAlerts)
            {
                raised += newAlerts;
                queued += newAlerts;
                while (queued > 0)
                {
                    if (!link.IsConnected)
                        return;
                    if (!link.HasRoomFor(1))
                    {
                        waitedForRoom++;
                        return;
                    }
                    long seq = monitor.NextSequence;
                    monitor.DeviceTime_ms = 1764100000000L + seq;
                    if (monitor.PublishAlert(1 + (int)(seq % 4), AlertKind.ResistanceHigh, seq % 2 == 0, 23000 + (int)seq, 23100, 250))
                        produced.Add(seq);
                    else
                        refused++;
                    queued--;
                }
            }

            for (int i = 0; i < 10; i++)
            {
                Step(1);
                await Task.Delay(200);
            }
            int producedBeforeCut = produced.Count;
            int reconnectsBefore = link.DeadPathReconnects;
            int connectionsBefore = link.ConnectionCount;
            proxy.Cut();
            // 10 alerts/s while the path is dead: more than the in-flight window (4) and the outbox (8) hold before the
            // watchdog notices (3 s), so back-pressure must keep the rest in the alert queue.
            var cutAt = Stopwatch.StartNew();
            while (cutAt.ElapsedMilliseconds < 7000)
            {
                Step(2);
                await Task.Delay(200);
            }
            int producedBeforeRestore = produced.Count;
            long swallowed = proxy.Swallowed_B;
            proxy.Restore();
            var sw = Stopwatch.StartNew();
            while (link.ConnectionCount == connectionsBefore)
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), "the link did not reconnect after the path came back");
                Step(0);
                await Task.Delay(50);
            }
            for (int i = 0; i < 10; i++)
            {
                Step(1);
                await Task.Delay(200);
            }
            sw.Restart();
            while (queued > 0)
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"{queued} alerts still queued on the monitor");
                Step(0);
                await Task.Delay(50);
            }

            List<long> stored = await StoredAfterSettlingAsync(host, produced);
            var received = seen.ToArray();
            var bySeq = BySequence(received);
            int duplicates = received.Length - bySeq.Count;
            _out.WriteLine($"alerts raised {raised}, handed to the link {produced.Count} (refused {refused}, outbox drops {link.OutboxDropped}), " +
                           $"{producedBeforeRestore - producedBeforeCut} of them while the path was cut; steps that found the outbox full {waitedForRoom}; " +
                           $"proxy swallowed {swallowed} B; dead-path reconnects {link.DeadPathReconnects - reconnectsBefore}; held messages re-sent {link.Window.Resends}; " +
                           $"broker passed on {received.Length} alert publishes ({duplicates} duplicates); host stored {stored.Count} rows, {stored.Distinct().Count()} distinct seq");

            Assert.True(link.DeadPathReconnects > reconnectsBefore, "the watchdog never declared the path dead");
            Assert.True(swallowed > 0, "the cut swallowed nothing");
            Assert.Equal(0, refused);
            Assert.Equal(0, link.OutboxDropped);
            Assert.Equal(raised, produced.Count);
            Assert.True(producedBeforeRestore - producedBeforeCut >= 8, $"only {producedBeforeRestore - producedBeforeCut} alerts handed to the link while the path was cut");
            Assert.True(waitedForRoom > 0, "the outbox never filled: back-pressure was not exercised");
            Assert.True(link.Window.Resends > 0, "nothing was re-sent");
            AssertEachStoredOnceAndCopiesIdentical(produced, stored, bySeq);
            await tap.DisconnectAsync();
        }

        /// <summary>
        /// A frozen broker (SIGSTOP: the kernel still accepts our bytes, nothing is processed or answered) until the
        /// watchdog gives up on the connection: when the broker thaws it reads the alerts from the abandoned connection
        /// and gets them again from the new one, so the host sees real duplicates, which must carry the same sequence
        /// number and bytes and be stored once.
        /// </summary>
        [SkippableFact]
        public async Task Alerts_a_frozen_broker_receives_twice_are_stored_once()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "needs SIGSTOP/SIGCONT and /proc");
            await using var mosq = await Broker.StartAsync();
            int pid = MosquittoPid(mosq.ConfigFile);
            await using var host = await StartHostAsync(mosq.Port);
            var seen = new ConcurrentQueue<string>();
            using IMqttClient tap = await StartTapAsync(mosq.Port, seen);

            using var link = new MqttNetFirmwareLink(mosq.Port, Monitor, Fast);
            var monitor = new MonitorLink(link, "cellvar/v1", "lab", Monitor, 1);
            link.SetWill(monitor.StateTopic, monitor.WillPayload, monitor.WillPayloadLength);
            await link.ConnectAsync();
            var produced = new List<long>();
            int queued = 0, refused = 0;
            void Step(int newAlerts)
            {
                queued += newAlerts;
                while (queued > 0 && link.IsConnected && link.HasRoomFor(1))
                {
                    long seq = monitor.NextSequence;
                    monitor.DeviceTime_ms = 1764100000000L + seq;
                    if (monitor.PublishAlert(1, AlertKind.ResistanceHigh, true, 23000 + (int)seq, 23100, 250))
                        produced.Add(seq);
                    else
                        refused++;
                    queued--;
                }
            }

            for (int i = 0; i < 5; i++)
            {
                Step(1);
                await Task.Delay(200);
            }
            int connectionsBefore = link.ConnectionCount;
            Signal("STOP", pid);
            try
            {
                var frozen = Stopwatch.StartNew();
                while (frozen.ElapsedMilliseconds < 5000)
                {
                    Step(1);
                    await Task.Delay(200);
                }
            }
            finally
            {
                Signal("CONT", pid);
            }
            var sw = Stopwatch.StartNew();
            while (queued > 0 || link.ConnectionCount == connectionsBefore)
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"no reconnect or {queued} alerts still queued");
                Step(0);
                await Task.Delay(50);
            }
            List<long> stored = await StoredAfterSettlingAsync(host, produced);
            var received = seen.ToArray();
            var bySeq = BySequence(received);
            int duplicates = received.Length - bySeq.Count;
            _out.WriteLine($"alerts handed to the link {produced.Count} (refused {refused}); dead-path reconnects {link.DeadPathReconnects}; " +
                           $"held messages re-sent {link.Window.Resends}; broker passed on {received.Length} alert publishes ({duplicates} duplicates of " +
                           $"{bySeq.Count(kv => kv.Value.Length > 1)} alerts); host stored {stored.Count} rows, {stored.Distinct().Count()} distinct seq");

            Assert.Equal(0, refused);
            Assert.True(link.DeadPathReconnects > 0, "the watchdog never declared the path dead");
            // Whether the broker also passes on a duplicate depends on how Mosquitto orders the old and new connection
            // when it thaws (seen in 7 of 7 local runs, not guaranteed), so it is reported above; the re-send path itself
            // must have run, and any duplicate must be byte-identical.
            Assert.True(link.Window.Resends > 0, "no held message was re-sent: the re-send path was not exercised");
            AssertEachStoredOnceAndCopiesIdentical(produced, stored, bySeq);
            await tap.DisconnectAsync();
        }

        private static Task<CellVarService> StartHostAsync(int brokerPort) => CellVarService.StartAsync(new ServiceOptions
        {
            BrokerUrl = $"mqtt://127.0.0.1:{brokerPort}",
            Database = Services.TempSqlite(),
            HttpUrl = "http://127.0.0.1:0",
            PriorInterval = TimeSpan.Zero,
            ClientId = "cellvar-service-fw-" + Guid.NewGuid().ToString("N")[..6],
        }, NullLoggerFactory.Instance);

        /// <summary>
        /// Subscribes straight to Mosquitto (never through a proxy) and collects every alert payload the broker passes on;
        /// a 60 s keep-alive so a frozen broker does not drop the tap itself.
        /// </summary>
        private static async Task<IMqttClient> StartTapAsync(int brokerPort, ConcurrentQueue<string> seen)
        {
            IMqttClient tap = new MqttClientFactory().CreateMqttClient();
            tap.ApplicationMessageReceivedAsync += e =>
            {
                seen.Enqueue(Encoding.ASCII.GetString(e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
            await tap.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort).WithClientId("tap")
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(60)).Build());
            await tap.SubscribeAsync(AlertTopic, MqttQualityOfServiceLevel.AtLeastOnce);
            return tap;
        }

        /// <summary>Waits until the host has every produced alert (or 15 s), lets duplicates in flight settle, reads again.</summary>
        private static async Task<List<long>> StoredAfterSettlingAsync(CellVarService host, List<long> produced)
        {
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(15)
                   && !produced.All((await StoredSequences.ReadAsync(host.Store, "events", Monitor, "alert")).Contains))
                await Task.Delay(100);
            await Task.Delay(1000);
            return await StoredSequences.ReadAsync(host.Store, "events", Monitor, "alert");
        }

        /// <summary>Alert payloads the broker passed on, grouped by their sequence number.</summary>
        private static Dictionary<long, string[]> BySequence(string[] received) =>
            received.GroupBy(p => long.Parse(Seq.Match(p).Groups[1].Value)).ToDictionary(g => g.Key, g => g.ToArray());

        /// <summary>
        /// Every produced alert stored exactly once and nothing invented; a re-sent alert is the same message (same
        /// sequence number, byte for byte).
        /// </summary>
        private static void AssertEachStoredOnceAndCopiesIdentical(List<long> produced, List<long> stored, Dictionary<long, string[]> bySeq)
        {
            var missing = produced.Except(stored).ToArray();
            Assert.True(missing.Length == 0, $"{missing.Length} of {produced.Count} alerts never stored: seq {string.Join(",", missing)}");
            Assert.Equal(produced.OrderBy(s => s), stored.OrderBy(s => s));
            foreach (var (seq, copies) in bySeq)
                Assert.All(copies, c => Assert.Equal(copies[0], c));
        }

        // The broker process started with this configuration file (MosquittoProcess does not expose its pid).
        private static int MosquittoPid(string configFile)
        {
            foreach (string dir in System.IO.Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(System.IO.Path.GetFileName(dir), out int pid))
                    continue;
                try
                {
                    string cmd = System.IO.File.ReadAllText(System.IO.Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    if (cmd.Contains("mosquitto") && cmd.Contains(configFile))
                        return pid;
                }
                catch (Exception)
                {
                    // The process ended or is not ours to read.
                }
            }
            throw new InvalidOperationException($"no mosquitto process runs with {configFile}");
        }

        private static void Signal(string signal, int pid)
        {
            using var p = Process.Start("kill", $"-{signal} {pid}")!;
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }
    }
}

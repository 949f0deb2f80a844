using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using MQTTnet;
using MQTTnet.Protocol;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// The firmware main loop against a real Mosquitto: retained online state and offline will, telemetry, a retained
    /// prior applied and persisted, and — after a reboot that lost its flash copy — the prior re-delivered by the broker.
    /// </summary>
    public class BrokerRoundTripTests
    {
        private const string Root = "cellvar/v1/lab/rig1-m01/";
        private const string Prior17 = "{\"v\":1,\"mon\":\"rig1-m01\",\"id\":17,\"r\":{\"loc\":20000,\"sd\":600,\"hi\":23100,\"lo\":null},\"q\":{\"loc\":2500,\"sd\":40,\"hi\":null,\"lo\":2380},\"tr\":{\"loc\":0,\"sd\":10,\"hi\":50,\"lo\":null}}";

        private static (MonitorApp, MqttNetFirmwareLink) Monitor(int port, FakeStore store)
        {
            var (s, cfg, e) = Configs.Parse(Configs.Virtual4Cells);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            var adc = new FakeAdc();
            for (int i = 0; i < 4; i++)
                adc.Counts[i] = VirtualAdc.VoltageToCounts(3_700_000);
            adc.Counts[4] = VirtualAdc.CurrentToCounts(-1500);
            var link = new MqttNetFirmwareLink(port, "rig1-m01");
            var app = new MonitorApp(cfg, adc, link, store, 0);
            link.SetWill(app.Link.StateTopic, app.Link.WillPayload, app.Link.WillPayloadLength);
            return (app, link);
        }

        private static async Task<(IMqttClient Client, ConcurrentQueue<(string Topic, string Payload, bool Retain)> Seen)> ObserverAsync(int port, string filter)
        {
            var seen = new ConcurrentQueue<(string, string, bool)>();
            IMqttClient c = new MqttClientFactory().CreateMqttClient();
            c.ApplicationMessageReceivedAsync += e =>
            {
                seen.Enqueue((e.ApplicationMessage.Topic, Encoding.ASCII.GetString(e.ApplicationMessage.Payload.ToArray()), e.ApplicationMessage.Retain));
                return Task.CompletedTask;
            };
            await c.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("obs-" + Guid.NewGuid().ToString("N")[..6]).Build());
            await c.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            return (c, seen);
        }

        /// <summary>Steps the monitor (1 s of device time per step) until <paramref name="done"/> or 10 s of wall time.</summary>
        private static async Task<long> StepUntil(MonitorApp app, long t, Func<bool> done)
        {
            var sw = Stopwatch.StartNew();
            while (!done())
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for the broker round trip");
                app.Step(t);
                t += 1000;
                await Task.Delay(20);
            }
            return t;
        }

        [SkippableFact]
        public async Task Retained_state_will_telemetry_and_prior_redelivery_through_mosquitto()
        {
            await using var broker = await Broker.StartAsync();
            var (obs, seen) = await ObserverAsync(broker.Port, Root + "#");

            var store = new FakeStore();
            var (app, link) = Monitor(broker.Port, store);
            await link.ConnectAsync();
            long t = await StepUntil(app, 0, () => seen.Any(m => m.Topic == Root + "telemetry"));
            var tele = seen.First(m => m.Topic == Root + "telemetry");
            Assert.Contains("\"i_mA\":1500", tele.Payload); // device discharge −1500 mA = charging +1500 on the wire
            Assert.Contains("[3700,", tele.Payload);

            // The host publishes a retained prior; the monitor applies it, answers ok, and keeps a flash copy.
            using (var host = new MqttClientFactory().CreateMqttClient())
            {
                await host.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("host").Build());
                await host.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Root + "prior").WithPayload(Prior17)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build());
                await host.DisconnectAsync();
            }
            t = await StepUntil(app, t, () => store.PriorWrites == 1 && seen.Any(m => m.Topic == Root + "status"));
            Assert.Equal(20000, app.Monitor.GetPrior(PriorQuantity.Resistance).Location);
            Assert.Contains("\"ok\":true", seen.First(m => m.Topic == Root + "status").Payload);

            // Power loss: the broker publishes the retained offline will.
            link.Crash();
            var sw = Stopwatch.StartNew();
            while (!seen.Any(m => m.Topic == Root + "state" && m.Payload.Contains("\"online\":false")))
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "no last will");
                await Task.Delay(20);
            }

            // Reboot with the flash copy lost: the broker re-delivers the retained prior after the re-subscription.
            var emptyFlash = new FakeStore { Sequence = store.Sequence };
            var (app2, link2) = Monitor(broker.Port, emptyFlash);
            Assert.False(app2.PriorRestored);
            Assert.False(app2.Monitor.GetPrior(PriorQuantity.Resistance).IsSet);
            await link2.ConnectAsync();
            await StepUntil(app2, 0, () => app2.Monitor.GetPrior(PriorQuantity.Resistance).IsSet);
            Assert.Equal(23100, app2.Monitor.GetPrior(PriorQuantity.Resistance).ThresholdHigh);
            Assert.Equal(1, emptyFlash.PriorWrites);

            // A late subscriber sees the retained online state of the rebooted monitor.
            var (late, lateSeen) = await ObserverAsync(broker.Port, Root + "state");
            sw.Restart();
            while (!lateSeen.Any())
            {
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "no retained state");
                await Task.Delay(20);
            }
            var state = lateSeen.First();
            Assert.True(state.Retain);
            Assert.Contains("\"online\":true", state.Payload);
            Assert.Contains("\"fw\":\"0.1.0\"", state.Payload);
            late.Dispose();
            obs.Dispose();
            link2.Crash();
        }
    }
}

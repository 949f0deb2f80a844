using System.Linq;
using System.Text;
using System.Text.Json;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The firmware main loop (firmware/Common/Core/MonitorApp.cs) on the host, with a recording link and store.</summary>
    public class MonitorAppTests
    {
        private const string Prior17 = "{\"v\":1,\"mon\":\"rig1-m01\",\"id\":17,\"r\":{\"loc\":20000,\"sd\":600,\"hi\":23100,\"lo\":null},\"q\":{\"loc\":2500,\"sd\":40,\"hi\":null,\"lo\":2380},\"tr\":{\"loc\":0,\"sd\":10,\"hi\":50,\"lo\":null}}";

        private static (MonitorApp App, FakeLink Link, FakeStore Store, FakeAdc Adc) Create(FakeStore store = null, int selfTest = 0, string json = null)
        {
            var (s, cfg, e) = Configs.Parse(json ?? Configs.Virtual4Cells);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            var adc = new FakeAdc();
            for (int i = 0; i < 4; i++)
                adc.Counts[i] = VirtualAdc.VoltageToCounts(3_650_000 + 1000 * i);
            adc.Counts[4] = VirtualAdc.CurrentToCounts(0);
            var link = new FakeLink();
            store ??= new FakeStore();
            return (new MonitorApp(cfg, adc, link, store, selfTest), link, store, adc);
        }

        [Fact]
        public void Announces_itself_after_each_connect_then_publishes_telemetry_pages()
        {
            var (app, link, _, _) = Create();
            app.Step(0);
            Assert.Empty(link.Published); // not connected: nothing is attempted
            Assert.Contains("cellvar/v1/lab/rig1-m01/prior", link.Subscriptions);
            Assert.Contains("cellvar/v1/lab/rig1-m01/config", link.Subscriptions);

            link.Connect();
            app.Step(1000);
            Assert.Equal("cellvar/v1/lab/rig1-m01/state", link.Published[0].Topic);
            Assert.True(link.Published[0].Retain);
            using (JsonDocument state = JsonDocument.Parse(link.Published[0].Payload))
            {
                Assert.True(state.RootElement.GetProperty("online").GetBoolean());
                Assert.Equal("0.1.0", state.RootElement.GetProperty("fw").GetString());
                Assert.Equal(4, state.RootElement.GetProperty("cells").GetInt32());
            }
            var tele = link.Published.Single(p => p.Topic.EndsWith("/telemetry"));
            using (JsonDocument t = JsonDocument.Parse(tele.Payload))
            {
                var cells = t.RootElement.GetProperty("cells");
                Assert.Equal(4, cells.GetArrayLength());
                Assert.Equal(3650, cells[0][0].GetInt32()); // mV from the virtual ADC through the device calibration
                Assert.Equal(3653, cells[3][0].GetInt32());
                Assert.Equal(0, t.RootElement.GetProperty("i_mA").GetInt32());
            }

            // Next telemetry only after tele_s = 10 s; a reconnect announces again and publishes at once.
            int before = link.Published.Count;
            app.Step(5000);
            Assert.Equal(before, link.Published.Count);
            link.Connected = false;
            app.Step(6000);
            link.Connect();
            app.Step(7000);
            Assert.Equal(2, link.Published.Count(p => p.Topic.EndsWith("/state")));
            Assert.Equal(2, app.TelemetryPagesSent);
        }

        [Fact]
        public void Calibration_mode_telemetry_shows_averaged_raw_counts()
        {
            string json = Configs.Virtual4Cells.Replace("\"calibrationMode\": false", "\"calibrationMode\": true");
            var (app, link, _, adc) = Create(json: json);
            for (int i = 0; i < 4; i++)
                adc.Counts[i] = 1800 + 100 * i;
            adc.Counts[4] = 2100;
            link.Connect();
            app.Step(0);
            using JsonDocument t = JsonDocument.Parse(link.Published.Single(p => p.Topic.EndsWith("/telemetry")).Payload);
            var cells = t.RootElement.GetProperty("cells");
            for (int i = 0; i < 4; i++)
                Assert.Equal(1800 + 100 * i, cells[i][0].GetInt32());
            Assert.Equal(-2100, t.RootElement.GetProperty("i_mA").GetInt32());
        }

        [Fact]
        public void Self_test_failure_shows_in_the_state_message()
        {
            var (app, link, _, _) = Create(selfTest: 2);
            link.Connect();
            app.Step(0);
            using JsonDocument state = JsonDocument.Parse(link.Published[0].Payload);
            Assert.Equal("0.1.0-stfail2", state.RootElement.GetProperty("fw").GetString());
        }

        [Fact]
        public void Accepted_prior_is_applied_persisted_once_and_restored_at_boot()
        {
            var (app, link, store, _) = Create();
            link.Connect();
            app.Step(0);
            link.Deliver("cellvar/v1/lab/rig1-m01/prior", Prior17);
            app.Step(1000);
            Prior r = app.Monitor.GetPrior(PriorQuantity.Resistance);
            Assert.True(r.IsSet);
            Assert.Equal(20000, r.Location);
            Assert.Equal(23100, r.ThresholdHigh);
            Assert.Equal(Prior.NoThresholdLow, r.ThresholdLow);
            Assert.Equal(1, store.PriorWrites);
            Assert.Contains(link.Published, p => p.Topic.EndsWith("/status") && p.Payload.Contains("\"ok\":true"));

            // The broker re-delivers the retained prior after a reconnect: same bytes, no second flash write.
            link.Deliver("cellvar/v1/lab/rig1-m01/prior", Prior17);
            app.Step(2000);
            Assert.Equal(1, store.PriorWrites);

            // A rejected prior leaves flash and the monitor untouched.
            link.Deliver("cellvar/v1/lab/rig1-m01/prior", Prior17.Replace("\"sd\":600", "\"sd\":0"));
            app.Step(3000);
            Assert.Equal(1, store.PriorWrites);
            Assert.Equal(600, app.Monitor.GetPrior(PriorQuantity.Resistance).Scale);

            // Reboot with the same store: the prior is back before any broker is reachable.
            var (rebooted, _, _, _) = Create(store);
            Assert.True(rebooted.PriorRestored);
            Assert.Equal(20000, rebooted.Monitor.GetPrior(PriorQuantity.Resistance).Location);
            Assert.Equal(2380, rebooted.Monitor.GetPrior(PriorQuantity.Capacity).ThresholdLow);
        }

        [Fact]
        public void Sequence_numbers_continue_after_a_reboot_without_reuse()
        {
            var store = new FakeStore();
            var (app, link, _, _) = Create(store);
            link.Connect();
            for (int t = 0; t < 300; t++)
                app.Step(t * 10000L); // one telemetry page per step
            uint lastSeq = app.Link.NextSequence - 1;
            Assert.True(store.Sequence > lastSeq);
            var (rebooted, link2, _, _) = Create(store);
            link2.Connect();
            rebooted.Step(0);
            using JsonDocument state = JsonDocument.Parse(link2.Published[0].Payload);
            Assert.True(state.RootElement.GetProperty("seq").GetUInt32() > lastSeq);
            // Flash is written once per reservation block, not per message.
            Assert.True(store.SequenceWrites <= 3, $"{store.SequenceWrites} sequence writes");
        }

        [Fact]
        public void Alerts_wait_in_the_library_queue_while_the_link_is_down()
        {
            var (app, link, _, adc) = Create();
            // Open wire on cell 2: the channel reads 0 V until the sensor fault persists and raises an alert.
            adc.Counts[1] = 0;
            for (int t = 0; t < 20; t++)
                app.Step(t * 1000L);
            Assert.True(app.Monitor.Alerts.Count > 0);
            Assert.Empty(link.Published);
            link.Connect();
            app.Step(20000);
            var alert = link.Published.First(p => p.Topic.EndsWith("/alert"));
            using JsonDocument a = JsonDocument.Parse(alert.Payload);
            Assert.Equal("sensor", a.RootElement.GetProperty("kind").GetString());
            Assert.Equal(2, a.RootElement.GetProperty("cell").GetInt32()); // 1-based on the wire
            Assert.Equal(1, alert.Qos);
        }

        [Fact]
        public void Alerts_stay_in_the_library_queue_while_the_outbox_has_no_room()
        {
            var (app, link, _, adc) = Create();
            link.Connect();
            app.Step(0);
            link.OutboxFull = true; // earlier alerts wait for their PUBACK, the outbox behind them is full
            adc.Counts[1] = 0;
            long raised_ms = -1;
            // 90 s without room: as long as a dead path plus a reconnect back-off can keep the outbox full.
            for (int t = 1; t < 90; t++)
            {
                app.Step(t * 1000L);
                if (raised_ms < 0 && app.Monitor.Alerts.Count > 0)
                    raised_ms = t * 1000L; // the step whose tick raised the first alert
            }
            Assert.True(raised_ms > 0 && raised_ms < 30_000, $"raised at {raised_ms} ms");
            Assert.DoesNotContain(link.Published, p => p.Topic.EndsWith("/alert"));
            Assert.Equal(0, app.AlertsSent);

            link.OutboxFull = false;
            app.Step(90_000);
            var alert = link.Published.First(p => p.Topic.EndsWith("/alert"));
            Assert.Contains("\"kind\":\"sensor\"", alert.Payload);
            Assert.True(app.AlertsSent > 0);
            // Stamped with the time it was raised, not the time the outbox had room again.
            using JsonDocument a = JsonDocument.Parse(alert.Payload);
            Assert.Equal(raised_ms, a.RootElement.GetProperty("t").GetInt64());
        }

        [Fact]
        public void Queued_alert_keeps_its_raise_time_across_the_32_bit_clock_wrap()
        {
            // The 64-bit clock near 2^31 ms: the library's int alert time wraps negative while the wire time must not.
            const long start_ms = int.MaxValue - 10_000L;
            var (app, link, _, adc) = Create();
            adc.Counts[1] = 0;
            long raised_ms = -1;
            for (int t = 0; t < 40; t++)
            {
                app.Step(start_ms + t * 1000L);
                if (raised_ms < 0 && app.Monitor.Alerts.Count > 0)
                    raised_ms = start_ms + t * 1000L;
            }
            Assert.True(raised_ms > 0);
            link.Connect();
            app.Step(start_ms + 40_000);
            var alert = link.Published.First(p => p.Topic.EndsWith("/alert"));
            using JsonDocument a = JsonDocument.Parse(alert.Payload);
            Assert.Equal(raised_ms, a.RootElement.GetProperty("t").GetInt64());
        }
    }
}

using System.Linq;
using System.Text;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Firmware.Tests.Support;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The last accepted (signed) config survives a reboot like the prior does, so older signed configs stay refused.</summary>
    public class ConfigPersistenceTests
    {
        private static int TelemetryCount(FakeLink link) => link.Published.Count(p => p.Topic.EndsWith("/telemetry"));

        // Boots the keyed monitor on the given flash, connected, first step at 0 ms.
        private static (MonitorApp App, FakeLink Link) Boot(FakeStore store)
        {
            var link = new FakeLink();
            MonitorApp app = Signed.App(link, store);
            link.Connect();
            app.Step(0);
            return (app, link);
        }

        [Fact]
        public void Older_signed_config_is_refused_after_a_reboot()
        {
            var store = new FakeStore();
            var (app, link) = Boot(store);
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            app.Step(1000);
            Assert.Equal(5, app.Link.LastSignedConfigId);

            // Reboot on the same flash; the broker (or an attacker with an old capture) delivers signed config 4.
            var (rebooted, link2) = Boot(store);
            link2.Deliver(Signed.ConfigTopic, Signed.Config(4, 2));
            rebooted.Step(1000);
            Assert.Contains(link2.Published, p => p.Topic.EndsWith("/status") && p.Payload.Contains("\"re\":\"config\"") && p.Payload.Contains("\"err\":\"replayed\""));
            Assert.Equal(5, rebooted.Link.LastSignedConfigId);
            // Config 5's 30 s period is still in force: one page at connect, the next only at 30 s (config 4 would say 2 s).
            for (long t = 2000; t < 30000; t += 1000)
                rebooted.Step(t);
            Assert.Equal(1, TelemetryCount(link2));
            rebooted.Step(30000);
            Assert.Equal(2, TelemetryCount(link2));
        }

        [Fact]
        public void Persisted_signed_config_is_in_force_at_boot_and_a_newer_one_replaces_it()
        {
            var store = new FakeStore();
            var (app, link) = Boot(store);
            Assert.Equal(RestoreOutcome.None, app.ConfigRestore);
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            app.Step(1000);
            Assert.Equal(1, store.ConfigWrites);
            Assert.Equal(Signed.Config(5, 30), Encoding.ASCII.GetString(store.Config));
            // Retained re-delivery after a reconnect: same bytes, in force, no second flash write.
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            app.Step(2000);
            Assert.Equal(1, store.ConfigWrites);

            // Reboot: restored before any broker is reachable, content (period) and id.
            var link2 = new FakeLink();
            MonitorApp rebooted = Signed.App(link2, store);
            Assert.Equal(RestoreOutcome.Restored, rebooted.ConfigRestore);
            Assert.Equal(5, rebooted.Link.LastSignedConfigId);
            Assert.Equal(30, rebooted.Link.Config.TelemetryPeriod_s);
            link2.Connect();
            rebooted.Step(0);
            // The broker's retained copy arrives again after the reboot: in force, flash untouched.
            link2.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            rebooted.Step(1000);
            Assert.Equal(1, store.ConfigWrites);
            Assert.Contains(link2.Published, p => p.Topic.EndsWith("/status") && p.Payload.Contains("\"re\":\"config\",\"id\":5,\"ok\":true"));

            // A newer signed config is accepted, persisted and in force at once: a page now, then every 5 s.
            int pages = TelemetryCount(link2);
            link2.Deliver(Signed.ConfigTopic, Signed.Config(6, 5));
            rebooted.Step(2000);
            Assert.Equal(6, rebooted.Link.LastSignedConfigId);
            Assert.Equal(2, store.ConfigWrites);
            Assert.Equal(Signed.Config(6, 5), Encoding.ASCII.GetString(store.Config));
            for (long t = 3000; t <= 12000; t += 1000)
                rebooted.Step(t);
            Assert.Equal(pages + 3, TelemetryCount(link2)); // 2 s, 7 s, 12 s
            // And a third boot has config 6 in force, so 5 (accepted once) is now the replay.
            var (third, link3) = Boot(store);
            Assert.Equal(6, third.Link.LastSignedConfigId);
            link3.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            third.Step(1000);
            Assert.Contains(link3.Published, p => p.Topic.EndsWith("/status") && p.Payload.Contains("\"err\":\"replayed\""));
            Assert.Equal(5, third.Link.Config.TelemetryPeriod_s);
        }

        [Fact]
        public void Corrupt_persisted_config_boots_with_defaults_and_is_reported()
        {
            var store = new FakeStore();
            var (app, link) = Boot(store);
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            app.Step(1000);
            // A bit flips in flash (inside tele_s): the MAC no longer matches.
            string good = Encoding.ASCII.GetString(store.Config);
            store.Config = Encoding.ASCII.GetBytes(good.Replace("\"tele_s\":30", "\"tele_s\":31"));

            var link2 = new FakeLink();
            MonitorApp rebooted = Signed.App(link2, store);
            Assert.Equal(RestoreOutcome.Rejected, rebooted.ConfigRestore);
            Assert.Equal(DecodeStatus.MacMismatch, rebooted.ConfigRestoreError);
            Assert.Null(rebooted.Link.Config);
            Assert.Equal(0, rebooted.Link.LastSignedConfigId);
            Assert.Equal(RestoreOutcome.None, rebooted.PriorRestore); // the prior file is separate and was never written
            // Defaults: the provisioning file's tele_s = 10.
            link2.Connect();
            for (long t = 0; t <= 10000; t += 1000)
                rebooted.Step(t);
            Assert.Equal(2, TelemetryCount(link2));
            // The broker's retained copy is accepted (nothing newer is in force) and repairs the flash copy.
            int writes = store.ConfigWrites;
            link2.Deliver(Signed.ConfigTopic, good);
            rebooted.Step(11000);
            Assert.Equal(30, rebooted.Link.Config.TelemetryPeriod_s);
            Assert.Equal(writes + 1, store.ConfigWrites);
            Assert.Equal(good, Encoding.ASCII.GetString(store.Config));
        }

        [Fact]
        public void Garbage_or_unreadable_persisted_config_boots_with_defaults()
        {
            var garbage = new FakeStore { Config = new byte[] { 0xff, 0x00, 0x7b, 0x22 }, Prior = Encoding.ASCII.GetBytes(Signed.UnsignedPrior(17, 20000)) };
            MonitorApp a = Signed.App(new FakeLink(), garbage);
            Assert.Equal(RestoreOutcome.Rejected, a.ConfigRestore);
            Assert.Equal(DecodeStatus.MacMissing, a.ConfigRestoreError);
            Assert.Null(a.Link.Config);
            // The prior is judged the same way: an unsigned copy is refused once a key is provisioned.
            Assert.Equal(RestoreOutcome.Rejected, a.PriorRestore);
            Assert.Equal(DecodeStatus.MacMissing, a.PriorRestoreError);
            Assert.Null(a.Link.Prior);

            // Without a key the decoder itself judges the bytes: truncated JSON.
            var (s, cfg, _) = Configs.Parse(Configs.Virtual4Cells);
            var truncated = new FakeStore { Config = Encoding.ASCII.GetBytes(Signed.UnsignedConfig(3, 30)[..20]) };
            var unkeyed = new MonitorApp(cfg, new FakeAdc(), new FakeLink(), truncated, 0);
            Assert.Equal(RestoreOutcome.Rejected, unkeyed.ConfigRestore);
            Assert.Equal(DecodeStatus.Json, unkeyed.ConfigRestoreError);

            MonitorApp b = Signed.App(new FakeLink(), new FakeStore { ConfigUnreadable = true });
            Assert.Equal(RestoreOutcome.Unreadable, b.ConfigRestore);
            Assert.Null(b.Link.Config);
        }

        [Fact]
        public void Without_a_key_a_redelivered_config_is_accepted_again_but_written_once()
        {
            // Unsigned configs have no "in force" state: the retained copy is accepted on every reconnect, so only the
            // comparison with what is in flash keeps the write count down.
            var (s, cfg, e) = Configs.Parse(Configs.Virtual4Cells);
            Assert.True(s == CellVar.Bms.OnDevice.Provisioning.ProvisioningStatus.Ok, e.ToString());
            var store = new FakeStore();
            var link = new FakeLink();
            var app = new MonitorApp(cfg, new FakeAdc(), link, store, 0);
            link.Connect();
            for (int k = 0; k < 3; k++)
            {
                link.Deliver(Signed.ConfigTopic, Signed.UnsignedConfig(3, 30));
                app.Step(1000L * k);
            }
            Assert.Equal(3, app.Link.ConfigsAccepted);
            Assert.Equal(1, store.ConfigWrites);
            link.Deliver(Signed.ConfigTopic, Signed.UnsignedConfig(3, 20));
            app.Step(3000);
            Assert.Equal(2, store.ConfigWrites);
            Assert.Equal(Signed.UnsignedConfig(3, 20), Encoding.ASCII.GetString(store.Config));
            // After a reboot the unsigned copy is restored too (no key: nothing to verify but the decoder).
            var rebooted = new MonitorApp(cfg, new FakeAdc(), new FakeLink(), store, 0);
            Assert.Equal(RestoreOutcome.Restored, rebooted.ConfigRestore);
            Assert.Equal(20, rebooted.Link.Config.TelemetryPeriod_s);
        }

        [Fact]
        public void Failed_flash_writes_are_counted_and_retried_on_the_next_delivery()
        {
            var store = new FakeStore { FailWrites = true };
            var (app, link) = Boot(store);
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            link.Deliver(Signed.PriorTopic, Signed.Prior(17, 20000));
            app.Step(1000);
            // Both are in force in RAM even though flash refused them.
            Assert.Equal(30, app.Link.Config.TelemetryPeriod_s);
            Assert.Equal(17, app.Link.LastSignedPriorId);
            Assert.Equal(1, app.ConfigSaveFailures);
            Assert.Equal(1, app.PriorSaveFailures);
            Assert.Null(store.Config);

            // Flash recovers; the retained copies are re-delivered after a reconnect (in force, same bytes): written now.
            store.FailWrites = false;
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            link.Deliver(Signed.PriorTopic, Signed.Prior(17, 20000));
            app.Step(2000);
            Assert.Equal(Signed.Config(5, 30), Encoding.ASCII.GetString(store.Config));
            Assert.Equal(Signed.Prior(17, 20000), Encoding.ASCII.GetString(store.Prior));
            Assert.Equal(1, app.ConfigSaveFailures);
            Assert.Equal(1, app.PriorSaveFailures);
            // …and only once.
            link.Deliver(Signed.ConfigTopic, Signed.Config(5, 30));
            app.Step(3000);
            Assert.Equal(2, store.ConfigWrites);
        }
    }
}

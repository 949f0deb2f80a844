using System;
using System.IO;
using System.Text;
using CellVar.Bms.Firmware.Hardware;
using CellVar.Bms.Firmware.Tests.Support;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The firmware's flash store (DeviceFiles + FlashDeviceStore) on a real file system, and the ADC2 boot guard.</summary>
    public sealed class FlashStoreTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "cellvar-flash-" + Guid.NewGuid().ToString("N")[..8]);

        public FlashStoreTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private FlashDeviceStore Store() => new FlashDeviceStore(Path.Combine(_dir, "prior.json"), Path.Combine(_dir, "hostconfig.json"));

        [Fact]
        public void Prior_and_sequence_survive_a_new_store_instance()
        {
            string path = Path.Combine(_dir, "prior.json");
            var store = Store();
            var buffer = new byte[2048];
            Assert.Equal(-1, store.LoadPrior(buffer));
            Assert.Equal(0u, store.LoadSequence());
            byte[] prior = Encoding.ASCII.GetBytes("{\"v\":1,\"id\":17}");
            Assert.True(store.SavePrior(prior, prior.Length));
            Assert.True(store.SaveSequence(4_294_000_123u));
            var again = Store();
            int n = again.LoadPrior(buffer);
            Assert.Equal(prior, buffer[..n]);
            Assert.Equal(4_294_000_123u, again.LoadSequence());
            // Replacing keeps exactly one file and no temporary left behind.
            byte[] shorter = Encoding.ASCII.GetBytes("{}");
            Assert.True(again.SavePrior(shorter, shorter.Length));
            Assert.Equal(2, again.LoadPrior(buffer));
            Assert.False(File.Exists(path + ".new"));
        }

        [Fact]
        public void Config_has_its_own_file_and_survives_a_new_store_instance()
        {
            var store = Store();
            var buffer = new byte[2048];
            Assert.Equal(-1, store.LoadConfig(buffer));
            byte[] prior = Encoding.ASCII.GetBytes("{\"v\":1,\"id\":17}");
            byte[] config = Encoding.ASCII.GetBytes("{\"v\":1,\"id\":5,\"tele_s\":30}");
            Assert.True(store.SavePrior(prior, prior.Length));
            Assert.True(store.SaveConfig(config, config.Length));
            var again = Store();
            Assert.Equal(config, buffer[..again.LoadConfig(buffer)]);
            Assert.Equal(prior, buffer[..again.LoadPrior(buffer)]);
            Assert.Equal(config, File.ReadAllBytes(Path.Combine(_dir, "hostconfig.json")));
            Assert.False(File.Exists(Path.Combine(_dir, "hostconfig.json.new")));
        }

        [Fact]
        public void A_write_cut_after_the_old_file_was_deleted_is_read_from_the_temporary_file()
        {
            // WriteAll's steps: write hostconfig.json.new completely, delete hostconfig.json, move. Power lost after the delete:
            string path = Path.Combine(_dir, "hostconfig.json");
            byte[] config = Encoding.ASCII.GetBytes("{\"v\":1,\"id\":6}");
            File.WriteAllBytes(path + DeviceFiles.TempSuffix, config);
            var buffer = new byte[2048];
            Assert.Equal(config, buffer[..Store().LoadConfig(buffer)]);
            // The next write replaces both.
            Assert.True(Store().SaveConfig(config, 3));
            Assert.Equal(3, Store().LoadConfig(buffer));
            Assert.False(File.Exists(path + DeviceFiles.TempSuffix));
        }

        [Fact]
        public void Damaged_files_are_told_apart_from_absent_ones()
        {
            string path = Path.Combine(_dir, "prior.json");
            File.WriteAllText(path + ".seq", "12ab");
            Assert.Equal(0u, Store().LoadSequence());
            File.WriteAllBytes(path, new byte[3000]);
            Assert.Equal(-2, Store().LoadPrior(new byte[2048])); // larger than the receive limit
            Assert.Equal(DeviceFiles.TooLarge, DeviceFiles.ReadAll(path, new byte[100]));
            File.WriteAllBytes(Path.Combine(_dir, "hostconfig.json"), Array.Empty<byte>());
            Assert.Equal(-2, Store().LoadConfig(new byte[2048])); // empty: a persisted config is never empty
            Assert.Equal(DeviceFiles.Missing, DeviceFiles.ReadAll(Path.Combine(_dir, "absent.json"), new byte[10]));
        }

        [Fact]
        public void Adc2_channels_are_refused_at_boot_on_esp32_only()
        {
            var (_, cfg, _) = Configs.Parse(Configs.Virtual4Cells.Replace("[0, 1, 2, 3, 4, 5]", "[0, 1, 2, 3, 4, 14]"));
            Assert.Equal("adcChannels lists channel 14, which is on ADC2 and cannot be read while Wi-Fi is on", ChannelGuard.Check(cfg, 10));
            Assert.Null(ChannelGuard.Check(cfg, -1)); // STM32: no blocked unit
            var (_, ok, _) = Configs.Parse(Configs.Virtual4Cells);
            Assert.Null(ChannelGuard.Check(ok, 10));
        }
    }
}

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

        [Fact]
        public void Prior_and_sequence_survive_a_new_store_instance()
        {
            string path = Path.Combine(_dir, "prior.json");
            var store = new FlashDeviceStore(path);
            var buffer = new byte[2048];
            Assert.Equal(-1, store.LoadPrior(buffer));
            Assert.Equal(0u, store.LoadSequence());
            byte[] prior = Encoding.ASCII.GetBytes("{\"v\":1,\"id\":17}");
            Assert.True(store.SavePrior(prior, prior.Length));
            Assert.True(store.SaveSequence(4_294_000_123u));
            var again = new FlashDeviceStore(path);
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
        public void Corrupt_or_oversized_files_read_as_absent()
        {
            string path = Path.Combine(_dir, "prior.json");
            File.WriteAllText(path + ".seq", "12ab");
            Assert.Equal(0u, new FlashDeviceStore(path).LoadSequence());
            File.WriteAllBytes(path, new byte[3000]);
            Assert.Equal(-1, new FlashDeviceStore(path).LoadPrior(new byte[2048]));
            Assert.Equal(-2, DeviceFiles.ReadAll(path, new byte[100]));
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

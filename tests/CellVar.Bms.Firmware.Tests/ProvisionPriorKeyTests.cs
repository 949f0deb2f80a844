using System;
using CellVar.Bms.Firmware;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The per-monitor prior-signing key: written by provisioning, read back by the device parser, bad keys named.</summary>
    public class ProvisionPriorKeyTests
    {
        private static ProvisionOptions Options(byte[]? key) => new()
        {
            MonitorId = "rig1-m01", Board = "esp32-devkitc", Cells = 4, Site = "lab", BrokerHost = "192.168.10.5", PriorKey = key,
        };

        [Fact]
        public void ProvisionedKey_IsReadBackByTheDeviceParser_ByteForByte()
        {
            byte[] key = new byte[32];
            new Random(5).NextBytes(key);
            var (status, cfg, err) = Configs.Parse(Provisioner.Provision(Configs.Boards(), Options(key)).ConfigJson);
            Assert.True(status == ProvisioningStatus.Ok, err.ToString());
            Assert.Equal(key, cfg.PriorKey);
        }

        [Fact]
        public void WithoutKey_DeviceHasNone()
        {
            var (status, cfg, _) = Configs.Parse(Provisioner.Provision(Configs.Boards(), Options(null)).ConfigJson);
            Assert.Equal(ProvisioningStatus.Ok, status);
            Assert.Null(cfg.PriorKey);
        }

        [Fact]
        public void TooShortKey_RefusedByProvisioner()
        {
            Assert.Contains("prior key", Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), Options(new byte[8]))).Message);
        }

        [Theory]
        [InlineData("00112233", "32..128")]                     // 4 bytes: too short
        [InlineData("0011223344556677889900aabbccddeef", "even")] // odd number of digits
        [InlineData("zz112233445566778899aabbccddeeff", "hex")]
        public void BadKeyInDeviceFile_NamesTheField(string hex, string why)
        {
            string json = Provisioner.Provision(Configs.Boards(), Options(null)).ConfigJson;
            json = json.Substring(0, json.LastIndexOf('}')) + ",\"priorKey\":\"" + hex + "\"}";
            var (status, _, err) = Configs.Parse(json);
            Assert.Equal(ProvisioningStatus.Range, status);
            Assert.Equal("priorKey", err.Field);
            Assert.Contains(why, err.Message);
        }
    
        [Fact]
        public void KeyedFirmware_RefusesUnsignedAndReplayedPriors_EvenAfterReboot()
        {
            var link = new FakeLink();
            var store = new FakeStore();
            MonitorApp app = Signed.App(link, store);
            Assert.True(app.Link.RequiresSignedMessages);
            link.Connect();
            app.Step(0);
            link.Deliver(Signed.PriorTopic, Signed.UnsignedPrior(17, 20000));
            app.Step(1000);
            Assert.Contains(link.Published, p => p.Topic.EndsWith("/status") && p.Payload.Contains("\"err\":\"mac_missing\""));
            Assert.Equal(0, store.PriorWrites);

            link.Deliver(Signed.PriorTopic, Signed.Prior(17, 20000));
            app.Step(2000);
            Assert.Equal(20000, app.Monitor.GetPrior(PriorQuantity.Resistance).Location);
            Assert.Equal(1, store.PriorWrites);

            // Reboot: the persisted signed prior is restored and its id is the version in force, so an older signed one is refused.
            var link2 = new FakeLink();
            MonitorApp rebooted = Signed.App(link2, store);
            Assert.True(rebooted.PriorRestored);
            Assert.Equal(17, rebooted.Link.LastSignedPriorId);
            link2.Connect();
            rebooted.Step(0);
            link2.Deliver(Signed.PriorTopic, Signed.Prior(16, 30000));
            rebooted.Step(1000);
            Assert.Contains(link2.Published, p => p.Topic.EndsWith("/status") && p.Payload.Contains("\"err\":\"replayed\""));
            Assert.Equal(20000, rebooted.Monitor.GetPrior(PriorQuantity.Resistance).Location);
        }
    }
}

using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Provisioning;
using nanoFramework.TestFramework;

namespace CellVar.Bms.Firmware.NFUnitTest
{
    /// <summary>The provisioning parser on the device's runtime (same cases as tests/CellVar.Bms.Firmware.Tests).</summary>
    [TestClass]
    public class ProvisioningTests
    {
        // nanoFramework's string has no Replace: variants are assembled from parts instead.
        private static string File(string port, string secondChannel)
        {
            return "{\"v\":1,\"monitor\":\"rig1-m01\",\"site\":\"lab\",\"board\":\"esp32-devkitc\",\"target\":\"ESP32_REV3\","
                + "\"broker\":{\"host\":\"192.168.1.20\",\"port\":" + port + ",\"tls\":false,\"user\":\"\",\"password\":\"\"},"
                + "\"adcMax\":4095,\"averaging\":16,\"adcChannels\":[0,3,4,5,6,7],\"cellCount\":2,"
                + "\"cells\":[{\"ch\":0,\"gain_Q16\":124830476,\"offset_uV\":0},{\"ch\":" + secondChannel + ",\"gain_Q16\":124830476,\"offset_uV\":0}],"
                + "\"current\":{\"ch\":4,\"gain_Q16\":1248305,\"offset_mA\":-33000}}";
        }

        private static ProvisioningStatus Parse(string json, DeviceConfiguration into, ProvisioningError error)
        {
            byte[] b = Ascii.GetBytes(json);
            return new ProvisioningParser().Parse(b, b.Length, into, error);
        }

        [TestMethod]
        public void Valid_file_is_accepted()
        {
            DeviceConfiguration c = new DeviceConfiguration();
            ProvisioningError e = new ProvisioningError();
            Assert.AreEqual((int)ProvisioningStatus.Ok, (int)Parse(File("1883", "3"), c, e));
            Assert.AreEqual("rig1-m01", c.MonitorId);
            Assert.AreEqual(2, c.CellCount);
            Assert.IsNull(c.ToMonitorConfig().Validate());
        }

        [TestMethod]
        public void Adc2_channel_is_refused()
        {
            ProvisioningError e = new ProvisioningError();
            Assert.AreEqual((int)ProvisioningStatus.Inconsistent, (int)Parse(File("1883", "14"), new DeviceConfiguration(), e));
            Assert.AreEqual("cells[1].ch", e.Field);
        }

        [TestMethod]
        public void Fraction_is_a_type_error()
        {
            ProvisioningError e = new ProvisioningError();
            Assert.AreEqual((int)ProvisioningStatus.Type, (int)Parse(File("18.83", "3"), new DeviceConfiguration(), e));
            Assert.AreEqual("broker.port", e.Field);
        }
    }
}

using CellVar.Bms.OnDevice.Communication;
using nanoFramework.TestFramework;

namespace CellVar.Bms.Firmware.NFUnitTest
{
    /// <summary>The MQTT outbox on the device's runtime (locks and jagged arrays behave as on .NET).</summary>
    [TestClass]
    public class MessageRingTests
    {
        [TestMethod]
        public void Qos1_evicts_the_oldest_qos0()
        {
            MessageRing r = new MessageRing(2, 8);
            byte[] a = Ascii.GetBytes("tele");
            byte[] b = Ascii.GetBytes("alert");
            Assert.IsTrue(r.TryPut("t", a, a.Length, 0, false));
            Assert.IsTrue(r.TryPut("a", b, b.Length, 1, false));
            Assert.IsTrue(r.TryPut("a", b, b.Length, 1, false));
            Assert.AreEqual(1, r.DroppedCount);
            byte[] into = new byte[8];
            string topic;
            int qos;
            bool retain;
            Assert.AreEqual(5, r.TryTake(into, out topic, out qos, out retain));
            Assert.AreEqual("a", topic);
        }
    }
}

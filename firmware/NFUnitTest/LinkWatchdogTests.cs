using nanoFramework.TestFramework;

namespace CellVar.Bms.Firmware.NFUnitTest
{
    /// <summary>The MQTT link's dead-path decision on the device's runtime (long arithmetic, properties).</summary>
    [TestClass]
    public class LinkWatchdogTests
    {
        [TestMethod]
        public void Silent_path_is_probed_then_declared_dead()
        {
            LinkWatchdog w = new LinkWatchdog(30000, 30000);
            w.Connected(0, 0);
            Assert.AreEqual(0, w.QosFor(0, 10000));
            Assert.AreEqual(1, w.QosFor(0, 30000));
            Assert.AreEqual(0, w.QosFor(0, 40000)); // one question at a time
            Assert.IsFalse(w.IsDead(59999));
            Assert.IsTrue(w.IsDead(60000));
        }

        [TestMethod]
        public void An_answer_clears_the_question()
        {
            LinkWatchdog w = new LinkWatchdog(30000, 30000);
            w.Connected(5, 2147480000L); // near 2^31 ms: differences are long, nothing wraps
            Assert.AreEqual(1, w.QosFor(0, 2147510000L));
            w.Observe(6, 2147510040L);
            Assert.IsFalse(w.IsDead(2147600000L));
            Assert.AreEqual(1, w.Probes);
        }
    }
}

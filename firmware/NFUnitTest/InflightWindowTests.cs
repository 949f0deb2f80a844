using nanoFramework.TestFramework;

namespace CellVar.Bms.Firmware.NFUnitTest
{
    /// <summary>The MQTT link's in-flight window on the device's runtime (locks, long arrival numbers, jagged slots).</summary>
    [TestClass]
    public class InflightWindowTests
    {
        private static byte[] Bytes(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
                b[i] = (byte)s[i];
            return b;
        }

        [TestMethod]
        public void Unacknowledged_messages_go_out_again_in_order_after_a_reconnect()
        {
            InflightWindow w = new InflightWindow(4, 32);
            int c1 = w.NewConnection();
            w.Hold("a", Bytes("one"), 3);
            w.Hold("a", Bytes("two"), 3);
            w.Hold("a", Bytes("three"), 5);
            for (int id = 1; id <= 3; id++)
                w.MarkSent(w.NextUnsent(), id);
            Assert.AreEqual(-1, w.NextUnsent());
            w.Answer(c1, 2, true);
            Assert.AreEqual(1, w.ApplyAnswers());

            int c2 = w.NewConnection();
            byte[] tx = new byte[32];
            string topic;
            int slot = w.NextUnsent();
            Assert.AreEqual(3, w.CopyOut(slot, tx, out topic));
            Assert.AreEqual((byte)'o', tx[0]);
            w.MarkSent(slot, 1); // the new client numbers from 1 again
            slot = w.NextUnsent();
            Assert.AreEqual(5, w.CopyOut(slot, tx, out topic));
            w.MarkSent(slot, 2);

            w.Answer(c1, 1, true); // late, from the old connection: releases nothing
            Assert.AreEqual(0, w.ApplyAnswers());
            w.Answer(c2, 1, true);
            w.Answer(c2, 2, true);
            Assert.AreEqual(2, w.ApplyAnswers());
            Assert.AreEqual(0, w.Count);
            Assert.AreEqual(2, w.Resends);
        }

        [TestMethod]
        public void Only_unretained_qos1_is_held()
        {
            Assert.IsTrue(InflightWindow.Holds(1, false));
            Assert.IsFalse(InflightWindow.Holds(1, true));
            Assert.IsFalse(InflightWindow.Holds(0, false));
        }
    }
}

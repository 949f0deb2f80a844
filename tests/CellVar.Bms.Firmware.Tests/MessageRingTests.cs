using System.Text;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The bounded outbox/inbox and the reconnect back-off of the MQTT adapter.</summary>
    public class MessageRingTests
    {
        private static bool Put(MessageRing r, string text, int qos) => r.TryPut("t/" + text, Encoding.ASCII.GetBytes(text), text.Length, qos, false);

        private static string Take(MessageRing r)
        {
            var buf = new byte[r.SlotBytes];
            int n = r.TryTake(buf, out string topic, out _, out _);
            return n < 0 ? null : Encoding.ASCII.GetString(buf, 0, n) + "@" + topic;
        }

        [Fact]
        public void Keeps_order_and_refuses_when_full_of_qos0()
        {
            var r = new MessageRing(3, 16);
            Assert.True(Put(r, "a", 0));
            Assert.True(Put(r, "b", 0));
            Assert.True(Put(r, "c", 0));
            Assert.False(Put(r, "d", 0));
            Assert.Equal(1, r.DroppedCount);
            Assert.Equal("a@t/a", Take(r));
            Assert.Equal("b@t/b", Take(r));
            Assert.Equal("c@t/c", Take(r));
            Assert.Null(Take(r));
        }

        [Fact]
        public void Qos1_evicts_the_oldest_qos0_and_keeps_the_rest_in_order()
        {
            var r = new MessageRing(3, 16);
            Put(r, "alert1", 1);
            Put(r, "tele1", 0);
            Put(r, "tele2", 0);
            Assert.True(Put(r, "alert2", 1));
            Assert.Equal(1, r.DroppedCount);
            Assert.Equal("alert1@t/alert1", Take(r));
            Assert.Equal("tele2@t/tele2", Take(r));
            Assert.Equal("alert2@t/alert2", Take(r));
        }

        [Fact]
        public void Qos1_is_refused_only_when_everything_waiting_is_qos1()
        {
            var r = new MessageRing(2, 16);
            Put(r, "a", 1);
            Put(r, "b", 1);
            Assert.False(Put(r, "c", 1));
            Assert.False(r.TryPut("x", new byte[17], 17, 0, false)); // longer than a slot
        }

        [Fact]
        public void HasRoomFor_predicts_TryPut()
        {
            var r = new MessageRing(2, 16);
            Assert.True(r.HasRoomFor(0) && r.HasRoomFor(1));
            Put(r, "a", 1);
            Put(r, "t", 0);
            Assert.False(r.HasRoomFor(0));
            Assert.True(r.HasRoomFor(1));  // may evict the QoS 0 page
            Assert.True(Put(r, "b", 1));
            Assert.False(r.HasRoomFor(1)); // only QoS 1 left
            Assert.False(Put(r, "c", 1));
            Take(r);
            Assert.True(r.HasRoomFor(0) && r.HasRoomFor(1));
        }

        [Fact]
        public void Backoff_doubles_to_a_cap_with_bounded_jitter_and_resets()
        {
            var b = new Backoff(Backoff.Hash("rig1-m01"));
            int nominal = Backoff.Initial_ms;
            for (int i = 0; i < 10; i++)
            {
                int d = b.NextDelay_ms();
                Assert.InRange(d, nominal, nominal + nominal / 4);
                nominal = System.Math.Min(nominal * 2, Backoff.Max_ms);
            }
            b.Reset();
            Assert.InRange(b.NextDelay_ms(), Backoff.Initial_ms, Backoff.Initial_ms * 5 / 4);
            Assert.NotEqual(Backoff.Hash("rig1-m01"), Backoff.Hash("rig1-m02"));
        }
    }
}

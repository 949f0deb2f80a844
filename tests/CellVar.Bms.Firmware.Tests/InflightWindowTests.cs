using System;
using System.Collections.Generic;
using System.Text;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// The firmware link's in-flight window: QoS 1 messages held until their PUBACK, re-sent in order with identical bytes
    /// after a reconnect, back-pressure on the outbox when full, and answers tied to the connection that produced them.
    /// Each test calls the window in the order MqttSession's network thread does (Hold → CopyOut → client Publish →
    /// MarkSent; answers from the client's thread, applied at the start of the next pass). The back-pressure on the
    /// outbox is tested through the session itself (MqttSessionTests).
    /// </summary>
    public class InflightWindowTests
    {
        private const int SlotBytes = 64;

        private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

        /// <summary>A stand-in for one M2Mqtt client: numbers its publishes from 1, like a fresh MqttClient.</summary>
        private sealed class Client
        {
            public int NextId = 1;
            public readonly List<(string Topic, string Payload, int Id)> Sent = new();
        }

        // One pass of the network thread's held-message sending: every unsent held message, oldest first.
        private static void SendDue(InflightWindow w, Client c)
        {
            var tx = new byte[SlotBytes];
            int slot;
            while ((slot = w.NextUnsent()) >= 0)
            {
                int n = w.CopyOut(slot, tx, out string topic);
                int id = c.NextId++;
                c.Sent.Add((topic, Encoding.ASCII.GetString(tx, 0, n), id));
                w.MarkSent(slot, id);
            }
        }

        private static InflightWindow WithSent(Client c, out int connection, params string[] payloads)
        {
            var w = new InflightWindow(4, SlotBytes);
            connection = w.NewConnection();
            foreach (string p in payloads)
                Assert.True(w.Hold("t/alert", Bytes(p), p.Length));
            SendDue(w, c);
            return w;
        }

        [Fact]
        public void Only_unretained_qos1_messages_are_held()
        {
            Assert.True(InflightWindow.Holds(1, false));   // alert, status
            Assert.False(InflightWindow.Holds(1, true));   // retained online state: replaced after every connect
            Assert.False(InflightWindow.Holds(0, false));  // telemetry (even when the watchdog sends it as QoS 1)
        }

        [Fact]
        public void Pubacks_in_order_release_every_slot()
        {
            var c = new Client();
            var w = WithSent(c, out int conn, "a1", "a2", "a3");
            Assert.Equal(3, w.Count);
            Assert.Equal(new[] { "a1", "a2", "a3" }, c.Sent.ConvertAll(s => s.Payload));
            foreach (var s in c.Sent)
                w.Answer(conn, s.Id, true);
            Assert.Equal(3, w.ApplyAnswers());
            Assert.Equal(0, w.Count);
            Assert.Equal(3, w.Acknowledged);
            Assert.Equal(-1, w.NextUnsent());
        }

        [Fact]
        public void Pubacks_out_of_order_release_exactly_their_own_messages()
        {
            var c = new Client();
            var w = WithSent(c, out int conn, "a1", "a2", "a3", "a4");
            w.Answer(conn, 3, true);
            w.Answer(conn, 1, true);
            Assert.Equal(2, w.ApplyAnswers());
            Assert.Equal(2, w.Count);
            Assert.Equal(-1, w.NextUnsent()); // a2 and a4 are still waiting for their PUBACK, not due again

            // The survivors are a2 and a4: after a reconnect exactly they go out again.
            w.NewConnection();
            var c2 = new Client();
            SendDue(w, c2);
            Assert.Equal(new[] { "a2", "a4" }, c2.Sent.ConvertAll(s => s.Payload));
        }

        [Fact]
        public void A_reconnect_resends_every_unacknowledged_message_in_production_order_with_identical_bytes()
        {
            var c = new Client();
            string[] p = { "{\"seq\":11,\"k\":\"r_high\"}", "{\"seq\":12}", "{\"seq\":13,\"cell\":4,\"raised\":true}", "{\"seq\":14,\"x\":\"" + new string('z', 30) + "\"}" };
            var w = WithSent(c, out int conn, p);
            // seq 12 is acknowledged; its slot (the second) is reused by seq 15, produced later than 13 and 14.
            w.Answer(conn, c.Sent[1].Id, true);
            w.ApplyAnswers();
            Assert.True(w.Hold("t/status", Bytes("{\"seq\":15}"), 10));
            SendDue(w, c);

            // The path dies: nothing more is answered. A new client numbers from 1 again.
            w.NewConnection();
            var c2 = new Client();
            SendDue(w, c2);
            Assert.Equal(new[] { p[0], p[2], p[3], "{\"seq\":15}" }, c2.Sent.ConvertAll(s => s.Payload));
            Assert.Equal(new[] { "t/alert", "t/alert", "t/alert", "t/status" }, c2.Sent.ConvertAll(s => s.Topic));
            Assert.Equal(4, w.Resends);

            // A reconnect before any answer sends the same again, still in order.
            w.NewConnection();
            var c3 = new Client();
            SendDue(w, c3);
            Assert.Equal(c2.Sent.ConvertAll(s => s.Payload), c3.Sent.ConvertAll(s => s.Payload));
            foreach (var s in c3.Sent)
                w.Answer(w.Connection, s.Id, true);
            w.ApplyAnswers();
            Assert.Equal(0, w.Count);
        }

        [Fact]
        public void A_late_puback_from_the_old_connection_does_not_release_a_message_that_reuses_its_id()
        {
            var c = new Client();
            var w = WithSent(c, out int conn1, "a1", "a2");
            w.Answer(conn1, 1, true); // a1 acknowledged as id 1; a2 (id 2) never is
            w.ApplyAnswers();

            int conn2 = w.NewConnection();
            var c2 = new Client();
            SendDue(w, c2);
            Assert.Equal(("t/alert", "a2", 1), c2.Sent[0]); // the new client gives a2 id 1

            // The old client's answers trickle in late: a duplicate PUBACK for id 1 and one for id 2.
            w.Answer(conn1, 1, true);
            w.Answer(conn1, 2, true);
            Assert.Equal(0, w.ApplyAnswers());
            Assert.Equal(1, w.Count);
            Assert.Equal(2, w.Unmatched);

            w.Answer(conn2, 1, true);
            Assert.Equal(1, w.ApplyAnswers());
            Assert.Equal(0, w.Count);
        }

        [Fact]
        public void A_puback_that_overtakes_the_publish_call_still_counts()
        {
            // M2Mqtt may raise MqttMsgPublished before Publish has returned the id to the network thread.
            var w = new InflightWindow(2, SlotBytes);
            int conn = w.NewConnection();
            w.Hold("t/alert", Bytes("a1"), 2);
            int slot = w.NextUnsent();
            w.Answer(conn, 7, true);      // the client thread, during Publish
            w.MarkSent(slot, 7);          // Publish returned 7
            Assert.Equal(1, w.ApplyAnswers());
            Assert.Equal(0, w.Count);
        }

        [Fact]
        public void An_unpublished_report_makes_the_message_due_again_on_the_same_connection()
        {
            var c = new Client();
            var w = WithSent(c, out int conn, "a1", "a2");
            w.Answer(conn, 1, false); // M2Mqtt's retries ran out for a1
            Assert.Equal(0, w.ApplyAnswers());
            SendDue(w, c);
            Assert.Equal(("t/alert", "a1", 3), c.Sent[2]);
            Assert.Equal(1, w.Resends);
            w.Answer(conn, 1, true);  // a late PUBACK for the first attempt: a1 now waits for id 3
            w.Answer(conn, 3, true);
            w.Answer(conn, 2, true);
            Assert.Equal(2, w.ApplyAnswers());
            Assert.Equal(0, w.Count);
            Assert.Equal(1, w.Unmatched);
        }

        [Fact]
        public void Taking_while_full_is_decided_under_the_outbox_lock()
        {
            // Head QoS 1 unretained: left in place; QoS 0 head: taken.
            var r = new MessageRing(3, SlotBytes);
            r.TryPut("t/a", Bytes("a"), 1, 1, false);
            var buf = new byte[SlotBytes];
            Assert.Equal(-1, r.TryTake(buf, out _, out _, out _, leaveHeld: true));
            Assert.Equal(1, r.Count);
            Assert.Equal(1, r.TryTake(buf, out string topic, out int qos, out _, leaveHeld: false));
            Assert.Equal(("t/a", 1), (topic, qos));
        }

        [Fact]
        public void Answers_beyond_the_queue_are_counted_not_fatal()
        {
            var c = new Client();
            var w = WithSent(c, out int conn, "a1");
            for (int i = 0; i < 2 * 4 + 16 + 5; i++)
                w.Answer(conn, 1000 + i, true);  // probes' PUBACKs etc., none of them ours
            Assert.Equal(5, w.AnswersOverflowed);
            Assert.Equal(0, w.ApplyAnswers());
            Assert.Equal(1, w.Count);
        }

        [Fact]
        public void Oversized_payloads_and_a_full_window_are_refused()
        {
            var w = new InflightWindow(1, 4);
            Assert.False(w.Hold("t", Bytes("12345"), 5));
            Assert.True(w.Hold("t", Bytes("1234"), 4));
            Assert.True(w.IsFull);
            Assert.False(w.Hold("t", Bytes("x"), 1));
            Assert.Equal(1, w.Count);
        }

        [Fact]
        public void Steady_state_allocates_nothing()
        {
            var w = new InflightWindow(4, SlotBytes);
            var tx = new byte[SlotBytes];
            byte[] payload = Bytes("{\"v\":1,\"mon\":\"rig1-m01\",\"seq\":123456,\"cell\":3,\"k\":\"r_high\"}");
            const string topic = "cellvar/v1/lab/rig1-m01/alert";
            int conn = w.NewConnection();
            void Cycle(int id)
            {
                w.Hold(topic, payload, payload.Length);
                int slot = w.NextUnsent();
                w.CopyOut(slot, tx, out _);
                w.MarkSent(slot, id);
                w.Answer(conn, id, true);
                w.ApplyAnswers();
            }
            for (int i = 1; i <= 100; i++)
                Cycle(i); // warm-up (JIT)
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 101; i <= 10_100; i++)
                Cycle(i);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(10_100, w.Acknowledged);
        }
    }
}

using System;
using System.Linq;
using System.Text;
using System.Threading;
using CellVar.Bms.Firmware.Tests.Support;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// The firmware's network thread (firmware/Common/Core/MqttSession.cs, which M2MqttLink only adapts to M2Mqtt) over a
    /// hand-driven client: back-pressure of the in-flight window on the outbox, re-sending held messages in order after a
    /// reconnect, subscriptions renewed on every connect, the dead-path watchdog and a publish that throws.
    /// The end-to-end versions against Mosquitto run the same class over MQTTnet (DeadPathAlertDeliveryTests).
    /// </summary>
    public class MqttSessionTests
    {
        // Generous: the session's thread runs every 20-50 ms; only a hang would take this long.
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        private static void Until(Func<bool> condition, string what)
        {
            DateTime end = DateTime.UtcNow + Patience;
            while (!condition())
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException(what);
                Thread.Sleep(5);
            }
        }

        private static (MqttSession Session, ScriptedClientPort Client) Started(int probeAfter_ms = 60_000, int ackTimeout_ms = 60_000)
        {
            var client = new ScriptedClientPort();
            var s = new MqttSession(client, probeAfter_ms, ackTimeout_ms, Backoff.Hash("rig1-m01"));
            s.Subscribe("t/prior", 1);
            s.Subscribe("t/config", 1);
            s.Start();
            Until(() => s.IsConnected, "first connect");
            return (s, client);
        }

        // A telemetry page every 50 ms (while connected) until done or out of patience.
        private static void PagesUntil(MqttSession s, Func<bool> done)
        {
            byte[] page = Encoding.ASCII.GetBytes("tele");
            DateTime end = DateTime.UtcNow + Patience;
            while (!done() && DateTime.UtcNow < end)
            {
                s.Publish("t/telemetry", page, page.Length, 0, false);
                Thread.Sleep(50);
            }
        }

        private static void Put(MqttSession s, string payload, int qos, bool retain = false)
        {
            byte[] b = Encoding.ASCII.GetBytes(payload);
            Assert.True(s.Publish("t/" + (qos == 0 ? "telemetry" : "alert"), b, b.Length, qos, retain), payload);
        }

        [Fact]
        public void A_full_window_leaves_alerts_waiting_in_the_outbox_in_order_without_dropping()
        {
            var (s, c) = Started();
            try
            {
                Assert.Equal(1, c.Subscribes); // renewed on connect
                for (int i = 1; i <= 6; i++)
                    Put(s, "a" + i, 1);
                Put(s, "tele", 0);
                Until(() => c.Published.Count == MqttSession.InflightSlots, "4 alerts sent");
                Thread.Sleep(300); // several passes of the network thread: nothing more may go out
                Assert.Equal(new[] { "a1", "a2", "a3", "a4" }, c.Published.Select(p => p.Payload));
                Assert.Equal(MqttSession.InflightSlots, s.Window.Count);
                Assert.Equal(0, s.OutboxDropped);

                c.Ack(c.Connection, 2); // a2's PUBACK frees one slot: a5 goes, a6 and the page behind it still wait
                Until(() => c.Published.Count == 5, "a5 sent");
                Thread.Sleep(200);
                Assert.Equal("a5", c.Published[4].Payload);
                Assert.Equal(5, c.Published.Count);

                c.Ack(c.Connection, 1);
                Until(() => c.Published.Count == 7, "a6 and the page sent");
                Assert.Equal(new[] { "a6", "tele" }, c.Published.Skip(5).Select(p => p.Payload));
                Assert.Equal(0, c.Published[6].Qos);
                Assert.Equal(0, s.OutboxDropped);

                // Retained and QoS 0 messages are never held, so they pass a full window.
                Assert.Equal(MqttSession.InflightSlots, s.Window.Count); // a3..a6
                Put(s, "state", 1, retain: true);
                Put(s, "tele2", 0);
                Until(() => c.Published.Count == 9, "state and page sent past the full window");
                Assert.Equal(new[] { "state", "tele2" }, c.Published.Skip(7).Select(p => p.Payload));
                Assert.Equal(MqttSession.InflightSlots, s.Window.Count);
                Assert.Equal(0, s.OutboxDropped);
            }
            finally
            {
                s.Stop(5000);
            }
        }

        [Fact]
        public void After_a_lost_connection_held_messages_go_again_in_order_and_old_answers_release_nothing()
        {
            var (s, c) = Started();
            try
            {
                for (int i = 1; i <= 3; i++)
                    Put(s, "a" + i, 1);
                Until(() => c.Published.Count == 3, "3 alerts sent");
                int first = c.Connection;
                c.Ack(first, 2);
                Until(() => s.Window.Count == 2, "a2 released");

                c.Drop();
                Until(() => s.ConnectionCount == 2, "reconnected");
                Until(() => c.Published.Count == 5, "a1 and a3 sent again");
                var again = c.Published.Skip(3).ToList();
                Assert.Equal(new[] { "a1", "a3" }, again.Select(p => p.Payload));
                Assert.All(again, p => Assert.NotEqual(first, p.Connection));
                Assert.Equal(new[] { 1, 2 }, again.Select(p => p.Id)); // the new client numbers from 1 again
                Assert.Equal(2, c.Subscribes);                        // renewed after the reconnect

                c.Ack(first, 1); // a late PUBACK of the old connection: id 1 is now a1's on the new one, still held
                Thread.Sleep(200);
                Assert.Equal(2, s.Window.Count);
                c.Ack(c.Connection, 1);
                c.Ack(c.Connection, 2);
                Until(() => s.Window.Count == 0, "both released");
                Assert.Equal(2, s.Window.Resends);
            }
            finally
            {
                s.Stop(5000);
            }
        }

        [Fact]
        public void A_silent_path_is_probed_then_dropped_and_the_held_alert_sent_again()
        {
            // Scaled down from M2MqttLink's 30 s / 30 s so the test takes a second.
            var (s, c) = Started(probeAfter_ms: 300, ackTimeout_ms: 300);
            try
            {
                Put(s, "a1", 1);
                Until(() => c.Published.Count == 1, "a1 sent");
                int first = c.Connection;
                // Nothing ever comes back (blackholed) while telemetry keeps flowing: the unanswered a1 times out, the
                // path is declared dead and the link reconnects.
                PagesUntil(s, () => s.DeadPathReconnects > 0);
                Assert.True(s.DeadPathReconnects >= 1, "the watchdog never declared the path dead");
                Until(() => c.Published.Any(p => p.Connection != first && p.Payload == "a1"), "a1 sent on the new connection");
                // a1 was already a question, so no page needed upgrading before the timeout.
                Assert.True(c.Published.Where(p => p.Connection == first && p.Payload == "tele").All(p => p.Qos == 0));
                Assert.True(s.ConnectionCount >= 2);
            }
            finally
            {
                s.Stop(5000);
            }
        }

        [Fact]
        public void Telemetry_alone_on_a_silent_path_is_upgraded_to_a_probe()
        {
            var (s, c) = Started(probeAfter_ms: 300, ackTimeout_ms: 60_000);
            try
            {
                PagesUntil(s, () => s.Probes > 0);
                Until(() => c.Published.Any(p => p.Payload == "tele" && p.Qos == 1), "a page sent as QoS 1");
                Assert.Equal(1, s.Probes);
                var probe = c.Published.First(p => p.Qos == 1);
                c.Ack(probe.Connection, probe.Id); // the PUBACK is the answer: silence starts again, no reconnect
                Thread.Sleep(100);
                Assert.Equal(0, s.DeadPathReconnects);
                Assert.Equal(0, s.Window.Count); // a probe is still just a page: not held
            }
            finally
            {
                s.Stop(5000);
            }
        }

        [Fact]
        public void A_publish_that_throws_reconnects_and_keeps_the_held_alert()
        {
            var (s, c) = Started();
            try
            {
                c.ThrowOnNextPublish = true;
                Put(s, "a1", 1);
                Until(() => c.Published.Count == 1, "a1 sent after the reconnect");
                Assert.Equal(1, s.PublishErrors);
                Assert.Equal(2, s.ConnectionCount);
                Assert.Equal("a1", c.Published[0].Payload);
                Assert.Equal(1, s.Window.Count);
            }
            finally
            {
                s.Stop(5000);
            }
        }

        [Fact]
        public void Refused_connects_are_counted_and_retried_with_back_off()
        {
            var client = new ScriptedClientPort { RefuseConnects = true };
            var s = new MqttSession(client, 60_000, 60_000, Backoff.Hash("rig1-m01"));
            s.Start();
            try
            {
                Until(() => client.ConnectAttempts >= 2, "a retry"); // after Backoff.Initial_ms (1 s + jitter)
                Assert.False(s.IsConnected);
                byte[] b = Encoding.ASCII.GetBytes("a1");
                Assert.False(s.Publish("t/alert", b, b.Length, 1, false)); // refused while down, not queued
                client.RefuseConnects = false;
                Until(() => s.IsConnected, "connected once the broker accepts");
                Assert.True(s.ConnectFailures >= 2);
                Assert.Equal(1, s.ConnectionCount);
            }
            finally
            {
                s.Stop(5000);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using Xunit.Abstractions;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// The dead-path detector of the firmware's MQTT link, driven the way M2MqttLink's network thread drives it (a loop
    /// every 50 ms: count answers, check for death, publish what is due) against a simulated broker path that answers
    /// every QoS 1 message after a round trip, or swallows everything once it is blackholed.
    /// </summary>
    public class LinkWatchdogTests(ITestOutputHelper output)
    {
        // As M2MqttLink: keep-alive 60 s, probe after 30 s of silence, an unanswered QoS 1 message is dead after 30 s.
        private const int ProbeAfter_ms = 30_000;
        private const int AckTimeout_ms = 30_000;
        private const int Loop_ms = 50;
        private const int Telemetry_ms = 10_000;

        private sealed class PathSim
        {
            public long CutAt_ms = long.MaxValue;   // from then on nothing gets through in either direction
            public int Rtt_ms = 40;
            public long QoS1Every_ms;               // 0: only QoS 0 telemetry; else also a QoS 1 message (alert/status) this often
            public long BrokerPublishEvery_ms;      // 0: the broker never sends on its own; else a message arrives this often
            public bool Publishing = true;
            public int Answers;
            public int QoS0OnWire, QoS1OnWire;
            private readonly List<long> _answerAt = new();

            /// <summary>Runs the loop from <paramref name="from_ms"/> to <paramref name="until_ms"/>; returns when dead was declared, or −1.</summary>
            public long Run(LinkWatchdog w, long from_ms, long until_ms)
            {
                for (long now = from_ms; now < until_ms; now += Loop_ms)
                {
                    for (int i = _answerAt.Count - 1; i >= 0; i--)
                    {
                        if (_answerAt[i] <= now)
                        {
                            Answers++;
                            _answerAt.RemoveAt(i);
                        }
                    }
                    if (BrokerPublishEvery_ms > 0 && now % BrokerPublishEvery_ms == 0 && now < CutAt_ms)
                        Answers++;
                    w.Observe(Answers, now);
                    if (w.IsDead(now))
                        return now;
                    if (Publishing && now % Telemetry_ms == 0)
                        Send(w.QosFor(0, now), now);
                    if (Publishing && QoS1Every_ms > 0 && now % QoS1Every_ms == 0)
                        Send(w.QosFor(1, now), now);
                }
                return -1;
            }

            private void Send(int qos, long now)
            {
                if (qos == 0)
                {
                    QoS0OnWire++;
                    return;
                }
                QoS1OnWire++;
                // The PUBACK comes back only if both the message and the answer cross before the cut.
                if (now + Rtt_ms < CutAt_ms)
                    _answerAt.Add(now + Rtt_ms);
            }
        }

        [Fact]
        public void Healthy_qos0_flow_never_reconnects_and_asks_once_per_probe_interval()
        {
            var w = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
            var path = new PathSim();
            w.Connected(0, 0);
            const long day_ms = 24L * 3600 * 1000;
            Assert.Equal(-1, path.Run(w, 0, day_ms));
            // The first page at 30 s of silence is a probe; its PUBACK 40 ms later restarts the silence, so the next page
            // that is ≥ 30 s later is the one 40 s later: one probe per 40 s, the other three pages stay QoS 0.
            Assert.InRange(w.Probes, day_ms / 40_000 - 1, day_ms / 40_000 + 1);
            Assert.Equal(w.Probes, path.QoS1OnWire);
            Assert.Equal(day_ms / Telemetry_ms, path.QoS0OnWire + path.QoS1OnWire);
        }

        [Theory]
        [InlineData(5_000, 0)]   // alerts/status (QoS 1) acknowledged every 5 s
        [InlineData(0, 7_000)]   // the broker delivers something every 7 s
        public void Traffic_that_is_answered_anyway_needs_no_probe(long qos1Every_ms, long brokerEvery_ms)
        {
            var w = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
            var path = new PathSim { QoS1Every_ms = qos1Every_ms, BrokerPublishEvery_ms = brokerEvery_ms };
            w.Connected(0, 0);
            Assert.Equal(-1, path.Run(w, 0, 6 * 3600 * 1000L));
            Assert.Equal(0, w.Probes);
        }

        [Fact]
        public void Slow_broker_answering_within_the_timeout_is_not_dead()
        {
            var w = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
            var path = new PathSim { Rtt_ms = AckTimeout_ms - 1000, QoS1Every_ms = 60_000 };
            w.Connected(0, 0);
            Assert.Equal(-1, path.Run(w, 0, 6 * 3600 * 1000L));
        }

        [Fact]
        public void Idle_link_sends_no_probe_and_is_left_to_the_clients_own_keep_alive()
        {
            // With nothing to send M2Mqtt's keep-alive does ping (and closes on a missing PINGRESP), which the watchdog
            // cannot see; it must not call a quiet link dead.
            var w = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
            var path = new PathSim { Publishing = false };
            w.Connected(0, 0);
            Assert.Equal(-1, path.Run(w, 0, 3600 * 1000L));
            Assert.Equal(0, w.Probes);
        }

        [Fact]
        public void Blackholed_path_is_detected_within_the_stated_bound_and_never_before_the_cut()
        {
            // Bound: silence before the probe + wait for the next page + the ack timeout + one loop period.
            const long bound_ms = ProbeAfter_ms + Telemetry_ms + AckTimeout_ms + Loop_ms;
            var rng = new Random(11);
            long worst = 0, best = long.MaxValue;
            for (int trial = 0; trial < 200; trial++)
            {
                var w = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
                // Half the trials also carry acknowledged QoS 1 traffic, which must not delay detection past the bound.
                var path = new PathSim { QoS1Every_ms = trial % 2 == 0 ? 0 : 15_000 };
                long cut = 600_000 + rng.Next(0, 120_000);
                path.CutAt_ms = cut;
                w.Connected(0, 0);
                long dead = path.Run(w, 0, cut + 10 * bound_ms);
                Assert.True(dead >= cut, $"trial {trial}: declared dead at {dead} ms, before the cut at {cut} ms");
                Assert.True(dead - cut <= bound_ms, $"trial {trial}: detected {dead - cut} ms after the cut (bound {bound_ms})");
                worst = Math.Max(worst, dead - cut);
                best = Math.Min(best, dead - cut);
            }
            output.WriteLine($"200 cuts: detected {best} .. {worst} ms after the cut (bound {bound_ms} ms)");
            // The bound is reached, not loose: some cut falls just after an answer.
            Assert.True(worst > bound_ms - Telemetry_ms, $"worst detection {worst} ms");
        }

        [Fact]
        public void A_new_connection_starts_clean()
        {
            var w = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
            var path = new PathSim { CutAt_ms = 100_000 };
            w.Connected(0, 0);
            long dead = path.Run(w, 0, 400_000);
            Assert.True(dead > 0);
            // Reconnected over a working path: the unanswered question of the old connection is forgotten.
            path.CutAt_ms = long.MaxValue;
            w.Connected(path.Answers, dead + 5_000);
            Assert.False(w.IsDead(dead + 5_000));
            Assert.Equal(-1, path.Run(w, dead + 5_000, dead + 3_600_000));
        }
    }
}

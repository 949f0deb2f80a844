namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Notices a silently dead network path (packets blackholed, no RST) that M2Mqtt's own keep-alive misses: M2Mqtt
    /// sends PINGREQ only after a keep-alive period without <em>sending</em>, so QoS 0 telemetry every few seconds
    /// suppresses every ping while nothing comes back (see firmware/README.md, "Dead network paths").
    /// The watchdog asks the broker for evidence instead: once nothing has arrived for <see cref="ProbeAfter_ms"/>, the
    /// next QoS 0 message goes out as QoS 1, and its PUBACK is the answer. A QoS 1 message (state, alert, status) is such
    /// a question anyway. If a question stays unanswered for <see cref="AckTimeout_ms"/>, the path is dead.
    /// Anything received counts as an answer: a PUBACK, a SUBACK or a message from the broker.
    /// Hardware-free and single-threaded: the link's network thread calls every method; the client's event handlers only
    /// increment a counter that <see cref="Observe"/> compares.
    /// </summary>
    public sealed class LinkWatchdog
    {
        private const long NoQuestion = -1;
        private long _lastAnswer_ms;
        private long _askedAt_ms = NoQuestion;
        private int _answers;

        /// <summary>
        /// Creates the watchdog. A dead path is noticed at most <paramref name="probeAfter_ms"/> + (time to the next
        /// publish) + <paramref name="ackTimeout_ms"/> after the last packet the broker got through.
        /// </summary>
        public LinkWatchdog(int probeAfter_ms, int ackTimeout_ms)
        {
            ProbeAfter_ms = probeAfter_ms;
            AckTimeout_ms = ackTimeout_ms;
        }

        /// <summary>Silence (nothing received) after which the next QoS 0 message is upgraded to QoS 1, ms.</summary>
        public int ProbeAfter_ms { get; }
        /// <summary>How long an acknowledged message may stay unanswered before the path counts as dead, ms.</summary>
        public int AckTimeout_ms { get; }
        /// <summary>QoS 0 messages sent as QoS 1 to ask for an answer, since start.</summary>
        public int Probes { get; private set; }

        /// <summary>A new connection is up at <paramref name="now_ms"/>; <paramref name="answers"/> is the running answer count.</summary>
        public void Connected(int answers, long now_ms)
        {
            _answers = answers;
            _lastAnswer_ms = now_ms;
            _askedAt_ms = NoQuestion;
        }

        /// <summary>
        /// Takes the running count of packets received from the broker (PUBACKs, SUBACKs, messages); any change since
        /// the last call is an answer: the path is alive and no question is outstanding.
        /// </summary>
        public void Observe(int answers, long now_ms)
        {
            if (answers == _answers)
                return;
            _answers = answers;
            _lastAnswer_ms = now_ms;
            _askedAt_ms = NoQuestion;
        }

        /// <summary>
        /// The QoS to publish a message with that the protocol sends at <paramref name="qos"/>: unchanged, except a QoS 0
        /// message after <see cref="ProbeAfter_ms"/> of silence with no question outstanding, which becomes QoS 1.
        /// </summary>
        public int QosFor(int qos, long now_ms)
        {
            if (qos > 0)
            {
                if (_askedAt_ms == NoQuestion)
                    _askedAt_ms = now_ms;
                return qos;
            }
            if (_askedAt_ms == NoQuestion && now_ms - _lastAnswer_ms >= ProbeAfter_ms)
            {
                _askedAt_ms = now_ms;
                Probes++;
                return 1;
            }
            return 0;
        }

        /// <summary>True when a question has stayed unanswered for <see cref="AckTimeout_ms"/>: drop the connection and reconnect.</summary>
        public bool IsDead(long now_ms)
        {
            return _askedAt_ms != NoQuestion && now_ms - _askedAt_ms >= AckTimeout_ms;
        }
    }
}

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Keeps every message the broker must acknowledge (QoS 1, not retained: alerts and status) until its PUBACK
    /// arrives, so that nothing handed to a connection that later turns out dead is lost: after a reconnect (the
    /// session is clean, so the broker forgot the old packet ids) the held messages are sent again, oldest first,
    /// with exactly the bytes they had, hence the same sequence number, which the host stores once.
    /// Retained messages are not held: the only one is the online state, and the firmware publishes a fresh one after
    /// every connect, which replaces the retained copy anyway.
    /// <para>
    /// A fixed number of preallocated slots; nothing is allocated after construction. When every slot is taken the link
    /// stops taking acknowledged messages from the outbox (they wait there) instead of dropping anything.
    /// </para>
    /// <para>
    /// Threads: the link's network thread calls everything except <see cref="Answer"/>, which the MQTT client's event
    /// thread calls. Answers are queued and applied by <see cref="ApplyAnswers"/> on the network thread, after the
    /// <see cref="MarkSent"/> of the same message, so a PUBACK that races ahead of the client's Publish returning is
    /// not lost. Each answer carries the connection it came from: a new client numbers its messages from 1 again, and
    /// a late answer from an old connection must not acknowledge a different message that reuses its id.
    /// </para>
    /// </summary>
    public sealed class InflightWindow
    {
        private const int Free = 0;
        // Held, and not yet handed to the current connection (new, re-queued by a reconnect, or reported unpublished).
        private const int Unsent = 1;
        // Handed to connection _sentOn[slot] as message id _messageId[slot]; waiting for its answer.
        private const int Sent = 2;

        private readonly byte[][] _payload;
        private readonly int[] _length;
        private readonly string[] _topic;
        private readonly int[] _state;
        private readonly int[] _messageId;
        private readonly int[] _sentOn;
        private readonly int[] _sends;
        private readonly long[] _arrival;
        private long _nextArrival;
        private int _count;
        private int _connection;

        // Answers queued by the client's event thread: connection, message id, published.
        private readonly object _answerLock = new object();
        private readonly int[] _answerConnection;
        private readonly int[] _answerId;
        private readonly bool[] _answerPublished;
        private int _answerHead;
        private int _answerCount;

        /// <summary>
        /// Creates <paramref name="slots"/> slots of <paramref name="slotBytes"/> bytes and a queue for
        /// 2 × <paramref name="slots"/> + 16 answers (more than can arrive between two network-thread passes: at most
        /// one per message in the client's bounded in-flight queue).
        /// </summary>
        public InflightWindow(int slots, int slotBytes)
        {
            _payload = new byte[slots][];
            for (int i = 0; i < slots; i++)
                _payload[i] = new byte[slotBytes];
            _length = new int[slots];
            _topic = new string[slots];
            _state = new int[slots];
            _messageId = new int[slots];
            _sentOn = new int[slots];
            _sends = new int[slots];
            _arrival = new long[slots];
            int answers = 2 * slots + 16;
            _answerConnection = new int[answers];
            _answerId = new int[answers];
            _answerPublished = new bool[answers];
        }

        /// <summary>Number of slots.</summary>
        public int Slots => _payload.Length;
        /// <summary>Largest payload a slot holds.</summary>
        public int SlotBytes => _payload[0].Length;
        /// <summary>Messages held (sent or not) until acknowledged.</summary>
        public int Count => _count;
        /// <summary>True when every slot is taken: acknowledged messages must wait in the outbox.</summary>
        public bool IsFull => _count == _payload.Length;
        /// <summary>The current connection's number (incremented by <see cref="NewConnection"/>).</summary>
        public int Connection => _connection;
        /// <summary>Messages acknowledged (and released) since start.</summary>
        public int Acknowledged { get; private set; }
        /// <summary>Sends of a message that had been sent before (after a reconnect or an unpublished report).</summary>
        public int Resends { get; private set; }
        /// <summary>Answers that matched no held message on their connection (probes, stale connections, late PUBACKs).</summary>
        public int Unmatched { get; private set; }
        /// <summary>Answers lost because the answer queue was full (the message is then sent again after a reconnect).</summary>
        public int AnswersOverflowed { get; private set; }

        /// <summary>Whether the link holds a message of this kind until its PUBACK: QoS 1 or more and not retained.</summary>
        public static bool Holds(int qos, bool retain)
        {
            return qos > 0 && !retain;
        }

        /// <summary>
        /// Copies a message into a free slot; it is sent next by the network thread (see <see cref="NextUnsent"/>).
        /// False when the window is full or the payload is longer than a slot (the caller checks <see cref="IsFull"/> first).
        /// </summary>
        public bool Hold(string topic, byte[] payload, int length)
        {
            if (_count == _payload.Length || length < 0 || length > _payload[0].Length || topic == null)
                return false;
            int slot = 0;
            while (_state[slot] != Free)
                slot++;
            byte[] dst = _payload[slot];
            for (int i = 0; i < length; i++)
                dst[i] = payload[i];
            _length[slot] = length;
            _topic[slot] = topic;
            _state[slot] = Unsent;
            _sends[slot] = 0;
            _arrival[slot] = _nextArrival++;
            _count++;
            return true;
        }

        /// <summary>
        /// A new connection is being made: answers still to come from older connections will be ignored, and every held
        /// message counts as not sent, to be sent again in its original order. Returns the new connection's number,
        /// which the link passes back with each of that connection's answers.
        /// </summary>
        public int NewConnection()
        {
            _connection++;
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Sent)
                    _state[i] = Unsent;
            }
            lock (_answerLock)
            {
                _answerCount = 0;
                _answerHead = 0;
            }
            return _connection;
        }

        /// <summary>The slot of the oldest held message not yet sent on this connection, or −1.</summary>
        public int NextUnsent()
        {
            int best = -1;
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Unsent && (best < 0 || _arrival[i] < _arrival[best]))
                    best = i;
            }
            return best;
        }

        /// <summary>
        /// Copies the message in <paramref name="slot"/> to <paramref name="into"/> (at least <see cref="SlotBytes"/>
        /// long); returns its length, or −1 when the slot is free.
        /// </summary>
        public int CopyOut(int slot, byte[] into, out string topic)
        {
            if (slot < 0 || slot >= _state.Length || _state[slot] == Free)
            {
                topic = null;
                return -1;
            }
            int n = _length[slot];
            byte[] src = _payload[slot];
            for (int i = 0; i < n; i++)
                into[i] = src[i];
            topic = _topic[slot];
            return n;
        }

        /// <summary>The client accepted the message in <paramref name="slot"/> on the current connection as <paramref name="messageId"/>.</summary>
        public void MarkSent(int slot, int messageId)
        {
            if (slot < 0 || slot >= _state.Length || _state[slot] == Free)
                return;
            if (_sends[slot] > 0)
                Resends++;
            _sends[slot]++;
            _state[slot] = Sent;
            _messageId[slot] = messageId;
            _sentOn[slot] = _connection;
        }

        /// <summary>
        /// The client reported message <paramref name="messageId"/> of connection <paramref name="connection"/>:
        /// <paramref name="published"/> true on its PUBACK, false when the client gave up waiting for one. Thread-safe;
        /// takes effect at the next <see cref="ApplyAnswers"/>.
        /// </summary>
        public void Answer(int connection, int messageId, bool published)
        {
            lock (_answerLock)
            {
                int n = _answerConnection.Length;
                if (_answerCount == n)
                {
                    // Drop the oldest: its message, if still held, goes out again after the next reconnect.
                    _answerHead = (_answerHead + 1) % n;
                    _answerCount--;
                    AnswersOverflowed++;
                }
                int i = (_answerHead + _answerCount) % n;
                _answerConnection[i] = connection;
                _answerId[i] = messageId;
                _answerPublished[i] = published;
                _answerCount++;
            }
        }

        /// <summary>
        /// Applies the queued answers (network thread): a PUBACK releases its message's slot; an "unpublished" report
        /// on the current connection makes the message due again. Returns the number of slots released.
        /// </summary>
        public int ApplyAnswers()
        {
            int released = 0;
            while (true)
            {
                int connection;
                int id;
                bool published;
                lock (_answerLock)
                {
                    if (_answerCount == 0)
                        return released;
                    connection = _answerConnection[_answerHead];
                    id = _answerId[_answerHead];
                    published = _answerPublished[_answerHead];
                    _answerHead = (_answerHead + 1) % _answerConnection.Length;
                    _answerCount--;
                }
                int slot = -1;
                if (connection == _connection)
                {
                    for (int i = 0; i < _state.Length; i++)
                    {
                        if (_state[i] == Sent && _messageId[i] == id && _sentOn[i] == connection)
                        {
                            slot = i;
                            break;
                        }
                    }
                }
                if (slot < 0)
                {
                    Unmatched++;
                }
                else if (published)
                {
                    _state[slot] = Free;
                    _topic[slot] = null;
                    _count--;
                    Acknowledged++;
                    released++;
                }
                else
                {
                    _state[slot] = Unsent;
                }
            }
        }
    }
}

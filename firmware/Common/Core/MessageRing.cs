namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// A bounded, thread-safe queue of MQTT messages in preallocated slots: the outbox between the measurement loop and
    /// the network thread, and the inbox between M2Mqtt's receive thread and the measurement loop. Nothing is allocated
    /// after construction. When full, a QoS 1 message evicts the oldest QoS 0 one (telemetry is superseded by the next
    /// page anyway); otherwise the new message is refused and counted.
    /// </summary>
    public sealed class MessageRing
    {
        private readonly byte[][] _payload;
        private readonly int[] _length;
        private readonly string[] _topic;
        private readonly int[] _qos;
        private readonly bool[] _retain;
        private readonly object _lock = new object();
        private int _head;
        private int _count;
        private int _dropped;

        /// <summary>Creates <paramref name="slots"/> slots of <paramref name="slotBytes"/> bytes each.</summary>
        public MessageRing(int slots, int slotBytes)
        {
            _payload = new byte[slots][];
            for (int i = 0; i < slots; i++)
                _payload[i] = new byte[slotBytes];
            _length = new int[slots];
            _topic = new string[slots];
            _qos = new int[slots];
            _retain = new bool[slots];
        }

        /// <summary>Messages waiting.</summary>
        public int Count
        {
            get { lock (_lock) { return _count; } }
        }

        /// <summary>Messages refused or evicted since start.</summary>
        public int DroppedCount
        {
            get { lock (_lock) { return _dropped; } }
        }

        /// <summary>Largest payload a slot holds.</summary>
        public int SlotBytes => _payload[0].Length;

        /// <summary>True when <see cref="TryPut"/> would take a message of this QoS now (a free slot, or a QoS 0 one a QoS 1 message may evict).</summary>
        public bool HasRoomFor(int qos)
        {
            lock (_lock)
            {
                if (_count < _payload.Length)
                    return true;
                if (qos == 0)
                    return false;
                for (int k = 0; k < _count; k++)
                {
                    if (_qos[(_head + k) % _payload.Length] == 0)
                        return true;
                }
                return false;
            }
        }

        /// <summary>Copies a message in; false when it is too long or the ring is full of messages it may not evict.</summary>
        public bool TryPut(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (length < 0 || length > _payload[0].Length || topic == null)
                return false;
            lock (_lock)
            {
                int slots = _payload.Length;
                if (_count == slots)
                {
                    if (qos == 0 || !EvictOldestQos0())
                    {
                        _dropped++;
                        return false;
                    }
                }
                int slot = (_head + _count) % slots;
                byte[] dst = _payload[slot];
                for (int i = 0; i < length; i++)
                    dst[i] = payload[i];
                _length[slot] = length;
                _topic[slot] = topic;
                _qos[slot] = qos;
                _retain[slot] = retain;
                _count++;
                return true;
            }
        }

        /// <summary>
        /// Moves the oldest message out: its payload is copied to <paramref name="into"/> (at least <see cref="SlotBytes"/> long).
        /// Returns the payload length, or −1 when empty.
        /// </summary>
        public int TryTake(byte[] into, out string topic, out int qos, out bool retain)
        {
            return TryTake(into, out topic, out qos, out retain, false);
        }

        /// <summary>
        /// As <see cref="TryTake(byte[], out string, out int, out bool)"/>, but with <paramref name="leaveHeld"/> true a
        /// message of the kind <see cref="InflightWindow"/> holds (<see cref="InflightWindow.Holds"/>) stays in place and
        /// −1 is returned: the network thread's back-pressure while every in-flight slot is taken. Deciding under the
        /// ring's lock matters: a peek followed by a take could take a different message when the producer evicts the
        /// oldest QoS 0 one in between.
        /// </summary>
        public int TryTake(byte[] into, out string topic, out int qos, out bool retain, bool leaveHeld)
        {
            lock (_lock)
            {
                if (_count == 0 || (leaveHeld && InflightWindow.Holds(_qos[_head], _retain[_head])))
                {
                    topic = null;
                    qos = 0;
                    retain = false;
                    return -1;
                }
                int slot = _head;
                int n = _length[slot];
                byte[] src = _payload[slot];
                for (int i = 0; i < n; i++)
                    into[i] = src[i];
                topic = _topic[slot];
                qos = _qos[slot];
                retain = _retain[slot];
                _topic[slot] = null;
                _head = (_head + 1) % _payload.Length;
                _count--;
                return n;
            }
        }

        /// <summary>Drops everything waiting (counted as dropped).</summary>
        public void Clear()
        {
            lock (_lock)
            {
                _dropped += _count;
                _count = 0;
                _head = 0;
            }
        }

        private bool EvictOldestQos0()
        {
            int slots = _payload.Length;
            for (int k = 0; k < _count; k++)
            {
                int slot = (_head + k) % slots;
                if (_qos[slot] != 0)
                    continue;
                // Shift the older messages up by one so order is kept, then free the head slot.
                for (int j = k; j > 0; j--)
                {
                    int to = (_head + j) % slots;
                    int from = (_head + j - 1) % slots;
                    byte[] t = _payload[to];
                    _payload[to] = _payload[from];
                    _payload[from] = t;
                    _length[to] = _length[from];
                    _topic[to] = _topic[from];
                    _qos[to] = _qos[from];
                    _retain[to] = _retain[from];
                }
                _topic[_head] = null;
                _head = (_head + 1) % slots;
                _count--;
                _dropped++;
                return true;
            }
            return false;
        }
    }
}

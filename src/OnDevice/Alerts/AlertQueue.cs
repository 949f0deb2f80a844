namespace CellVar.Bms.OnDevice.Alerts
{
    /// <summary>
    /// Bounded ring buffer of alerts, allocated once. When full, the OLDEST unread alert is overwritten
    /// (the newest state matters most) and <see cref="DroppedCount"/> grows; the gap also shows in
    /// <see cref="Alert.Sequence"/>.
    /// </summary>
    public sealed class AlertQueue
    {
        private readonly Alert[] _buffer;
        private int _head;
        private int _count;
        private int _nextSequence = 1;
        private int _dropped;

        /// <summary>Creates a queue holding at most <paramref name="capacity"/> alerts (at least 1).</summary>
        public AlertQueue(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _buffer = new Alert[capacity];
        }

        /// <summary>Maximum number of alerts held.</summary>
        public int Capacity => _buffer.Length;

        /// <summary>Alerts waiting to be dequeued.</summary>
        public int Count => _count;

        /// <summary>Alerts overwritten before they were read, since construction (saturates at int.MaxValue).</summary>
        public int DroppedCount => _dropped;

        /// <summary>Sequence number the next enqueued alert will get.</summary>
        public int NextSequence => _nextSequence;

        /// <summary>Appends an alert, assigning its <see cref="Alert.Sequence"/>; overwrites the oldest when full.</summary>
        public void Enqueue(ref Alert alert)
        {
            alert.Sequence = _nextSequence;
            _nextSequence = _nextSequence == int.MaxValue ? 1 : _nextSequence + 1;
            int cap = _buffer.Length;
            if (_count == cap)
            {
                _head = _head + 1 == cap ? 0 : _head + 1;
                _count--;
                if (_dropped != int.MaxValue) _dropped++;
            }
            int tail = _head + _count;
            if (tail >= cap) tail -= cap;
            _buffer[tail] = alert;
            _count++;
        }

        /// <summary>Removes the oldest alert into <paramref name="alert"/>; false when empty (alert unchanged).</summary>
        public bool TryDequeue(ref Alert alert)
        {
            if (_count == 0) return false;
            alert = _buffer[_head];
            _head = _head + 1 == _buffer.Length ? 0 : _head + 1;
            _count--;
            return true;
        }

        /// <summary>Discards all waiting alerts (not counted as dropped).</summary>
        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}

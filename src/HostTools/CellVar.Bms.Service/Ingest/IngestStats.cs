using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace CellVar.Bms.Service.Ingest
{
    /// <summary>Running counters of the ingest pipeline (served at <c>GET /api/stats</c>).</summary>
    public sealed class IngestStats
    {
        private long _received, _stored, _duplicates, _rejected, _gaps, _late, _batches, _writeErrors, _ignored;
        private readonly ConcurrentDictionary<string, long> _rejectedByReason = new();

        /// <summary>Messages taken off the broker.</summary>
        public long Received => Interlocked.Read(ref _received);
        /// <summary>Messages written (new (monitor, seq) or offline state).</summary>
        public long Stored => Interlocked.Read(ref _stored);
        /// <summary>Redeliveries dropped because (monitor, seq) was already stored.</summary>
        public long Duplicates => Interlocked.Read(ref _duplicates);
        /// <summary>Payloads rejected (malformed, oversized, wrongly typed, wrong monitor...).</summary>
        public long Rejected => Interlocked.Read(ref _rejected);
        /// <summary>Sequence gaps recorded.</summary>
        public long Gaps => Interlocked.Read(ref _gaps);
        /// <summary>Messages that arrived after a later sequence number had been stored.</summary>
        public long LateArrivals => Interlocked.Read(ref _late);
        /// <summary>Transactions committed.</summary>
        public long Batches => Interlocked.Read(ref _batches);
        /// <summary>Failed batch writes (retried; messages are acknowledged only after a successful commit).</summary>
        public long WriteErrors => Interlocked.Read(ref _writeErrors);
        /// <summary>Messages on topics outside the protocol tree or host → device topics echoed back.</summary>
        public long Ignored => Interlocked.Read(ref _ignored);
        /// <summary>Rejections per reason word.</summary>
        public IReadOnlyDictionary<string, long> RejectedByReason => new Dictionary<string, long>(_rejectedByReason);

        internal void OnReceived() => Interlocked.Increment(ref _received);
        internal void OnIgnored() => Interlocked.Increment(ref _ignored);
        internal void OnRejected(string reason) => _rejectedByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        internal void OnWriteError() => Interlocked.Increment(ref _writeErrors);

        internal void OnBatch(Storage.Store.BatchResult r)
        {
            Interlocked.Add(ref _stored, r.Stored);
            Interlocked.Add(ref _duplicates, r.Duplicates);
            Interlocked.Add(ref _rejected, r.Rejected);
            Interlocked.Add(ref _gaps, r.Gaps);
            Interlocked.Add(ref _late, r.LateArrivals);
            Interlocked.Increment(ref _batches);
        }
    }
}

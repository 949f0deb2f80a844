using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using CellVar.Bms.Service.Protocol;
using CellVar.Bms.Service.Storage;
using Microsoft.Extensions.Logging;

namespace CellVar.Bms.Service.Ingest
{
    /// <summary>
    /// Receives MQTT messages, validates them, and writes them to the <see cref="Store"/> in batches of up to
    /// <see cref="MaxBatch"/> on one writer task. QoS 1 messages are acknowledged to the broker only after their
    /// batch is committed, so a crash or a database outage never loses an acknowledged message. A bad payload is
    /// logged and counted (and stored in <c>rejects</c>); ingest carries on.
    /// </summary>
    public sealed class IngestPipeline : IAsyncDisposable
    {
        /// <summary>Most messages per transaction.</summary>
        public const int MaxBatch = 2000;

        private readonly Store _store;
        private readonly string _topicRoot;
        private readonly ILogger _log;
        private readonly Channel<IngestItem> _queue = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(50_000)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _writer;

        /// <summary>Starts the writer task.</summary>
        public IngestPipeline(Store store, string topicRoot, ILogger log)
        {
            _store = store;
            _topicRoot = topicRoot;
            _log = log;
            _writer = Task.Run(WriteLoopAsync);
        }

        /// <summary>Counters.</summary>
        public IngestStats Stats { get; } = new();

        /// <summary>Raised after each commit with the committed items (latency measurement, tests).</summary>
        public event Action<IReadOnlyList<IngestItem>>? Committed;

        /// <summary>Validates and queues one message; waits when the queue is full (back-pressure to the broker).</summary>
        public ValueTask EnqueueAsync(string topic, byte[] payload, Func<Task>? acknowledge, CancellationToken ct = default)
        {
            Stats.OnReceived();
            var item = new IngestItem(topic, payload, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), acknowledge) { ReceivedTicks = Stopwatch.GetTimestamp() };
            TopicAddress? a = TopicAddress.TryParse(_topicRoot, topic);
            if (a == null || a.Kind is TopicKind.Prior or TopicKind.Config)
            {
                // Not ours to store (foreign topic, or our own retained downlinks echoed back): acknowledge and drop.
                Stats.OnIgnored();
                return acknowledge == null ? ValueTask.CompletedTask : new ValueTask(acknowledge());
            }
            item.Address = a;
            try
            {
                item.Message = PayloadParser.Parse(a, payload);
            }
            catch (PayloadException e)
            {
                item.Error = e;
                Stats.OnRejected(e.Reason);
                _log.LogWarning("rejected payload on {Topic} ({Bytes} bytes): {Reason} {Field}: {Detail}", topic, payload.Length, e.Reason, e.Field, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A parser defect must cost one message, never the ingest loop: record it as a reject too.
                item.Error = new PayloadException("internal", null, $"parser failed: {e.GetType().Name}: {e.Message}");
                Stats.OnRejected("internal");
                _log.LogError(e, "parsing a payload on {Topic} failed unexpectedly; stored as a reject", topic);
            }
            return _queue.Writer.WriteAsync(item, ct);
        }

        private async Task WriteLoopAsync()
        {
            var batch = new List<IngestItem>(MaxBatch);
            CancellationToken ct = _stop.Token;
            try
            {
                while (await _queue.Reader.WaitToReadAsync(ct))
                {
                    batch.Clear();
                    while (batch.Count < MaxBatch && _queue.Reader.TryRead(out IngestItem? item))
                        batch.Add(item);
                    for (int attempt = 0; ; attempt++)
                    {
                        try
                        {
                            Store.BatchResult r = await _store.WriteBatchAsync(batch, ct);
                            Stats.OnBatch(r);
                            break;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            // Database away (e.g. PostgreSQL restarting): keep the batch, do not acknowledge, retry.
                            Stats.OnWriteError();
                            _log.LogError(e, "writing a batch of {Count} messages failed (attempt {Attempt}); retrying", batch.Count, attempt + 1);
                            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt, 6))), ct);
                        }
                    }
                    foreach (IngestItem item in batch)
                    {
                        if (item.Acknowledge != null)
                        {
                            try { await item.Acknowledge(); }
                            catch (Exception e) { _log.LogDebug(e, "acknowledging a message on {Topic} failed (broker will redeliver)", item.Topic); }
                        }
                    }
                    Committed?.Invoke(batch);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>Waits until everything queued so far is written (tests, shutdown).</summary>
        public async Task DrainAsync(TimeSpan timeout)
        {
            var sw = Stopwatch.StartNew();
            while (_queue.Reader.Count > 0 && sw.Elapsed < timeout)
                await Task.Delay(10);
        }

        /// <summary>Stops accepting messages, writes what is queued, and stops the writer.</summary>
        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            try
            {
                await _writer.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                _stop.Cancel();
            }
            _stop.Dispose();
        }
    }
}

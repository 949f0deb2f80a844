using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using CellVar.Bms.Service.Ingest;
using CellVar.Bms.Service.Protocol;

namespace CellVar.Bms.Dashboard.Live
{
    /// <summary>
    /// Turns committed ingest batches into one JSON update every flush interval for every connected browser.
    /// Telemetry is coalesced to the latest values per cell (a browser only draws the newest), alerts and state
    /// changes are kept in order. Only stored messages are announced, so a page that re-reads the API after an
    /// event sees what the event said.
    /// </summary>
    public sealed class LiveFeed : IAsyncDisposable
    {
        private readonly object _gate = new();
        private readonly Dictionary<(string Monitor, int Cell), long[]> _cells = new();
        private readonly Dictionary<string, string> _sites = new();
        private readonly List<object[]> _alerts = new();
        private readonly List<object[]> _states = new();
        private readonly List<Channel<string>> _subscribers = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _flusher;
        private readonly IngestPipeline _ingest;
        private long _sequence;

        /// <summary>Subscribes to <paramref name="ingest"/> and starts flushing every <paramref name="flushInterval"/>.</summary>
        public LiveFeed(IngestPipeline ingest, TimeSpan flushInterval)
        {
            _ingest = ingest;
            _ingest.Committed += OnCommitted;
            _flusher = FlushLoopAsync(flushInterval);
        }

        /// <summary>Number of connected browsers.</summary>
        public int Subscribers { get { lock (_gate) return _subscribers.Count; } }

        /// <summary>Cancelled when the feed stops (open event streams end).</summary>
        public CancellationToken Stopping => _stop.Token;

        /// <summary>A new subscriber's queue; slow readers lose the oldest updates rather than stall the feed.</summary>
        public Channel<string> Subscribe()
        {
            var ch = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
            lock (_gate)
                _subscribers.Add(ch);
            return ch;
        }

        /// <summary>Removes a subscriber.</summary>
        public void Unsubscribe(Channel<string> ch)
        {
            lock (_gate)
                _subscribers.Remove(ch);
            ch.Writer.TryComplete();
        }

        // Runs on the ingest writer: copy what is needed and return; an exception here would stop ingest, so none escapes.
        private void OnCommitted(IReadOnlyList<IngestItem> batch)
        {
            try
            {
                lock (_gate)
                {
                    foreach (IngestItem item in batch)
                    {
                        if (item.Error != null || item.Message == null)
                            continue;
                        if (item.Address is { } a)
                            _sites[item.Message.Monitor] = a.Site;
                        switch (item.Message)
                        {
                            case TelemetryMessage t:
                                for (int i = 0; i < t.Cells.Length; i++)
                                {
                                    int[] c = t.Cells[i];
                                    // voltage, resistance, capacity, temperature, r score, t score, flags, seq, device ms, received ms
                                    _cells[(t.Monitor, t.FirstCell + i)] = new long[] { c[0], c[1], c[2], c[3], c[4], c[5], c[6], t.Sequence, t.DeviceTime, item.Received_ms };
                                }
                                break;
                            case AlertMessage al:
                                _alerts.Add(new object[] { al.Monitor, al.Cell, al.Kind, al.Raised ? "raised" : "cleared", al.Value, al.Limit, al.Score_c, item.Received_ms });
                                break;
                            case StateMessage st:
                                _states.Add(new object[] { st.Monitor, st.Online, item.Received_ms });
                                break;
                        }
                    }
                }
            }
            catch (Exception)
            {
                // Never disturb ingest; the page re-reads the API on reconnect and every few seconds anyway.
            }
        }

        private async Task FlushLoopAsync(TimeSpan interval)
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    Flush();
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>Sends what arrived since the last flush (nothing when idle). Internal for tests.</summary>
        internal void Flush()
        {
            string json;
            Channel<string>[] targets;
            lock (_gate)
            {
                if (_cells.Count == 0 && _alerts.Count == 0 && _states.Count == 0)
                    return;
                var cells = new List<object[]>(_cells.Count);
                foreach (var kv in _cells)
                {
                    var row = new object[2 + kv.Value.Length];
                    row[0] = kv.Key.Monitor;
                    row[1] = kv.Key.Cell;
                    for (int i = 0; i < kv.Value.Length; i++)
                        row[2 + i] = kv.Value[i];
                    cells.Add(row);
                }
                json = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["n"] = ++_sequence,
                    ["sent_ms"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    ["sites"] = new Dictionary<string, string>(_sites),
                    ["cells"] = cells,
                    ["alerts"] = _alerts.ToArray(),
                    ["states"] = _states.ToArray(),
                });
                _cells.Clear();
                _sites.Clear();
                _alerts.Clear();
                _states.Clear();
                targets = _subscribers.ToArray();
            }
            foreach (Channel<string> ch in targets)
                ch.Writer.TryWrite(json);
        }

        /// <summary>Unsubscribes from ingest and ends every open stream.</summary>
        public async ValueTask DisposeAsync()
        {
            _ingest.Committed -= OnCommitted;
            await _stop.CancelAsync();
            await _flusher;
            lock (_gate)
            {
                foreach (Channel<string> ch in _subscribers)
                    ch.Writer.TryComplete();
                _subscribers.Clear();
            }
            _stop.Dispose();
        }
    }
}

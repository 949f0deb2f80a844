using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Storage;
using Microsoft.Extensions.Logging;

namespace CellVar.Bms.Service.Priors
{
    /// <summary>
    /// Sends priors to monitors: on a schedule and on demand, computes the population update from stored estimates
    /// (starting from the base prior file if given), records each prior in <c>downlinks</c> with a fresh id, and
    /// publishes it retained (QoS 1) on the monitor's prior topic, signed with the monitor's key when it has one
    /// (ids come from <c>downlinks</c>, so they keep increasing across restarts as signed priors require). The device's status answer later marks the row
    /// accepted or rejected (done by ingest).
    /// </summary>
    public sealed class PriorLoop : IAsyncDisposable
    {
        private readonly Store _store;
        private readonly BrokerClient _broker;
        private readonly string _root;
        private readonly DevicePrior? _base;
        private readonly PopulationUpdate _update;
        private readonly ILogger _log;
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _once = new(1, 1);
        private readonly Task? _timer;
        private readonly PriorKeys _keys;

        /// <summary>Starts the schedule when <paramref name="interval"/> is positive.</summary>
        public PriorLoop(Store store, BrokerClient broker, string topicRoot, DevicePrior? basePrior, PopulationUpdate update, TimeSpan interval, ILogger log, PriorKeys? keys = null)
        {
            _keys = keys ?? new PriorKeys();
            _store = store;
            _broker = broker;
            _root = topicRoot;
            _base = basePrior;
            _update = update;
            _log = log;
            if (interval > TimeSpan.Zero)
                _timer = Task.Run(() => ScheduleAsync(interval));
        }

        /// <summary>Result of one run for one monitor.</summary>
        public sealed record Sent(string MonitorId, long PriorId, bool Published, string Payload);

        /// <summary>Computes the prior and sends it to <paramref name="monitorId"/> (or to every known monitor when null).</summary>
        public async Task<IReadOnlyList<Sent>> RunOnceAsync(string? monitorId, string source, CancellationToken ct = default)
        {
            await _once.WaitAsync(ct);
            try
            {
                IReadOnlyList<CellRow> cells = await _store.AllCellsAsync(ct);
                DevicePrior? prior = _update.Update(cells, _base);
                if (prior == null)
                {
                    _log.LogInformation("prior loop: not enough data and no base prior; nothing sent");
                    return Array.Empty<Sent>();
                }
                long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var monitors = await _store.MonitorsAsync(now, long.MaxValue, monitorId, ct);
                var sent = new List<Sent>();
                foreach (MonitorRow m in monitors)
                {
                    var (downlinkId, id, payload) = await _store.CreateDownlinkAsync(m.MonitorId, "prior", source, i => _keys.SignOrPass(m.MonitorId, PriorKeys.PriorLabel, prior.ToPayload(m.MonitorId, i)), now, ct);
                    bool ok = await _broker.PublishRetainedAsync($"{_root}/{m.Site}/{m.MonitorId}/prior", Encoding.UTF8.GetBytes(payload), ct);
                    if (ok)
                        await _store.MarkSentAsync(downlinkId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct);
                    sent.Add(new Sent(m.MonitorId, id, ok, payload));
                }
                _log.LogInformation("prior loop ({Source}): sent {Count} priors", source, sent.Count);
                return sent;
            }
            finally
            {
                _once.Release();
            }
        }

        private async Task ScheduleAsync(TimeSpan interval)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, _stop.Token);
                    await RunOnceAsync(null, "schedule", _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e)
                {
                    _log.LogError(e, "scheduled prior update failed");
                }
            }
        }

        /// <summary>Stops the schedule.</summary>
        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            if (_timer != null)
                await _timer;
            _stop.Dispose();
        }
    }
}

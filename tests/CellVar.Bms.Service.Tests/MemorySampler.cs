using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Reads a set of named memory figures every <c>period</c> on a background task until disposed; a reading that
    /// returns null for a figure (e.g. an HTTP timeout under load) is skipped for that figure rather than invented.
    /// </summary>
    internal sealed class MemorySampler : IAsyncDisposable
    {
        private readonly Func<CancellationToken, Task<double?[]>> _read;
        private readonly List<MemorySample>[] _series;
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock;
        private readonly Task _loop;
        private bool _disposed;

        /// <summary>Starts sampling now; times are measured on <paramref name="clock"/> (seconds).</summary>
        public MemorySampler(string[] names, Func<CancellationToken, Task<double?[]>> read, TimeSpan period, Stopwatch clock, double clockOffset_s = 0)
        {
            Names = names;
            _read = read;
            _clock = clock;
            _series = new List<MemorySample>[names.Length];
            for (int i = 0; i < names.Length; i++)
                _series[i] = new List<MemorySample>();
            _loop = Task.Run(() => LoopAsync(period, clockOffset_s));
        }

        /// <summary>Names of the figures, in reading order.</summary>
        public string[] Names { get; }

        /// <summary>Readings of figure <paramref name="name"/> so far (a copy).</summary>
        public List<MemorySample> Series(string name)
        {
            int i = Array.IndexOf(Names, name);
            if (i < 0)
                throw new ArgumentException($"no figure named '{name}' (have {string.Join(", ", Names)})", nameof(name));
            lock (_series)
                return new List<MemorySample>(_series[i]);
        }

        private async Task LoopAsync(TimeSpan period, double offset_s)
        {
            while (!_stop.IsCancellationRequested)
            {
                double t = _clock.Elapsed.TotalSeconds - offset_s;
                double?[] v;
                try { v = await _read(_stop.Token); }
                catch (OperationCanceledException) { break; }
                lock (_series)
                    for (int i = 0; i < v.Length && i < _series.Length; i++)
                        if (v[i] is double x)
                            _series[i].Add(new MemorySample(t, x));
                try { await Task.Delay(period, _stop.Token); }
                catch (OperationCanceledException) { break; }
            }
        }

        /// <summary>Stops sampling (again: no-op).</summary>
        public async ValueTask DisposeAsync()
        {
            if (_disposed)
                return;
            _disposed = true;
            _stop.Cancel();
            await _loop;
            _stop.Dispose();
        }
    }
}

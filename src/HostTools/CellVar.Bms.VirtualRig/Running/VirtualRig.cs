using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.VirtualRig.Simulation;

namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>
    /// K virtual monitors stepped together in simulated time (one tick per sample period), paced to
    /// <see cref="RigOptions.Speed"/> × wall-clock time, reporting each defect as it is injected.
    /// </summary>
    public sealed class VirtualRig : IAsyncDisposable
    {
        private readonly RigOptions _o;
        private readonly List<VirtualMonitor> _monitors = [];
        private double _now_s;
        private readonly List<InjectedDefect> _truth;

        /// <summary>Builds the monitors; throws <see cref="ArgumentException"/> naming a bad option or defect.</summary>
        public VirtualRig(RigOptions options)
        {
            _o = options ?? throw new ArgumentNullException(nameof(options));
            if (_o.Monitors < 1 || _o.Monitors > 64) throw new ArgumentException("monitors must be 1..64");
            if (_o.Cells < 3 || _o.Cells > 32) throw new ArgumentException("cells must be 3..32 (hot-cell detection needs 3 sensors)");
            if (!(_o.Duration_s > 0) || !(_o.SamplePeriod_s > 0) || !(_o.Speed >= 0)) throw new ArgumentException("duration and sample period must be > 0, speed ≥ 0");
            foreach (var d in _o.Defects)
                if (d.Monitor > _o.Monitors || d.Cell > _o.Cells)
                    throw new ArgumentException($"defect {d.Describe()}: the rig has {_o.Monitors} monitors × {_o.Cells} cells");
            _truth = [.. _o.Defects];
            for (int k = 1; k <= _o.Monitors; k++)
            {
                double[]? contact = null;
                if (_o.Welds != null)
                {
                    contact = new double[_o.Cells];
                    for (int c = 1; c <= _o.Cells; c++)
                    {
                        contact[c - 1] = _o.Welds.Draw_Ohm(k, c, _o.Cells);
                        double excess_mOhm = (contact[c - 1] - _o.Welds.Median_Ohm) * 1e3;
                        if (excess_mOhm > _o.NaturalDefectMargin_mOhm)
                            _truth.Add(new InjectedDefect(k, c, DefectKind.Weld, 0, 0, excess_mOhm, "drawn from the population"));
                    }
                }
                string? pw = null;
                if (_o.Passwords != null && _o.Passwords.TryGetValue($"{_o.IdPrefix}{k:00}", out string? p)) pw = p;
                var defects = new List<InjectedDefect>();
                foreach (var d in _o.Defects) if (d.Monitor == k) defects.Add(d);
                _monitors.Add(new VirtualMonitor(new VirtualMonitorOptions
                {
                    Index = k, IdPrefix = _o.IdPrefix, TopicRoot = _o.TopicRoot, Cells = _o.Cells, Seed = _o.Seed + k, Adc = _o.Adc,
                    Broker = _o.Broker, Record = _o.Record, Password = pw, Contact_Ohm = contact,
                }, defects));
            }
        }

        /// <summary>Every defect the monitors should find: the injected ones plus bad welds drawn from the population.</summary>
        public IReadOnlyList<InjectedDefect> Truth => _truth;

        /// <summary>The monitors.</summary>
        public IReadOnlyList<VirtualMonitor> Monitors => _monitors;
        /// <summary>Options.</summary>
        public RigOptions Options => _o;
        /// <summary>Simulated time reached.</summary>
        public double Now_s => Volatile.Read(ref _now_s);

        /// <summary>Every alert event of every monitor, ordered by time then monitor.</summary>
        public IReadOnlyList<DeviceAlert> Alerts()
        {
            var all = new List<DeviceAlert>();
            foreach (var m in _monitors) all.AddRange(m.Alerts);
            all.Sort((a, b) => a.Time_s != b.Time_s ? a.Time_s.CompareTo(b.Time_s) : a.Monitor.CompareTo(b.Monitor));
            return all;
        }

        /// <summary>Connects the monitors and waits up to <paramref name="timeout"/> for all of them (true when all are online).</summary>
        public async Task<bool> ConnectAsync(TimeSpan timeout, CancellationToken ct = default)
        {
            foreach (var m in _monitors) m.Start();
            bool all = true;
            foreach (var m in _monitors)
                if (m.Mqtt != null) all &= await m.Mqtt.WaitConnectedAsync(timeout, ct);
            return all;
        }

        /// <summary>
        /// Runs until the duration is reached or <paramref name="ct"/> is cancelled; <paramref name="injected"/> is called when
        /// a defect starts, <paramref name="progress"/> about once per wall-clock second. Returns the simulated time reached.
        /// </summary>
        public async Task<double> RunAsync(Action<InjectedDefect>? injected = null, Action<double>? progress = null, CancellationToken ct = default)
        {
            var pending = new List<InjectedDefect>(_o.Defects);
            pending.Sort((a, b) => a.At_s.CompareTo(b.At_s));
            var clock = new AcceleratedClock(_o.Speed);
            long lastProgress = 0;
            double dt = _o.SamplePeriod_s;
            long steps = (long)Math.Floor(_o.Duration_s / dt + 1e-9);
            for (long k = 1; k <= steps && !ct.IsCancellationRequested; k++)
            {
                double t = k * dt;
                while (pending.Count > 0 && pending[0].At_s <= t) { injected?.Invoke(pending[0]); pending.RemoveAt(0); }
                double current = _o.Profile.Current_A(t);
                foreach (var m in _monitors) m.Step(t, dt, current);
                Volatile.Write(ref _now_s, t);
                if (_o.Speed > 0)
                {
                    if (!await clock.WaitUntilAsync(t, ct)) break;
                }
                else if (k % 50 == 0)
                {
                    await Task.Yield(); // let the MQTT loops run when not paced
                }
                long wall_ms = (long)clock.WallElapsed.TotalMilliseconds;
                if (wall_ms - lastProgress >= 1000) { lastProgress = wall_ms; progress?.Invoke(t); }
            }
            foreach (var m in _monitors) m.Flush();
            return Now_s;
        }

        /// <summary>Publishes what is still queued (up to <paramref name="drainTimeout"/>) and disconnects every monitor.</summary>
        public async Task StopAsync(TimeSpan drainTimeout)
        {
            foreach (var m in _monitors) await m.StopAsync(drainTimeout);
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            foreach (var m in _monitors) await m.DisposeAsync();
        }
    }
}

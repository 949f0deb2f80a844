using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>
    /// The virtual monitors' clock: simulated time runs at <see cref="Speed"/> × wall-clock time (0 = as fast as the
    /// host can step). The device only ever sees the simulated milliseconds passed to <c>PackMonitor.Tick</c>.
    /// </summary>
    public sealed class AcceleratedClock
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();

        /// <summary>Creates a clock starting now; <paramref name="speed"/> ≥ 0.</summary>
        public AcceleratedClock(double speed)
        {
            if (!(speed >= 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be a finite number ≥ 0");
            Speed = speed;
        }

        /// <summary>Simulated seconds per wall-clock second; 0 = unpaced.</summary>
        public double Speed { get; }

        /// <summary>Wall-clock time since the clock started.</summary>
        public TimeSpan WallElapsed => _wall.Elapsed;

        /// <summary>Device time in ms for simulated time <paramref name="t_s"/> (wraps like the firmware's uptime counter).</summary>
        public static int DeviceTime_ms(double t_s) => unchecked((int)(long)Math.Round(t_s * 1000));

        /// <summary>Waits until wall-clock time has caught up with simulated time <paramref name="t_s"/>; returns false when cancelled.</summary>
        public async Task<bool> WaitUntilAsync(double t_s, CancellationToken ct)
        {
            if (Speed <= 0) return !ct.IsCancellationRequested;
            double ahead_ms = t_s / Speed * 1000 - _wall.Elapsed.TotalMilliseconds;
            if (ahead_ms > 1)
                try { await Task.Delay(TimeSpan.FromMilliseconds(ahead_ms), ct); } catch (OperationCanceledException) { return false; }
            return !ct.IsCancellationRequested;
        }
    }
}

using System;
using System.Collections.Generic;

namespace CellVar.Bms.Model.Profiles
{
    /// <summary>
    /// A piecewise-constant current demand. Breakpoint k holds <see cref="Current_A"/>[k] from <see cref="Time_s"/>[k]
    /// until <see cref="Time_s"/>[k + 1]; the last breakpoint only marks the end time (its current is not applied).
    /// Positive current discharges the cell.
    /// </summary>
    public sealed class CurrentProfile
    {
        private readonly double[] _time;
        private readonly double[] _current;

        /// <summary>Creates a profile from breakpoints (copied).</summary>
        /// <exception cref="ArgumentException">Fewer than two breakpoints, non-finite values, or times not strictly increasing.</exception>
        public CurrentProfile(IReadOnlyList<double> time_s, IReadOnlyList<double> current_A)
        {
            if (time_s.Count != current_A.Count) throw new ArgumentException("time_s and current_A must have the same length.");
            if (time_s.Count < 2) throw new ArgumentException("A profile needs at least two breakpoints (a start and an end time).");
            _time = new double[time_s.Count];
            _current = new double[time_s.Count];
            for (int i = 0; i < time_s.Count; i++)
            {
                if (!double.IsFinite(time_s[i]) || !double.IsFinite(current_A[i]))
                    throw new ArgumentException($"Breakpoint {i}: time and current must be finite numbers.");
                if (i > 0 && !(time_s[i] > time_s[i - 1]))
                    throw new ArgumentException($"Breakpoint {i}: time {time_s[i]} s is not after the previous time {time_s[i - 1]} s.");
                _time[i] = time_s[i];
                _current[i] = current_A[i];
            }
        }

        /// <summary>Breakpoint times [s], strictly increasing.</summary>
        public IReadOnlyList<double> Time_s => _time;

        /// <summary>Current from each breakpoint to the next [A], positive = discharge.</summary>
        public IReadOnlyList<double> Current_A => _current;

        /// <summary>Number of constant-current segments (breakpoints − 1).</summary>
        public int SegmentCount => _time.Length - 1;

        /// <summary>Start time [s].</summary>
        public double StartTime_s => _time[0];

        /// <summary>End time [s].</summary>
        public double EndTime_s => _time[^1];

        /// <summary>A single constant current for <paramref name="duration_s"/> seconds starting at t = 0.</summary>
        public static CurrentProfile Constant(double current_A, double duration_s) =>
            new(new[] { 0.0, duration_s }, new[] { current_A, current_A });

        /// <summary>Consecutive constant-current steps starting at t = 0: (duration [s], current [A]) pairs.</summary>
        public static CurrentProfile Steps(params (double Duration_s, double Current_A)[] steps)
        {
            var t = new List<double> { 0.0 };
            var c = new List<double>();
            foreach (var (d, i) in steps)
            {
                c.Add(i);
                t.Add(t[^1] + d);
            }
            c.Add(c.Count > 0 ? c[^1] : 0.0);
            return new CurrentProfile(t, c);
        }
    }
}

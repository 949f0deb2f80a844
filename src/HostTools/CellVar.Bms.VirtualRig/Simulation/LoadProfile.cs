using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.VirtualRig.Simulation
{
    /// <summary>
    /// Pack current as a function of simulated time (positive = discharge): constant, square pulses, the built-in drive
    /// pattern, or a drive-cycle file (<c>time_s,current_A</c>, held between points, looped).
    /// </summary>
    public sealed class LoadProfile
    {
        private readonly double[] _t;
        private readonly double[] _a;
        private readonly double _period;

        private LoadProfile(string description, double[] t, double[] a, double period)
        {
            Description = description;
            _t = t;
            _a = a;
            _period = period;
        }

        /// <summary>Human-readable description.</summary>
        public string Description { get; }

        /// <summary>Current during the period ending at <paramref name="t_s"/> (held piecewise constant, repeating).</summary>
        public double Current_A(double t_s)
        {
            double x = _period > 0 ? (t_s - 1e-9) % _period : 0;
            if (x < 0) x += _period;
            int i = Array.BinarySearch(_t, x);
            if (i < 0) i = ~i - 1;
            return _a[Math.Clamp(i, 0, _a.Length - 1)];
        }

        /// <summary>A constant current.</summary>
        public static LoadProfile Constant(double current_A) => new($"constant {current_A:0.###} A", [0.0], [current_A], 0);

        /// <summary>Square pulses: <paramref name="high_A"/> for <paramref name="duty"/> of each <paramref name="period_s"/>, else <paramref name="low_A"/>.</summary>
        public static LoadProfile Pulses(double high_A, double low_A, double period_s, double duty)
        {
            if (!(period_s >= 2) || !(duty > 0 && duty < 1)) throw new ArgumentException("pulses: period_s must be ≥ 2 and duty in (0, 1)");
            return new($"pulses {high_A:0.###}/{low_A:0.###} A every {period_s:0.#} s ({duty:P0})", [0.0, period_s * duty], [high_A, low_A], period_s);
        }

        /// <summary>
        /// The built-in drive pattern (the host simulator's drive period: +10 A 20 s, rest 15 s, −5 A regen 10 s, rest 15 s,
        /// +5 A 40 s, rest 20 s): six current steps of ≥ 5 A every 120 s for the resistance estimator, about 1/12 C average discharge.
        /// </summary>
        public static LoadProfile Drive()
        {
            double[] dur = [20, 15, 10, 15, 40, 20];
            double[] amp = [10, 0, -5, 0, 5, 0];
            var t = new double[dur.Length];
            double acc = 0;
            for (int i = 0; i < dur.Length; i++) { t[i] = acc; acc += dur[i]; }
            return new("drive pattern (10 A / rest / −5 A / rest / 5 A / rest, 120 s)", t, amp, acc);
        }

        /// <summary>Reads a drive cycle CSV (header <c>time_s,current_A</c>, time strictly increasing from 0); errors name the line.</summary>
        public static LoadProfile FromFile(string path)
        {
            var t = new List<double>();
            var a = new List<double>();
            int line = 0;
            bool header = false;
            foreach (string raw in File.ReadLines(path))
            {
                line++;
                string s = raw.Trim();
                if (s.Length == 0 || s.StartsWith('#')) continue;
                string[] f = s.Split(',');
                if (!header)
                {
                    if (f.Length < 2 || !f[0].Trim().Equals("time_s", StringComparison.OrdinalIgnoreCase) || !f[1].Trim().Equals("current_A", StringComparison.OrdinalIgnoreCase))
                        throw new FormatException($"{path} line {line}: header must be 'time_s,current_A'");
                    header = true;
                    continue;
                }
                if (f.Length < 2) throw new FormatException($"{path} line {line}: expected 2 fields, got {f.Length}");
                if (!double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double ts) || !double.IsFinite(ts))
                    throw new FormatException($"{path} line {line}, column 1 (time_s): '{f[0]}' is not a number");
                if (!double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double ia) || !double.IsFinite(ia))
                    throw new FormatException($"{path} line {line}, column 2 (current_A): '{f[1]}' is not a number");
                if (t.Count == 0 && ts != 0) throw new FormatException($"{path} line {line}, column 1 (time_s): the first point must be at 0 s");
                if (t.Count > 0 && !(ts > t[^1])) throw new FormatException($"{path} line {line}, column 1 (time_s): {ts} is not after {t[^1]}");
                t.Add(ts);
                a.Add(ia);
            }
            if (t.Count < 2) throw new FormatException($"{path}: needs at least two points");
            // The cycle repeats after its last point plus that point's hold time (the mean spacing).
            double period = t[^1] + t[^1] / (t.Count - 1);
            return new($"drive cycle {Path.GetFileName(path)} ({period:0} s, looped)", [.. t], [.. a], period);
        }
    }
}

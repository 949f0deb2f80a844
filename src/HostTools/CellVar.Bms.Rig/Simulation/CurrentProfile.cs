using System;
using System.Collections.Generic;

namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>
    /// The rig's test current, positive = discharge, one value per sample period (held constant over the period).
    /// The standard profile gives the device everything it estimates from: a relaxed start (rest longer than the
    /// device's 30 min relaxation time), a drive section of steps and pulses (many |ΔI| ≥ 5 A steps for resistance,
    /// ~29 % net discharge), a second long rest (capacity from coulomb counting between relaxed points), and a
    /// shorter second drive section.
    /// </summary>
    public static class CurrentProfile
    {
        /// <summary>One drive period: (current A, duration s) segments; net 350 A·s discharge per 120 s.</summary>
        private static readonly (double Current_A, double Duration_s)[] DrivePeriod =
        [
            (10.0, 20), (0.0, 15), (-5.0, 10), (0.0, 15), (5.0, 40), (0.0, 20),
        ];

        /// <summary>Rest long enough for the device to consider the cells relaxed (its default is 30 min).</summary>
        public const double RestDuration_s = 1900;

        /// <summary>Length of the first drive section.</summary>
        public const double Drive1Duration_s = 1800;

        /// <summary>Length of the second drive section.</summary>
        public const double Drive2Duration_s = 900;

        /// <summary>Total duration of <see cref="Standard"/>.</summary>
        public const double TotalDuration_s = RestDuration_s + Drive1Duration_s + RestDuration_s + Drive2Duration_s;

        /// <summary>The standard profile sampled every <paramref name="samplePeriod_s"/> seconds (rest, drive, rest, drive).</summary>
        public static double[] Standard(double samplePeriod_s)
        {
            if (!(samplePeriod_s > 0) || samplePeriod_s > 60) throw new ArgumentOutOfRangeException(nameof(samplePeriod_s), "must be in (0, 60] s");
            var segments = new List<(double, double)>();
            segments.Add((0.0, RestDuration_s));
            AddDrive(segments, Drive1Duration_s);
            segments.Add((0.0, RestDuration_s));
            AddDrive(segments, Drive2Duration_s);
            return Sample(segments, samplePeriod_s);
        }

        private static void AddDrive(List<(double, double)> segments, double duration_s)
        {
            double t = 0;
            while (t < duration_s)
                foreach (var seg in DrivePeriod)
                {
                    double d = Math.Min(seg.Duration_s, duration_s - t);
                    if (d <= 0) break;
                    segments.Add((seg.Current_A, d));
                    t += d;
                }
        }

        /// <summary>Samples piecewise-constant segments: sample k (time (k+1)·period) carries the current flowing just before it.</summary>
        private static double[] Sample(List<(double Current_A, double Duration_s)> segments, double period_s)
        {
            double total = 0;
            foreach (var s in segments) total += s.Duration_s;
            int n = (int)Math.Floor(total / period_s + 1e-9);
            var current = new double[n];
            int seg = 0;
            double segEnd = segments[0].Duration_s;
            for (int k = 0; k < n; k++)
            {
                double mid = (k + 0.5) * period_s;
                while (mid > segEnd && seg < segments.Count - 1) { seg++; segEnd += segments[seg].Duration_s; }
                current[k] = segments[seg].Current_A;
            }
            return current;
        }
    }
}

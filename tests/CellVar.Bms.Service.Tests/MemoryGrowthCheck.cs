using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>One memory reading of a process, <paramref name="Time_s"/> after the start of the measured run.</summary>
    internal readonly record struct MemorySample(double Time_s, double Value_MB);

    /// <summary>Outcome of <see cref="MemoryGrowthCheck.Check"/>; <see cref="Reason"/> names every rule that failed.</summary>
    internal sealed record MemoryGrowthVerdict(bool Bounded, double Slope_MBPerMin, double Baseline_MB, double End_MB, double Peak_MB,
        int SamplesAfterWarmUp, string Reason)
    {
        /// <summary>End minus baseline.</summary>
        public double Growth_MB => End_MB - Baseline_MB;
    }

    /// <summary>
    /// Decides whether a process's memory stayed bounded over a run. Samples before the warm-up (JIT, connection and
    /// database page-cache fill-up) are ignored; on the rest, memory is bounded when BOTH
    /// (1) the Theil–Sen slope (median of all pairwise slopes, so a single GC spike or a sawtooth tooth cannot
    ///     dominate it the way it can an ordinary least-squares fit) is at most <see cref="MaxSlope_MBPerMin"/>, and
    /// (2) the end level (median of the last <see cref="Window_s"/>) is at most <see cref="MaxGrowth_MB"/> above the
    ///     baseline (median of the first <see cref="Window_s"/> after the warm-up).
    /// Rule 2 catches a leak that stepped up once late in the run; rule 1 catches a steady leak whose total is still
    /// small because the run was short. The caller chooses the limits and says why.
    /// </summary>
    internal sealed class MemoryGrowthCheck
    {
        /// <summary>Fewest samples after the warm-up a verdict is given on; fewer cannot separate a trend from noise.</summary>
        public const int MinSamples = 8;

        /// <summary>Creates a checker; every argument must be finite and positive (warm-up may be zero).</summary>
        public MemoryGrowthCheck(double warmUp_s, double window_s, double maxSlope_MBPerMin, double maxGrowth_MB)
        {
            if (!(warmUp_s >= 0) || double.IsInfinity(warmUp_s))
                throw new ArgumentOutOfRangeException(nameof(warmUp_s), warmUp_s, "warm-up must be a finite number of seconds >= 0");
            if (!(window_s > 0) || double.IsInfinity(window_s))
                throw new ArgumentOutOfRangeException(nameof(window_s), window_s, "window must be a finite number of seconds > 0");
            if (!(maxSlope_MBPerMin > 0) || double.IsInfinity(maxSlope_MBPerMin))
                throw new ArgumentOutOfRangeException(nameof(maxSlope_MBPerMin), maxSlope_MBPerMin, "slope limit must be finite and > 0");
            if (!(maxGrowth_MB > 0) || double.IsInfinity(maxGrowth_MB))
                throw new ArgumentOutOfRangeException(nameof(maxGrowth_MB), maxGrowth_MB, "growth limit must be finite and > 0");
            WarmUp_s = warmUp_s;
            Window_s = window_s;
            MaxSlope_MBPerMin = maxSlope_MBPerMin;
            MaxGrowth_MB = maxGrowth_MB;
        }

        /// <summary>Samples earlier than this are not judged.</summary>
        public double WarmUp_s { get; }
        /// <summary>Length of the baseline and end windows.</summary>
        public double Window_s { get; }
        /// <summary>Largest allowed trend after the warm-up.</summary>
        public double MaxSlope_MBPerMin { get; }
        /// <summary>Largest allowed rise of the end level over the baseline.</summary>
        public double MaxGrowth_MB { get; }

        /// <summary>
        /// Judges <paramref name="samples"/> (any order). Throws <see cref="ArgumentException"/> naming the problem when a
        /// value is not finite or fewer than <see cref="MinSamples"/> samples follow the warm-up.
        /// </summary>
        public MemoryGrowthVerdict Check(IReadOnlyList<MemorySample> samples)
        {
            ArgumentNullException.ThrowIfNull(samples);
            for (int i = 0; i < samples.Count; i++)
                if (!double.IsFinite(samples[i].Time_s) || !double.IsFinite(samples[i].Value_MB))
                    throw new ArgumentException($"sample {i} is not finite (t={samples[i].Time_s} s, value={samples[i].Value_MB} MB)", nameof(samples));
            MemorySample[] after = samples.Where(s => s.Time_s >= WarmUp_s).OrderBy(s => s.Time_s).ToArray();
            if (after.Length < MinSamples)
                throw new ArgumentException($"{after.Length} samples after the {WarmUp_s:F0} s warm-up; at least {MinSamples} are needed", nameof(samples));

            double t0 = after[0].Time_s, t1 = after[^1].Time_s;
            double baseline = Median(after.Where(s => s.Time_s <= t0 + Window_s).Select(s => s.Value_MB));
            double end = Median(after.Where(s => s.Time_s >= t1 - Window_s).Select(s => s.Value_MB));
            double slope = TheilSenSlope(after) * 60.0;
            double peak = after.Max(s => s.Value_MB);

            var failed = new List<string>();
            if (slope > MaxSlope_MBPerMin)
                failed.Add(string.Create(CultureInfo.InvariantCulture, $"trend {slope:F2} MB/min > {MaxSlope_MBPerMin:F2} MB/min"));
            if (end - baseline > MaxGrowth_MB)
                failed.Add(string.Create(CultureInfo.InvariantCulture, $"end {end:F1} MB is {end - baseline:F1} MB above the post-warm-up {baseline:F1} MB (limit {MaxGrowth_MB:F1} MB)"));
            return new MemoryGrowthVerdict(failed.Count == 0, slope, baseline, end, peak, after.Length,
                failed.Count == 0 ? "bounded" : string.Join("; ", failed));
        }

        /// <summary>Median of the pairwise slopes (MB/s) of samples at distinct times.</summary>
        internal static double TheilSenSlope(IReadOnlyList<MemorySample> s)
        {
            var slopes = new List<double>(s.Count * (s.Count - 1) / 2);
            for (int i = 0; i < s.Count; i++)
                for (int j = i + 1; j < s.Count; j++)
                {
                    double dt = s[j].Time_s - s[i].Time_s;
                    if (dt != 0)
                        slopes.Add((s[j].Value_MB - s[i].Value_MB) / dt);
                }
            return slopes.Count == 0 ? 0 : Median(slopes);
        }

        private static double Median(IEnumerable<double> values)
        {
            double[] v = values.OrderBy(x => x).ToArray();
            if (v.Length == 0)
                return double.NaN;
            return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Metrics
{
    /// <summary>
    /// Turns run outcomes into operating points. Healthy cells are every cell that is not special in its run; a defect
    /// cell counts as healthy before its onset. A false alarm is an alarm episode (raise) on a healthy cell; exposure is
    /// the time each healthy cell was observed. Detection = first raise on a defect cell at or after the onset, or an alarm
    /// on it that is still active at the onset (delay 0).
    /// </summary>
    public static class MetricsCalculator
    {
        /// <summary>Per (scenario, size) group: one operating point per method and threshold.</summary>
        public static GroupResult[] Groups(IReadOnlyList<RunOutcome> outcomes)
        {
            IReadOnlyList<DetectionMethod> methods = MethodSet.Create();
            var result = new List<GroupResult>();
            foreach (var g in outcomes.GroupBy(o => o.Job.Group).OrderBy(g => g.Key))
            {
                RunOutcome[] runs = [.. g];
                RunJob job = runs[0].Job;
                Quantity q = ScenarioKindNames.QuantityOf(job.Kind);
                Expectation e = ScenarioKindNames.ExpectationOf(job.Kind);
                var points = new Dictionary<string, OperatingPoint[]>();
                foreach (DetectionMethod m in methods)
                {
                    int kCount = m.Thresholds(q).Count;
                    var pts = new OperatingPoint[kCount];
                    for (int k = 0; k < kCount; k++) pts[k] = Point(runs, m, q, e, k);
                    points[m.Id] = pts;
                }
                int sfRuns = 0;
                var sfDelays = new List<double>();
                long flagged = 0, glitches = 0;
                foreach (RunOutcome o in runs)
                {
                    if (e == Expectation.SensorFault && o.SpecialCells.Count > 0)
                    {
                        bool all = true;
                        double worst = 0;
                        foreach (int c in o.SpecialCells)
                        {
                            double t = o.FirstSensorFault_s[c];
                            if (double.IsNaN(t) || t < o.Onset_s) { all = false; break; }
                            worst = Math.Max(worst, t - o.Onset_s);
                        }
                        if (all) { sfRuns++; sfDelays.Add(worst); }
                    }
                    if (job.Kind == ScenarioKind.SensorGlitch)
                    {
                        foreach (int c in o.SpecialCells) flagged += o.FlaggedSamples[c];
                        glitches += o.GlitchSamples;
                    }
                }
                result.Add(new GroupResult
                {
                    Scenario = job.Name,
                    Kind = job.Kind,
                    Size = job.Size,
                    SizeLabel = ScenarioKindNames.SizeLabel(job.Kind, job.Size),
                    Runs = runs.Length,
                    Points = points,
                    SensorFaultRuns = sfRuns,
                    SensorFaultMedianDelay_s = Percentile(sfDelays, 0.5),
                    GlitchFlaggedFraction = job.Kind == ScenarioKind.SensorGlitch && glitches > 0 ? (double)flagged / glitches : null,
                });
            }
            return [.. result];
        }

        /// <summary>Per method and quantity: false alarms over every healthy cell of every run, per threshold.</summary>
        public static PooledFalseAlarms[] Pooled(IReadOnlyList<RunOutcome> outcomes)
        {
            var list = new List<PooledFalseAlarms>();
            foreach (DetectionMethod m in MethodSet.Create())
                foreach (Quantity q in new[] { Quantity.Resistance, Quantity.Temperature })
                {
                    IReadOnlyList<double> th = m.Thresholds(q);
                    var fa = new int[th.Count];
                    double hours = 0;
                    foreach (RunOutcome o in outcomes)
                    {
                        AlarmEvents ev = o.Alarms[(m.Id, q)];
                        for (int c = 0; c < o.Cells; c++)
                        {
                            if (o.SpecialCells.Contains(c)) continue;
                            hours += o.Duration_s / 3600;
                            for (int k = 0; k < th.Count; k++) fa[k] += ev.Raises[k][c].Length;
                        }
                    }
                    list.Add(new PooledFalseAlarms
                    {
                        Method = m.Id,
                        Quantity = q,
                        Thresholds = th,
                        DefaultIndex = IndexOf(th, m.DefaultThreshold(q)),
                        FalseAlarms = fa,
                        CellHours = hours,
                    });
                }
            return [.. list];
        }

        private static OperatingPoint Point(RunOutcome[] runs, DetectionMethod m, Quantity q, Expectation e, int k)
        {
            int detected = 0, specialRuns = 0, fa = 0;
            double hours = 0;
            var delays = new List<double>();
            foreach (RunOutcome o in runs)
            {
                AlarmEvents ev = o.Alarms[(m.Id, q)];
                double[][] raises = ev.Raises[k];
                double first = double.PositiveInfinity;
                bool specialAlarm = false;
                for (int c = 0; c < o.Cells; c++)
                {
                    bool special = o.SpecialCells.Contains(c);
                    if (!special)
                    {
                        fa += raises[c].Length;
                        hours += o.Duration_s / 3600;
                        continue;
                    }
                    if (e == Expectation.Detect)
                    {
                        // An alarm already up when the defect appears counts as detection at delay 0 (and as a false alarm
                        // before the onset), so a trigger-happy threshold reaches Pd = 1 at the high-FA end of the ROC.
                        if (ev.ActiveAt(k, c, o.Onset_s)) first = Math.Min(first, o.Onset_s);
                        foreach (double t in raises[c])
                        {
                            if (t < o.Onset_s) fa++;
                            else { first = Math.Min(first, t); break; }
                        }
                        hours += o.Onset_s / 3600;
                    }
                    else if (raises[c].Length > 0) specialAlarm = true;
                }
                if (e == Expectation.Detect && !double.IsPositiveInfinity(first)) { detected++; delays.Add(first - o.Onset_s); }
                if (specialAlarm) specialRuns++;
            }
            return new OperatingPoint
            {
                Threshold = m.Thresholds(q)[k],
                Runs = runs.Length,
                Detected = detected,
                DetectionProbability = e == Expectation.Detect ? (double)detected / runs.Length : null,
                MedianDelay_s = Percentile(delays, 0.5),
                P95Delay_s = Percentile(delays, 0.95),
                SpecialCellAlarmRuns = specialRuns,
                FalseAlarms = fa,
                CellHours = hours,
            };
        }

        /// <summary>Nearest-rank percentile; null for an empty list.</summary>
        public static double? Percentile(List<double> values, double p)
        {
            if (values.Count == 0) return null;
            var a = values.ToArray();
            Array.Sort(a);
            int i = (int)Math.Ceiling(p * a.Length) - 1;
            return a[Math.Clamp(i, 0, a.Length - 1)];
        }

        /// <summary>Index of <paramref name="value"/> in <paramref name="grid"/> (nearest).</summary>
        public static int IndexOf(IReadOnlyList<double> grid, double value)
        {
            int best = 0;
            for (int i = 1; i < grid.Count; i++) if (Math.Abs(grid[i] - value) < Math.Abs(grid[best] - value)) best = i;
            return best;
        }
    }
}

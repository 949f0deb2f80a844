using System;
using System.Collections.Generic;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// A per-cell detection rule judged on the device's own measurements and estimates (<see cref="DeviceTrace"/>), so every
    /// method sees the same samples. A rule is a statistic per row and cell plus a threshold that is swept for the ROC:
    /// an alarm is raised when the statistic reaches the threshold (for <see cref="PersistRows"/> rows) and re-arms when it
    /// falls below threshold − hysteresis.
    /// </summary>
    public abstract class DetectionMethod
    {
        /// <summary>Short id (table and file names).</summary>
        public abstract string Id { get; }
        /// <summary>One-line description incl. the statistic's unit.</summary>
        public abstract string Description(Quantity quantity);
        /// <summary>The literature/default operating threshold.</summary>
        public abstract double DefaultThreshold(Quantity quantity);
        /// <summary>Ascending thresholds swept for the ROC (include the default).</summary>
        public abstract IReadOnlyList<double> Thresholds(Quantity quantity);
        /// <summary>Statistic per row and cell.</summary>
        public abstract ScoreMatrix Score(DeviceTrace trace, Quantity quantity, PopulationPrior prior);
        /// <summary>Rows the statistic must stay at/above the threshold before the alarm is raised.</summary>
        protected virtual int PersistRows(Quantity quantity) => 1;
        /// <summary>True when the statistic must exceed the threshold strictly (as the device's hot-cell test does).</summary>
        protected virtual bool Strict(Quantity quantity) => false;
        /// <summary>Re-arm gap below the threshold.</summary>
        protected virtual double Hysteresis(Quantity quantity, double threshold) => 0.1 * Math.Abs(threshold);

        /// <summary>Alarm raise times for every swept threshold.</summary>
        public virtual AlarmEvents Sweep(DeviceTrace trace, Quantity quantity, PopulationPrior prior)
        {
            ScoreMatrix s = Score(trace, quantity, prior);
            IReadOnlyList<double> th = Thresholds(quantity);
            int persist = PersistRows(quantity);
            bool strict = Strict(quantity);
            var result = new double[th.Count][][];
            var clears = new double[th.Count][][];
            var list = new List<double>();
            var cl = new List<double>();
            for (int k = 0; k < th.Count; k++)
            {
                result[k] = new double[s.Cells][];
                clears[k] = new double[s.Cells][];
                double h = th[k], low = h - Hysteresis(quantity, h);
                for (int c = 0; c < s.Cells; c++)
                {
                    list.Clear();
                    cl.Clear();
                    bool active = false;
                    int run = 0;
                    for (int r = 0; r < s.Values.Length; r++)
                    {
                        double v = s.Values[r][c];
                        if (double.IsNaN(v)) { run = 0; continue; }
                        if (!active)
                        {
                            run = (strict ? v > h : v >= h) ? run + 1 : 0;
                            if (run >= persist) { active = true; list.Add(s.Time_s[r]); }
                        }
                        else if (v < low) { active = false; run = 0; cl.Add(s.Time_s[r]); }
                    }
                    result[k][c] = list.ToArray();
                    clears[k][c] = AlarmEvents.Close(cl, list.Count);
                }
            }
            return new AlarmEvents(result, clears);
        }

        /// <summary>Geometric grid from <paramref name="lo"/> to <paramref name="hi"/> with <paramref name="count"/> points plus <paramref name="extra"/>, sorted.</summary>
        protected static IReadOnlyList<double> Grid(double lo, double hi, int count, double extra)
        {
            var g = new SortedSet<double>();
            for (int i = 0; i < count; i++) g.Add(Math.Round(lo * Math.Pow(hi / lo, i / (double)(count - 1)), 6));
            g.Add(extra);
            return [.. g];
        }

        /// <summary>Values of the available (non-missing) cells of one row, in cell order.</summary>
        protected static int Available(int[] row, double[] buffer)
        {
            int k = 0;
            foreach (int v in row) if (v != DeviceTrace.Missing) buffer[k++] = v;
            return k;
        }

        /// <summary>Median of the first <paramref name="count"/> values (sorts a copy).</summary>
        protected static double Median(double[] values, int count)
        {
            var a = new double[count];
            Array.Copy(values, a, count);
            Array.Sort(a);
            return count % 2 == 1 ? a[count / 2] : 0.5 * (a[count / 2 - 1] + a[count / 2]);
        }
    }
}

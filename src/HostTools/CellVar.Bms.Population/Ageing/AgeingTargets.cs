using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.Ageing
{
    /// <summary>
    /// Population statistics of a cycle-ageing data set (or of a simulated population): capacity mean and CoV at fixed
    /// cycle counts, life (cycles to an end-of-life capacity) mean and CoV, and the initial-capacity/life correlation.
    /// </summary>
    public sealed record AgeingTargets
    {
        /// <summary>Cycle counts at which capacity statistics are taken.</summary>
        public static readonly double[] Checkpoints = { 400, 800, 1200 };
        /// <summary>Number of cells.</summary>
        public int Cells { get; init; }
        /// <summary>Mean initial capacity [Ah].</summary>
        public double InitialMean_Ah { get; init; }
        /// <summary>Initial capacity CoV.</summary>
        public double InitialCoV { get; init; }
        /// <summary>Mean capacity at each checkpoint [Ah].</summary>
        public required double[] MeanAt_Ah { get; init; }
        /// <summary>Capacity CoV at each checkpoint.</summary>
        public required double[] CoVAt { get; init; }
        /// <summary>Mean cycles to end of life.</summary>
        public double LifeMean { get; init; }
        /// <summary>CoV of cycles to end of life.</summary>
        public double LifeCoV { get; init; }
        /// <summary>Pearson correlation of initial capacity and life.</summary>
        public double InitialLifeCorrelation { get; init; }

        /// <summary>Statistics from per-cell initial capacities, capacities at the checkpoints and lives.</summary>
        public static AgeingTargets From(IReadOnlyList<double> initial, IReadOnlyList<double[]> atCheckpoints, IReadOnlyList<double> life)
        {
            var cov = new double[Checkpoints.Length];
            var mean = new double[Checkpoints.Length];
            for (int k = 0; k < Checkpoints.Length; k++)
            {
                var v = atCheckpoints.Select(a => a[k]).Where(double.IsFinite).ToArray();
                mean[k] = v.Mean(); cov[k] = v.StandardDeviation() / mean[k];
            }
            var pairs = Enumerable.Range(0, initial.Count).Where(i => double.IsFinite(initial[i]) && double.IsFinite(life[i])).ToArray();
            var ini = initial.Where(double.IsFinite).ToArray();
            var lf = life.Where(double.IsFinite).ToArray();
            return new AgeingTargets
            {
                Cells = initial.Count, InitialMean_Ah = ini.Mean(), InitialCoV = ini.StandardDeviation() / ini.Mean(),
                MeanAt_Ah = mean, CoVAt = cov, LifeMean = lf.Mean(), LifeCoV = lf.StandardDeviation() / lf.Mean(),
                InitialLifeCorrelation = Correlation.Pearson(pairs.Select(i => initial[i]), pairs.Select(i => life[i])),
            };
        }

        /// <summary>
        /// Reads the Baumhöfer 2014 folder (capacity_vs_cycle + cell_summary CSVs): each cell's capacity is interpolated
        /// linearly in cycles at the checkpoints; life is the summary's cyc_end (cycles to 1.2 Ah).
        /// </summary>
        public static AgeingTargets FromBaumhofer(string folder)
        {
            string curves = Path.Combine(folder, "baumhofer2014_capacity_vs_cycle.csv");
            string summary = Path.Combine(folder, "baumhofer2014_cell_summary.csv");
            var byCell = new Dictionary<string, List<(double N, double Q)>>();
            foreach (var f in Rows(curves))
            {
                if (f["capacity_Ah"].Length == 0) continue;
                if (!byCell.TryGetValue(f["cell_id"], out var l)) byCell[f["cell_id"]] = l = new List<(double, double)>();
                l.Add((Num(f, "equivalent_full_cycle", curves), Num(f, "capacity_Ah", curves)));
            }
            var initial = new List<double>(); var life = new List<double>(); var at = new List<double[]>();
            foreach (var f in Rows(summary))
            {
                string id = f["cell_id"];
                initial.Add(f["cap_initial_Ah"].Length == 0 ? double.NaN : Num(f, "cap_initial_Ah", summary));
                life.Add(Num(f, "cyc_end", summary));
                var pts = byCell.TryGetValue(id, out var l) ? l.OrderBy(p => p.N).ToList() : new List<(double N, double Q)>();
                at.Add(Checkpoints.Select(n => Interpolate(pts, n)).ToArray());
            }
            return From(initial, at, life);
        }

        private static double Interpolate(List<(double N, double Q)> pts, double n)
        {
            for (int i = 1; i < pts.Count; i++)
                if (pts[i - 1].N <= n && n <= pts[i].N)
                    return pts[i].N > pts[i - 1].N ? pts[i - 1].Q + (pts[i].Q - pts[i - 1].Q) * (n - pts[i - 1].N) / (pts[i].N - pts[i - 1].N) : pts[i].Q;
            return double.NaN;
        }

        private static IEnumerable<Dictionary<string, string>> Rows(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"ageing data not found: {path}");
            var lines = File.ReadAllLines(path);
            var h = lines[0].Split(',');
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var f = lines[i].Split(',');
                if (f.Length != h.Length) throw new InvalidDataException($"{path}: line {i + 1} has {f.Length} fields, expected {h.Length}");
                var d = new Dictionary<string, string>();
                for (int k = 0; k < h.Length; k++) d[h[k]] = f[k].Trim();
                yield return d;
            }
        }

        private static double Num(Dictionary<string, string> f, string col, string path) =>
            double.TryParse(f[col], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new InvalidDataException($"{path}: column {col}: \"{f[col]}\" is not a number");
    }
}

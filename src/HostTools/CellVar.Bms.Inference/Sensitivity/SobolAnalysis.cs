using System;
using System.Linq;
using System.Threading.Tasks;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>
    /// First-order (Saltelli 2010) and total (Jansen 1999) Sobol' indices from the A/B/ABᵢ design,
    /// N(d + 2) model runs, with bootstrap standard errors and 95 % percentile intervals. Independent inputs only:
    /// with dependent inputs these estimators do not estimate anything meaningful (use Shapley effects).
    /// </summary>
    public static class SobolAnalysis
    {
        /// <summary>Runs the analysis.</summary>
        public static SobolResult Run(InputSpace space, ISensitivityModel model, int baseSamples, int bootstrap = 200, int seed = 1, int maxDegreeOfParallelism = -1)
        {
            if (!space.IsIndependent)
                throw new InvalidInputException("Sobol' indices (Saltelli/Jansen) need independent inputs but the spec has a correlation matrix.", "Use --method shapley for correlated inputs, or drop the correlation.");
            if (baseSamples < 16)
                throw new InvalidInputException($"--samples {baseSamples} is too small for Sobol' indices.", "Use at least 16 (1024 or more for usable precision).");
            int d = space.Dimension, n = baseSamples;
            var rng = new Random(seed);
            var za = new double[n][];
            var zb = new double[n][];
            for (int r = 0; r < n; r++)
            {
                za[r] = new double[d];
                zb[r] = new double[d];
                space.SampleScores(rng, za[r]);
                space.SampleScores(rng, zb[r]);
            }
            double[] fa = new double[n], fb = new double[n];
            double[][] fab = Enumerable.Range(0, d).Select(_ => new double[n]).ToArray();
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, n, options, r =>
            {
                var z = new double[d];
                var x = new double[d];
                space.ToInputs(za[r], x); fa[r] = model.Evaluate(x);
                space.ToInputs(zb[r], x); fb[r] = model.Evaluate(x);
                for (int i = 0; i < d; i++)
                {
                    Array.Copy(za[r], z, d);
                    z[i] = zb[r][i];
                    space.ToInputs(z, x);
                    fab[i][r] = model.Evaluate(x);
                }
            });
            CheckFinite(fa, fb, fab);
            int[] all = Enumerable.Range(0, n).ToArray();
            var (s1, st, variance) = Estimate(fa, fb, fab, all);
            if (!(variance > 0))
                throw new InvalidInputException("The model output does not vary over the input distribution (variance 0).", "Check the model and the input spreads.");
            var bs1 = new double[bootstrap][];
            var bst = new double[bootstrap][];
            var brng = new Random(seed ^ 0x5bd1e995);
            var idx = new int[n];
            for (int b = 0; b < bootstrap; b++)
            {
                for (int r = 0; r < n; r++) idx[r] = brng.Next(n);
                (bs1[b], bst[b], _) = Estimate(fa, fb, fab, idx);
            }
            return new SobolResult(s1, st, Sd(bs1, d), Sd(bst, d), Pct(bs1, d, 0.025), Pct(bs1, d, 0.975), Pct(bst, d, 0.025), Pct(bst, d, 0.975), variance, n * (d + 2));
        }

        private static (double[] S1, double[] St, double V) Estimate(double[] fa, double[] fb, double[][] fab, int[] idx)
        {
            int d = fab.Length, n = idx.Length;
            double mean = 0;
            foreach (int r in idx) mean += fa[r] + fb[r];
            mean /= 2 * n;
            double v = 0;
            foreach (int r in idx) v += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
            v /= 2 * n - 1;
            var s1 = new double[d];
            var st = new double[d];
            for (int i = 0; i < d; i++)
            {
                double a = 0, t = 0;
                foreach (int r in idx)
                {
                    a += fb[r] * (fab[i][r] - fa[r]);
                    t += (fa[r] - fab[i][r]) * (fa[r] - fab[i][r]);
                }
                s1[i] = a / n / v;
                st[i] = t / (2.0 * n) / v;
            }
            return (s1, st, v);
        }

        private static double[] Sd(double[][] reps, int d) => Enumerable.Range(0, d).Select(i =>
        {
            double m = reps.Average(r => r[i]);
            return Math.Sqrt(reps.Sum(r => (r[i] - m) * (r[i] - m)) / Math.Max(1, reps.Length - 1));
        }).ToArray();

        private static double[] Pct(double[][] reps, int d, double p) => Enumerable.Range(0, d).Select(i =>
        {
            if (reps.Length == 0) return double.NaN;
            double[] s = reps.Select(r => r[i]).OrderBy(v => v).ToArray();
            return s[Math.Clamp((int)Math.Floor(p * (s.Length - 1) + 0.5), 0, s.Length - 1)];
        }).ToArray();

        internal static void CheckFinite(params object[] arrays)
        {
            foreach (object o in arrays)
            {
                var list = o is double[][] jag ? jag : new[] { (double[])o };
                foreach (double[] a in list)
                    if (a.Any(v => !double.IsFinite(v)))
                        throw new InvalidInputException("The model returned a non-finite value for some sampled inputs.", "Narrow the input distributions to the model's valid range (e.g. truncate or use lognormal for positive inputs).");
            }
        }
    }

    /// <summary>Sobol' indices with bootstrap uncertainty, all arrays in input order.</summary>
    public sealed record SobolResult(
        double[] FirstOrder, double[] Total, double[] FirstOrderSe, double[] TotalSe,
        double[] FirstOrderLower95, double[] FirstOrderUpper95, double[] TotalLower95, double[] TotalUpper95,
        double OutputVariance, int ModelRuns);
}

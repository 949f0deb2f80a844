using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>
    /// Normal bulk plus a rare heavy-tailed defect component: (1 − w)·N(bulk_mean, bulk_sd) + w·LogNormal(ln defect_median, defect_sigma_log).
    /// This is the population model's weld-resistance family (priors.json family "normal_defect_mixture"). Fitted by EM.
    /// </summary>
    public sealed class DefectMixtureFamily : DistributionFamily
    {
        // Without floors EM can put the defect component on a single point and the likelihood grows without bound.
        private const double MinDefectSigmaLog = 0.02;

        /// <inheritdoc/>
        public override string Name => "normal_defect_mixture";

        /// <inheritdoc/>
        public override IReadOnlyList<string> ParameterNames { get; } = new[] { "bulk_mean", "bulk_sd", "defect_weight", "defect_median", "defect_sigma_log" };

        /// <inheritdoc/>
        public override IReadOnlyList<ParameterTransform> Transforms { get; } = new[]
        {
            ParameterTransform.Identity, ParameterTransform.Log, ParameterTransform.Logit, ParameterTransform.Log, ParameterTransform.Log,
        };

        /// <summary>Five parameters and a rare component: below ~20 points the defect part is not estimable.</summary>
        public override int MinimumObservations => 20;

        /// <inheritdoc/>
        public override bool RequiresPositiveData => true;

        /// <inheritdoc/>
        public override bool SupportsCensoring => false;

        /// <inheritdoc/>
        public override double LogDensity(double[] p, double x)
        {
            double a = Math.Log(1 - p[2]) + Normal.PDFLn(p[0], p[1], x);
            if (x <= 0) return a;
            double b = Math.Log(p[2]) + LogNormal.PDFLn(Math.Log(p[3]), p[4], x);
            double m = Math.Max(a, b);
            return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
        }

        /// <inheritdoc/>
        public override double Cdf(double[] p, double x) =>
            (1 - p[2]) * Normal.CDF(p[0], p[1], x) + (x > 0 ? p[2] * LogNormal.CDF(Math.Log(p[3]), p[4], x) : 0);

        /// <inheritdoc/>
        public override double Draw(double[] p, Random rng) =>
            rng.NextDouble() < p[2] ? LogNormal.Sample(rng, Math.Log(p[3]), p[4]) : Normal.Sample(rng, p[0], p[1]);

        /// <inheritdoc/>
        protected override double[] InitialGuess(ObservedSample sample) => Starts(sample.Values).First();

        /// <summary>EM from several starts; the best local optimum wins. Intervals from the observed information.</summary>
        public override FittedDistribution Fit(ObservedSample sample, double[]? start = null)
        {
            string? problem = Unsuitable(sample);
            if (problem != null)
                throw new InvalidInputException(problem, "See the message above.");
            double[] x = sample.Values;
            double[]? best = null;
            double bestLl = double.NegativeInfinity;
            IEnumerable<double[]> starts = start != null ? new[] { start }.Concat(Starts(x)) : Starts(x);
            foreach (double[] s in starts)
            {
                double[] p = Em(x, s);
                double ll = LogLikelihood(p, sample);
                if (ll > bestLl)
                {
                    bestLl = ll;
                    best = p;
                }
            }
            Func<double[], double> nll = t =>
            {
                double ll = LogLikelihood(ToNatural(t), sample);
                return double.IsFinite(ll) ? -ll : 1e300;
            };
            return Finish(sample, ToTheta(best!), nll);
        }

        private static IEnumerable<double[]> Starts(double[] x)
        {
            double median = x.Median();
            double mad = x.Select(v => Math.Abs(v - median)).Median() * 1.4826;
            if (mad <= 0) mad = x.StandardDeviation();
            double[] high = x.Where(v => v > median + 3 * mad).ToArray();
            if (high.Length > 0)
            {
                double w = Math.Clamp(high.Length / (double)x.Length, 0.005, 0.5);
                double[] lh = high.Select(v => Math.Log(v)).ToArray();
                double s = lh.Length > 1 ? Math.Max(lh.StandardDeviation(), 0.1) : 0.3;
                yield return new[] { median, mad, w, Math.Exp(lh.Mean()), s };
            }
            // Tail-agnostic starts: a small defect share placed in the upper tail at two spreads.
            yield return new[] { median, mad, 0.02, median + 5 * mad, 0.3 };
            yield return new[] { median, mad, 0.05, median + 3 * mad, 0.1 };
        }

        private static double[] Em(double[] x, double[] start)
        {
            double mu = start[0], sd = start[1], w = start[2], lm = Math.Log(start[3]), ls = Math.Max(start[4], MinDefectSigmaLog);
            int n = x.Length;
            var r = new double[n];
            double[] logx = x.Select(v => Math.Log(v)).ToArray();
            double sdFloor = 1e-6 * Math.Max(1e-300, Math.Abs(mu)) + 1e-300;
            double prev = double.NegativeInfinity;
            for (int iter = 0; iter < 2000; iter++)
            {
                double ll = 0;
                for (int i = 0; i < n; i++)
                {
                    double a = Math.Log(1 - w) + Normal.PDFLn(mu, sd, x[i]);
                    double b = Math.Log(w) + LogNormal.PDFLn(lm, ls, x[i]);
                    double m = Math.Max(a, b);
                    double lse = m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
                    r[i] = Math.Exp(b - lse);
                    ll += lse;
                }
                double sr = r.Sum();
                double sb = n - sr;
                // Keep both components alive: a weight of exactly 0 or 1 is a boundary where EM stalls.
                w = Math.Clamp(sr / n, 1e-6, 0.5);
                mu = 0; for (int i = 0; i < n; i++) mu += (1 - r[i]) * x[i]; mu /= sb;
                double v = 0; for (int i = 0; i < n; i++) v += (1 - r[i]) * (x[i] - mu) * (x[i] - mu); sd = Math.Max(Math.Sqrt(v / sb), sdFloor);
                if (sr > 1e-9)
                {
                    lm = 0; for (int i = 0; i < n; i++) lm += r[i] * logx[i]; lm /= sr;
                    double vl = 0; for (int i = 0; i < n; i++) vl += r[i] * (logx[i] - lm) * (logx[i] - lm);
                    ls = Math.Max(Math.Sqrt(vl / sr), MinDefectSigmaLog);
                }
                if (Math.Abs(ll - prev) < 1e-10 * Math.Max(1, Math.Abs(ll)))
                    break;
                prev = ll;
            }
            return new[] { mu, sd, w, Math.Exp(lm), ls };
        }
    }
}

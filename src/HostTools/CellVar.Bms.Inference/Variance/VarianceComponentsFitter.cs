using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Inference.Fitting;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Inference.Variance
{
    /// <summary>
    /// REML (or ML) estimation of the variance components of a <see cref="NestedModel"/>, with profile-likelihood
    /// intervals: {σ²_k : min over the other components of −2ℓ − min(−2ℓ) ≤ χ²₁(level)}.
    /// </summary>
    public static class VarianceComponentsFitter
    {
        /// <summary>Fits the model.</summary>
        /// <param name="model">Data and structure.</param>
        /// <param name="confidence">Interval level, e.g. 0.9.</param>
        /// <param name="reml">REML (default; unbiased for few top-level groups) or ML.</param>
        /// <param name="intervals">Compute profile intervals (the costly part).</param>
        /// <param name="start">Optional starting variances (levels then residual), e.g. from a previous fit.</param>
        public static VarianceDecomposition Fit(NestedModel model, double confidence = 0.9, bool reml = true, bool intervals = true, double[]? start = null)
        {
            var problem = model.Identifiability();
            if (problem != null)
                throw new InvalidInputException(problem.Value.Problem, problem.Value.Fix);
            double[] y = model.Values;
            double mean0 = y.Average();
            double total = y.Sum(v => (v - mean0) * (v - mean0)) / Math.Max(1, y.Length - 1);
            if (!(total > 0))
                throw new InvalidInputException($"All {y.Length} values are equal; there is no variance to decompose.", "Check the --value column.");
            int c = model.Levels + 1;
            // Components far below total·1e-10 are numerically zero; the floor keeps log-variances finite.
            double floor = Math.Log(total * 1e-10);
            Func<double[], double> f = t => model.MinusTwoLogLik(ToVar(t, floor), reml, out _, out _);
            double[] theta0 = start != null && start.Length == c && start.All(v => v > 0)
                ? start.Select(v => Math.Log(v)).ToArray()
                : Enumerable.Repeat(Math.Log(total / c), c).ToArray();
            double[] theta = Clamp(DistributionFamily.MinimiseNelderMead(f, theta0), floor);
            double best = f(theta);
            double[] v = ToVar(theta, floor);
            model.MinusTwoLogLik(v, reml, out double mean, out double meanVar);
            double cut = ChiSquared.InvCDF(1, confidence);
            double sum = v.Sum();
            double[] shares = v.Select(x => x / sum).ToArray();
            var (shareLo, shareHi) = ShareIntervals(theta, f, floor, confidence);
            var comps = new List<VarianceComponent>();
            for (int k = 0; k < c; k++)
            {
                double lo = double.NaN, hi = double.NaN;
                if (intervals)
                    (lo, hi) = ProfileInterval(f, theta, best, k, cut, floor);
                string name = k < model.Levels ? model.LevelNames[k] : "residual";
                int groups = k < model.Levels ? model.GroupCount(k) : y.Length;
                comps.Add(new VarianceComponent(name, groups, v[k], lo, hi, shares[k], shareLo[k], shareHi[k]));
            }
            return new VarianceDecomposition(comps, mean, Math.Sqrt(meanVar), y.Length, confidence, reml ? "REML" : "ML", best);
        }

        internal static double[] ToVar(double[] theta, double floor) => theta.Select(t => Math.Exp(Math.Max(t, floor))).ToArray();

        private static double[] Clamp(double[] theta, double floor) => theta.Select(t => Math.Max(t, floor)).ToArray();

        private static (double Lo, double Hi) ProfileInterval(Func<double[], double> f, double[] theta, double best, int k, double cut, double floor)
        {
            double[] warm = (double[])theta.Clone();
            double Profile(double tk)
            {
                if (theta.Length == 1) return f(new[] { tk }) - best;
                int[] others = Enumerable.Range(0, theta.Length).Where(i => i != k).ToArray();
                Func<double[], double> g = o =>
                {
                    var full = new double[theta.Length];
                    full[k] = tk;
                    for (int i = 0; i < others.Length; i++) full[others[i]] = o[i];
                    return f(full);
                };
                double[] o0 = others.Select(i => warm[i]).ToArray();
                // Warm start from the neighbouring profile point: one round with small steps and a 1e-9 tolerance is enough
                // for a log-likelihood difference compared against a cut-off of order 1.
                double[] opt = DistributionFamily.MinimiseNelderMead(g, o0, 1e-9, 1, 0.02);
                for (int i = 0; i < others.Length; i++) warm[others[i]] = opt[i];
                // The optimum can only be lower than the global one through optimiser noise: clamp at 0.
                return Math.Max(0, g(opt) - best);
            }
            double Side(int dir)
            {
                double inside = theta[k];
                double step = 0.5;
                double outside = double.NaN;
                Array.Copy(theta, warm, theta.Length);
                for (int i = 0; i < 60; i++)
                {
                    double t = inside + dir * step;
                    if (dir < 0 && t <= floor)
                    {
                        if (Profile(floor) <= cut) return double.NegativeInfinity; // interval reaches zero variance
                        outside = floor;
                        break;
                    }
                    if (Profile(t) > cut)
                    {
                        outside = t;
                        break;
                    }
                    inside = t;
                    step *= 1.6;
                }
                if (double.IsNaN(outside)) return double.PositiveInfinity * dir;
                // Bisection on the log-variance down to 0.2 % relative width: far below the interval's own sampling noise.
                for (int i = 0; i < 40 && Math.Abs(outside - inside) > 2e-3; i++)
                {
                    double mid = 0.5 * (inside + outside);
                    if (Profile(mid) > cut) outside = mid; else inside = mid;
                }
                return 0.5 * (inside + outside);
            }
            double lo = theta[k] <= floor + 1e-9 ? double.NegativeInfinity : Side(-1);
            double hi = Side(+1);
            return (double.IsNegativeInfinity(lo) ? 0 : Math.Exp(lo), double.IsPositiveInfinity(hi) ? double.PositiveInfinity : Math.Exp(hi));
        }

        private static (double[] Lo, double[] Hi) ShareIntervals(double[] theta, Func<double[], double> f, double floor, double confidence)
        {
            int c = theta.Length;
            var lo = Enumerable.Repeat(double.NaN, c).ToArray();
            var hi = Enumerable.Repeat(double.NaN, c).ToArray();
            if (theta.Any(t => t <= floor + 1e-9)) return (lo, hi);
            var hessian = new MathNet.Numerics.Differentiation.NumericalHessian();
            Matrix<double> cov;
            try
            {
                cov = Matrix<double>.Build.DenseOfArray(hessian.Evaluate(t => 0.5 * f(t), theta)).Inverse();
            }
            catch (Exception)
            {
                return (lo, hi);
            }
            double z = Normal.InvCDF(0, 1, 0.5 + confidence / 2);
            for (int k = 0; k < c; k++)
            {
                // logit(share_k) = θ_k − log Σ_{j≠k} e^{θ_j}; its gradient is linear in the other shares.
                double others = Enumerable.Range(0, c).Where(j => j != k).Sum(j => Math.Exp(theta[j]));
                var grad = Vector<double>.Build.Dense(c, j => j == k ? 1 : -Math.Exp(theta[j]) / others);
                double var = grad * cov * grad;
                double logit = theta[k] - Math.Log(others);
                double s = Math.Sqrt(Math.Max(0, var));
                lo[k] = 1 / (1 + Math.Exp(-(logit - z * s)));
                hi[k] = 1 / (1 + Math.Exp(-(logit + z * s)));
            }
            return (lo, hi);
        }
    }
}

using System;
using System.Linq;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>
    /// Peaks over threshold: a generalized Pareto fit to the exceedances over a high empirical quantile, giving the
    /// probability of a cell beyond a level and extreme quantiles without assuming the bulk family holds in the tail.
    /// </summary>
    public sealed class TailEstimate
    {
        private TailEstimate(bool upper, double threshold, int exceedances, int n, double xi, double beta, double xiSe, double betaSe)
        {
            Upper = upper;
            Threshold = threshold;
            Exceedances = exceedances;
            Count = n;
            Xi = xi;
            Beta = beta;
            XiSe = xiSe;
            BetaSe = betaSe;
        }

        /// <summary>True for the upper tail; false when the lower tail was analysed (by negating the data).</summary>
        public bool Upper { get; }

        /// <summary>Threshold u (in data units).</summary>
        public double Threshold { get; }

        /// <summary>Number of points beyond the threshold.</summary>
        public int Exceedances { get; }

        /// <summary>Sample size.</summary>
        public int Count { get; }

        /// <summary>GPD shape ξ (&gt; 0 heavy tail, 0 exponential, &lt; 0 bounded).</summary>
        public double Xi { get; }

        /// <summary>GPD scale β (data units).</summary>
        public double Beta { get; }

        /// <summary>Standard error of ξ from the observed information (NaN if singular).</summary>
        public double XiSe { get; }

        /// <summary>Standard error of β.</summary>
        public double BetaSe { get; }

        /// <summary>Fewest exceedances for a two-parameter tail fit.</summary>
        public const int MinimumExceedances = 5;

        /// <summary>Fits the GPD above the empirical <paramref name="thresholdQuantile"/> of the data.</summary>
        public static TailEstimate Fit(double[] values, double thresholdQuantile = 0.9, bool upper = true)
        {
            if (thresholdQuantile <= 0 || thresholdQuantile >= 1)
                throw new InvalidInputException($"Tail threshold quantile {thresholdQuantile} is outside (0, 1).", "Use e.g. 0.9 (top 10 % of cells).");
            double[] x = (upper ? values : values.Select(v => -v)).OrderBy(v => v).ToArray();
            int n = x.Length;
            int k = (int)Math.Floor(n * (1 - thresholdQuantile));
            if (k < MinimumExceedances)
                throw new InvalidInputException(
                    $"Only {k} of {n} values lie above the {thresholdQuantile:0.###} quantile; a generalized Pareto tail fit needs at least {MinimumExceedances}.",
                    $"Lower the threshold quantile (e.g. {Math.Max(0.5, 1 - (MinimumExceedances + 1.0) / n):0.##}) or supply more data.");
            double u = x[n - k - 1];
            double[] y = x.Skip(n - k).Select(v => v - u).Where(v => v > 0).ToArray();
            if (y.Length < MinimumExceedances)
                throw new InvalidInputException("Too many tied values at the tail threshold to fit a tail.", "Use a lower threshold quantile or data with finer resolution.");
            double mean = y.Average();
            // ξ ≤ −0.5 is excluded: there the ML estimator is irregular and for ξ < −1 the likelihood is unbounded (Smith 1985).
            Func<double[], double> nll = t =>
            {
                if (t[0] <= -0.5) return 1e300;
                double ll = GpdLogLik(y, t[0], Math.Exp(t[1]));
                return double.IsFinite(ll) ? -ll : 1e300;
            };
            double[] theta = DistributionFamily.MinimiseNelderMead(nll, new[] { 0.1, Math.Log(mean) });
            double[] se = DistributionFamily.ThetaStandardErrors(theta, nll);
            double beta = Math.Exp(theta[1]);
            return new TailEstimate(upper, upper ? u : -u, y.Length, n, theta[0], beta, se[0], beta * se[1]);
        }

        /// <summary>Estimated probability that a cell lies beyond <paramref name="level"/> (above for the upper tail, below for the lower).</summary>
        public double ExceedanceProbability(double level)
        {
            double z = Upper ? level - Threshold : Threshold - level;
            double zeta = Exceedances / (double)Count;
            if (z <= 0) return double.NaN; // inside the body: use the empirical distribution, not the tail model
            double arg = 1 + Xi * z / Beta;
            if (arg <= 0) return 0; // beyond the finite end point of a bounded (ξ < 0) tail
            return Math.Abs(Xi) < 1e-9 ? zeta * Math.Exp(-z / Beta) : zeta * Math.Pow(arg, -1 / Xi);
        }

        /// <summary>The level exceeded by a cell with probability <paramref name="probability"/> (must be below the threshold share).</summary>
        public double ReturnLevel(double probability)
        {
            double zeta = Exceedances / (double)Count;
            if (probability >= zeta) return double.NaN;
            double z = Math.Abs(Xi) < 1e-9 ? Beta * Math.Log(zeta / probability) : Beta / Xi * (Math.Pow(zeta / probability, Xi) - 1);
            return Upper ? Threshold + z : Threshold - z;
        }

        private static double GpdLogLik(double[] y, double xi, double beta)
        {
            double s = -y.Length * Math.Log(beta);
            foreach (double v in y)
            {
                double a = 1 + xi * v / beta;
                if (a <= 0) return double.NegativeInfinity;
                s -= Math.Abs(xi) < 1e-9 ? v / beta : (1 + 1 / xi) * Math.Log(a);
            }
            return s;
        }
    }
}

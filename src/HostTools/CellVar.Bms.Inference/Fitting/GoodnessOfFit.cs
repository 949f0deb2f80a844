using System;
using System.Linq;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>
    /// Anderson–Darling goodness of fit with estimated parameters. The textbook critical values assume known
    /// parameters, so the p-value comes from a parametric bootstrap that refits every simulated sample.
    /// </summary>
    public static class GoodnessOfFit
    {
        /// <summary>The Anderson–Darling statistic A² of the data against a fitted CDF.</summary>
        public static double AndersonDarling(double[] values, Func<double, double> cdf)
        {
            double[] x = values.OrderBy(v => v).ToArray();
            int n = x.Length;
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                // Clamp: a point beyond the fitted support would give log(0) and an infinite statistic.
                double fi = Math.Clamp(cdf(x[i]), 1e-300, 1 - 1e-16);
                double fj = Math.Clamp(cdf(x[n - 1 - i]), 1e-300, 1 - 1e-16);
                s += (2 * i + 1) * (Math.Log(fi) + Math.Log(1 - fj));
            }
            return -n - s / n;
        }

        /// <summary>
        /// Parametric-bootstrap p-value of A² for a fit of uncensored data: (1 + #{A*ᵦ ≥ A²}) / (1 + B).
        /// Returns null when the sample is censored (A² is not defined for it here).
        /// </summary>
        public static GoodnessOfFitResult? Test(FittedDistribution fit, ObservedSample sample, int bootstrap, int seed)
        {
            if (sample.HasCensoring)
                return null;
            double a2 = AndersonDarling(sample.Values, fit.Cdf);
            var rng = new Random(seed);
            int exceed = 0, used = 0;
            double[] start = fit.Parameters.ToArray();
            for (int b = 0; b < bootstrap; b++)
            {
                var sim = new double[sample.Count];
                for (int i = 0; i < sim.Length; i++) sim[i] = fit.Draw(rng);
                var simSample = new ObservedSample(sim, null, sample.Name);
                if (fit.Family.Unsuitable(simSample) != null)
                    continue;
                FittedDistribution refit;
                try
                {
                    refit = fit.Family.Fit(simSample, start);
                }
                catch (Exception ex) when (ex is InvalidInputException || ex is ArithmeticException || ex is ArgumentException)
                {
                    continue;
                }
                used++;
                if (AndersonDarling(sim, refit.Cdf) >= a2) exceed++;
            }
            return new GoodnessOfFitResult(a2, (1.0 + exceed) / (1.0 + used), used);
        }
    }

    /// <summary>Result of a goodness-of-fit test.</summary>
    /// <param name="Statistic">Anderson–Darling A².</param>
    /// <param name="PValue">Parametric-bootstrap p-value.</param>
    /// <param name="Replicates">Bootstrap replicates that were refitted successfully.</param>
    public sealed record GoodnessOfFitResult(double Statistic, double PValue, int Replicates);
}

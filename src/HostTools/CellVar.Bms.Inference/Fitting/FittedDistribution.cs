using System;
using System.Collections.Generic;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>A maximum-likelihood fit of one family with its information criteria and 95 % parameter intervals.</summary>
    public sealed class FittedDistribution
    {
        internal FittedDistribution(DistributionFamily family, double[] parameters, double logLikelihood, int n, double[] lower, double[] upper)
        {
            Family = family;
            Parameters = parameters;
            LogLikelihood = logLikelihood;
            Count = n;
            Lower95 = lower;
            Upper95 = upper;
        }

        /// <summary>The fitted family.</summary>
        public DistributionFamily Family { get; }

        /// <summary>Natural parameters, in <see cref="DistributionFamily.ParameterNames"/> order.</summary>
        public IReadOnlyList<double> Parameters { get; }

        /// <summary>Lower ends of the 95 % Wald intervals (NaN when the information matrix is singular).</summary>
        public IReadOnlyList<double> Lower95 { get; }

        /// <summary>Upper ends of the 95 % Wald intervals.</summary>
        public IReadOnlyList<double> Upper95 { get; }

        /// <summary>Maximised log-likelihood.</summary>
        public double LogLikelihood { get; }

        /// <summary>Sample size used.</summary>
        public int Count { get; }

        /// <summary>Number of free parameters.</summary>
        public int ParameterCount => Parameters.Count;

        /// <summary>Akaike information criterion.</summary>
        public double Aic => 2 * ParameterCount - 2 * LogLikelihood;

        /// <summary>Bayesian information criterion.</summary>
        public double Bic => ParameterCount * Math.Log(Count) - 2 * LogLikelihood;

        private double[] P => (double[])Parameters;

        /// <summary>CDF of the fitted distribution.</summary>
        public double Cdf(double x) => Family.Cdf(P, x);

        /// <summary>Quantile of the fitted distribution.</summary>
        public double Quantile(double probability) => Family.Quantile(P, probability);

        /// <summary>Random draw from the fitted distribution.</summary>
        public double Draw(Random rng) => Family.Draw(P, rng);
    }
}

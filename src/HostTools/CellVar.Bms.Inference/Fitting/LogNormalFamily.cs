using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>Log-normal distribution: ln X ~ N(mu_log, sigma_log); median = exp(mu_log).</summary>
    public sealed class LogNormalFamily : DistributionFamily
    {
        /// <inheritdoc/>
        public override string Name => "lognormal";

        /// <inheritdoc/>
        public override IReadOnlyList<string> ParameterNames { get; } = new[] { "mu_log", "sigma_log" };

        /// <inheritdoc/>
        public override IReadOnlyList<ParameterTransform> Transforms { get; } = new[] { ParameterTransform.Identity, ParameterTransform.Log };

        /// <inheritdoc/>
        public override bool RequiresPositiveData => true;

        /// <inheritdoc/>
        public override double LogDensity(double[] p, double x) => x > 0 ? LogNormal.PDFLn(p[0], p[1], x) : double.NegativeInfinity;

        /// <inheritdoc/>
        public override double Cdf(double[] p, double x) => x > 0 ? LogNormal.CDF(p[0], p[1], x) : 0;

        /// <inheritdoc/>
        public override double LogSurvival(double[] p, double x) =>
            x > 0 ? Math.Log(Math.Max(1e-300, Normal.CDF(0, 1, -(Math.Log(x) - p[0]) / p[1]))) : 0;

        /// <inheritdoc/>
        public override double Quantile(double[] p, double probability) => LogNormal.InvCDF(p[0], p[1], probability);

        /// <inheritdoc/>
        public override double Draw(double[] p, Random rng) => LogNormal.Sample(rng, p[0], p[1]);

        /// <inheritdoc/>
        protected override double[] InitialGuess(ObservedSample sample)
        {
            var (m, s) = Moments(sample.ObservedValues.Select(v => Math.Log(v)));
            return new[] { m, Math.Max(s, 1e-9) };
        }
    }
}

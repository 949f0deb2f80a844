using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>Normal distribution (mean, sd).</summary>
    public sealed class NormalFamily : DistributionFamily
    {
        /// <inheritdoc/>
        public override string Name => "normal";

        /// <inheritdoc/>
        public override IReadOnlyList<string> ParameterNames { get; } = new[] { "mean", "sd" };

        /// <inheritdoc/>
        public override IReadOnlyList<ParameterTransform> Transforms { get; } = new[] { ParameterTransform.Identity, ParameterTransform.Log };

        /// <inheritdoc/>
        public override bool RequiresPositiveData => false;

        /// <inheritdoc/>
        public override double LogDensity(double[] p, double x) => Normal.PDFLn(p[0], p[1], x);

        /// <inheritdoc/>
        public override double Cdf(double[] p, double x) => Normal.CDF(p[0], p[1], x);

        /// <inheritdoc/>
        public override double LogSurvival(double[] p, double x) => Math.Log(Math.Max(1e-300, Normal.CDF(p[0], p[1], 2 * p[0] - x)));

        /// <inheritdoc/>
        public override double Quantile(double[] p, double probability) => Normal.InvCDF(p[0], p[1], probability);

        /// <inheritdoc/>
        public override double Draw(double[] p, Random rng) => Normal.Sample(rng, p[0], p[1]);

        /// <inheritdoc/>
        protected override double[] InitialGuess(ObservedSample sample)
        {
            var (m, s) = Moments(sample.ObservedValues);
            return new[] { m, s };
        }
    }
}

using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>Gamma distribution (shape, rate).</summary>
    public sealed class GammaFamily : DistributionFamily
    {
        /// <inheritdoc/>
        public override string Name => "gamma";

        /// <inheritdoc/>
        public override IReadOnlyList<string> ParameterNames { get; } = new[] { "shape", "rate" };

        /// <inheritdoc/>
        public override IReadOnlyList<ParameterTransform> Transforms { get; } = new[] { ParameterTransform.Log, ParameterTransform.Log };

        /// <inheritdoc/>
        public override bool RequiresPositiveData => true;

        /// <inheritdoc/>
        public override double LogDensity(double[] p, double x) => x > 0 ? Gamma.PDFLn(p[0], p[1], x) : double.NegativeInfinity;

        /// <inheritdoc/>
        public override double Cdf(double[] p, double x) => x > 0 ? Gamma.CDF(p[0], p[1], x) : 0;

        /// <inheritdoc/>
        public override double Quantile(double[] p, double probability) => Gamma.InvCDF(p[0], p[1], probability);

        /// <inheritdoc/>
        public override double Draw(double[] p, Random rng) => Gamma.Sample(rng, p[0], p[1]);

        /// <inheritdoc/>
        protected override double[] InitialGuess(ObservedSample sample)
        {
            var (m, s) = Moments(sample.ObservedValues);
            double shape = m * m / Math.Max(s * s, 1e-300);
            return new[] { shape, shape / m };
        }
    }
}

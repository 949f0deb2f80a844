using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>Two-parameter Weibull distribution (shape k, scale lambda); the classic lifetime model.</summary>
    public sealed class WeibullFamily : DistributionFamily
    {
        /// <inheritdoc/>
        public override string Name => "weibull";

        /// <inheritdoc/>
        public override IReadOnlyList<string> ParameterNames { get; } = new[] { "shape", "scale" };

        /// <inheritdoc/>
        public override IReadOnlyList<ParameterTransform> Transforms { get; } = new[] { ParameterTransform.Log, ParameterTransform.Log };

        /// <inheritdoc/>
        public override bool RequiresPositiveData => true;

        /// <inheritdoc/>
        public override double LogDensity(double[] p, double x) => x > 0 ? Weibull.PDFLn(p[0], p[1], x) : double.NegativeInfinity;

        /// <inheritdoc/>
        public override double Cdf(double[] p, double x) => x > 0 ? Weibull.CDF(p[0], p[1], x) : 0;

        /// <inheritdoc/>
        public override double LogSurvival(double[] p, double x) => x > 0 ? -Math.Pow(x / p[1], p[0]) : 0;

        /// <inheritdoc/>
        public override double Quantile(double[] p, double probability) => p[1] * Math.Pow(-Math.Log(1 - probability), 1 / p[0]);

        /// <inheritdoc/>
        public override double Draw(double[] p, Random rng) => Weibull.Sample(rng, p[0], p[1]);

        /// <inheritdoc/>
        protected override double[] InitialGuess(ObservedSample sample)
        {
            // Gumbel moments of ln X: sd = pi / (k sqrt 6), mean = ln(lambda) - gamma_E / k.
            var (m, s) = Moments(sample.ObservedValues.Select(v => Math.Log(v)));
            double k = Math.PI / (Math.Sqrt(6) * Math.Max(s, 1e-9));
            return new[] { k, Math.Exp(m + 0.5772156649 / k) };
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>Location-scale Student-t (location, scale, df): a symmetric heavy-tailed alternative to the normal.</summary>
    public sealed class StudentTFamily : DistributionFamily
    {
        /// <inheritdoc/>
        public override string Name => "student_t";

        /// <inheritdoc/>
        public override IReadOnlyList<string> ParameterNames { get; } = new[] { "location", "scale", "df" };

        /// <inheritdoc/>
        public override IReadOnlyList<ParameterTransform> Transforms { get; } = new[] { ParameterTransform.Identity, ParameterTransform.Log, ParameterTransform.Log };

        /// <inheritdoc/>
        public override bool RequiresPositiveData => false;

        /// <inheritdoc/>
        public override double LogDensity(double[] p, double x) => StudentT.PDFLn(p[0], p[1], Cap(p[2]), x);

        /// <inheritdoc/>
        public override double Cdf(double[] p, double x) => StudentT.CDF(p[0], p[1], Cap(p[2]), x);

        /// <inheritdoc/>
        public override double LogSurvival(double[] p, double x) => Math.Log(Math.Max(1e-300, StudentT.CDF(p[0], p[1], Cap(p[2]), 2 * p[0] - x)));

        /// <inheritdoc/>
        public override double Draw(double[] p, Random rng) => StudentT.Sample(rng, p[0], p[1], Cap(p[2]));

        /// <inheritdoc/>
        protected override double[] InitialGuess(ObservedSample sample)
        {
            double[] v = sample.ObservedValues;
            double median = v.Median();
            double mad = v.Select(x => Math.Abs(x - median)).Median() * 1.4826;
            var (_, sd) = Moments(v);
            return new[] { median, mad > 0 ? mad : sd, 10.0 };
        }

        // Beyond ~1e6 degrees of freedom the t is numerically the normal; capping keeps the optimiser from drifting to infinity.
        private static double Cap(double df) => Math.Min(df, 1e6);
    }
}

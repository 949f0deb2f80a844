using System;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>Three-parameter Weibull: shift + scale·(−ln(1−p))^(1/shape).</summary>
    public sealed class WeibullMarginal : IMarginal
    {
        /// <summary>Creates a Weibull with shape k &gt; 0, scale λ &gt; 0 and a location shift (default 0).</summary>
        public WeibullMarginal(double shape, double scale, double shift = 0)
        {
            if (!(shape > 0) || !double.IsFinite(shape)) throw new ArgumentException("weibull: shape must be > 0", nameof(shape));
            if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException("weibull: scale must be > 0", nameof(scale));
            if (!double.IsFinite(shift)) throw new ArgumentException("weibull: shift must be finite", nameof(shift));
            Shape = shape; Scale = scale; Shift = shift;
        }

        /// <summary>Shape k.</summary>
        public double Shape { get; }
        /// <summary>Scale λ.</summary>
        public double Scale { get; }
        /// <summary>Location shift.</summary>
        public double Shift { get; }
        /// <inheritdoc/>
        public string Family => "weibull";
        /// <inheritdoc/>
        public double Mean => Shift + Scale * MathNet.Numerics.SpecialFunctions.Gamma(1 + 1 / Shape);
        /// <inheritdoc/>
        public double Variance
        {
            get
            {
                double g1 = MathNet.Numerics.SpecialFunctions.Gamma(1 + 1 / Shape);
                double g2 = MathNet.Numerics.SpecialFunctions.Gamma(1 + 2 / Shape);
                return Scale * Scale * (g2 - g1 * g1);
            }
        }
        /// <inheritdoc/>
        public double Cdf(double x) => x <= Shift ? 0 : 1 - Math.Exp(-Math.Pow((x - Shift) / Scale, Shape));
        /// <inheritdoc/>
        public double Density(double x)
        {
            if (x <= Shift) return 0;
            double t = (x - Shift) / Scale;
            return Shape / Scale * Math.Pow(t, Shape - 1) * Math.Exp(-Math.Pow(t, Shape));
        }
        /// <inheritdoc/>
        public double Quantile(double p) => Shift + Scale * Math.Pow(-Math.Log(1 - p), 1 / Shape);
        /// <inheritdoc/>
        public double FromLatent(double z, Random cellRng)
        {
            // Upper tail through Φ(−z) keeps precision for large z (1−Φ(z) underflows in double).
            double q = LatentMath.Phi(-z);
            return Shift + Scale * Math.Pow(-Math.Log(Math.Max(q, double.Epsilon)), 1 / Shape);
        }
        /// <inheritdoc/>
        public double ProbabilityOutside(double lo, double hi) => Cdf(lo) + (1 - Cdf(hi));
    }
}

using System;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>Location-scale Student-t; sampled as the t quantile of Φ(z) so the copula still applies.</summary>
    public sealed class StudentTMarginal : IMarginal
    {
        /// <summary>Creates t(location, scale, df) with scale &gt; 0 and df &gt; 0.</summary>
        public StudentTMarginal(double location, double scale, double df)
        {
            if (!double.IsFinite(location)) throw new ArgumentException("student_t: location must be finite", nameof(location));
            if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException("student_t: scale must be > 0", nameof(scale));
            if (!(df > 0) || !double.IsFinite(df)) throw new ArgumentException("student_t: df must be > 0", nameof(df));
            Location = location; Scale = scale; Df = df;
        }

        /// <summary>Location.</summary>
        public double Location { get; }
        /// <summary>Scale.</summary>
        public double Scale { get; }
        /// <summary>Degrees of freedom.</summary>
        public double Df { get; }
        /// <inheritdoc/>
        public string Family => "student_t";
        /// <inheritdoc/>
        public double Mean => Df > 1 ? Location : double.NaN;
        /// <inheritdoc/>
        public double Variance => Df > 2 ? Scale * Scale * Df / (Df - 2) : double.PositiveInfinity;
        /// <inheritdoc/>
        public double Cdf(double x) => StudentT.CDF(Location, Scale, Df, x);
        /// <inheritdoc/>
        public double Density(double x) => StudentT.PDF(Location, Scale, Df, x);
        /// <inheritdoc/>
        public double Quantile(double p) => StudentT.InvCDF(Location, Scale, Df, p);
        /// <inheritdoc/>
        public double FromLatent(double z, Random cellRng) => Quantile(LatentMath.Phi(z));
        /// <inheritdoc/>
        public double ProbabilityOutside(double lo, double hi) => Cdf(lo) + (1 - Cdf(hi));
    }
}

using System;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>Normal(mean, sd). The latent map is affine, so hierarchy variance components are exact in physical units.</summary>
    public sealed class NormalMarginal : IMarginal
    {
        /// <summary>Creates N(mean, sd²); sd must be positive and finite.</summary>
        public NormalMarginal(double mean, double sd)
        {
            if (!double.IsFinite(mean)) throw new ArgumentException("normal: mean must be finite", nameof(mean));
            if (!(sd > 0) || !double.IsFinite(sd)) throw new ArgumentException("normal: sd must be > 0 and finite", nameof(sd));
            Location = mean; Sd = sd;
        }

        /// <summary>Mean.</summary>
        public double Location { get; }
        /// <summary>Standard deviation.</summary>
        public double Sd { get; }
        /// <inheritdoc/>
        public string Family => "normal";
        /// <inheritdoc/>
        public double Mean => Location;
        /// <inheritdoc/>
        public double Variance => Sd * Sd;
        /// <inheritdoc/>
        public double Cdf(double x) => Normal.CDF(Location, Sd, x);
        /// <inheritdoc/>
        public double Density(double x) => Normal.PDF(Location, Sd, x);
        /// <inheritdoc/>
        public double Quantile(double p) => Normal.InvCDF(Location, Sd, p);
        /// <inheritdoc/>
        public double FromLatent(double z, Random cellRng) => Location + Sd * z;
        /// <inheritdoc/>
        public double ProbabilityOutside(double lo, double hi) => Cdf(lo) + (1 - Cdf(hi));
    }
}

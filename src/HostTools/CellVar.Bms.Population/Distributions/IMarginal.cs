using System;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>
    /// The marginal distribution of one manufacturing variable. Sampling goes through a latent standard
    /// normal <c>z</c> (which carries the lot/module/cell hierarchy and the Gaussian copula), mapped by
    /// <see cref="FromLatent"/>; defect components are drawn independently per cell.
    /// </summary>
    public interface IMarginal
    {
        /// <summary>Family name as written in specs and prior files (normal, lognormal, student_t, weibull, normal_defect_mixture).</summary>
        string Family { get; }

        /// <summary>Mean of the whole distribution (including any defect component).</summary>
        double Mean { get; }

        /// <summary>Variance of the whole distribution; +infinity when it does not exist (Student-t with df ≤ 2).</summary>
        double Variance { get; }

        /// <summary>Cumulative distribution function.</summary>
        double Cdf(double x);

        /// <summary>Probability density.</summary>
        double Density(double x);

        /// <summary>Inverse CDF, p in (0,1).</summary>
        double Quantile(double p);

        /// <summary>
        /// Maps a latent N(0,1) value to a sample. <paramref name="cellRng"/> supplies the independent
        /// per-cell draws a defect component needs; continuous families ignore it.
        /// </summary>
        double FromLatent(double z, Random cellRng);

        /// <summary>Probability that a sample falls outside [lo, hi] — used to reject physically impossible specs.</summary>
        double ProbabilityOutside(double lo, double hi);
    }
}

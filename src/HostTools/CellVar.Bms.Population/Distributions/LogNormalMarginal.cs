using System;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>Log-normal with median exp(mu) and log-sd sigma; hierarchy components are exact in ln(x).</summary>
    public sealed class LogNormalMarginal : IMarginal
    {
        /// <summary>Creates a log-normal from its median (&gt; 0) and sigma of ln(x) (&gt; 0).</summary>
        public LogNormalMarginal(double median, double sigmaLog)
        {
            if (!(median > 0) || !double.IsFinite(median)) throw new ArgumentException("lognormal: median must be > 0", nameof(median));
            if (!(sigmaLog > 0) || !double.IsFinite(sigmaLog)) throw new ArgumentException("lognormal: sigma_log must be > 0", nameof(sigmaLog));
            Median = median; SigmaLog = sigmaLog; Mu = Math.Log(median);
        }

        /// <summary>Median exp(mu).</summary>
        public double Median { get; }
        /// <summary>Sigma of ln(x).</summary>
        public double SigmaLog { get; }
        /// <summary>Mean of ln(x).</summary>
        public double Mu { get; }
        /// <inheritdoc/>
        public string Family => "lognormal";
        /// <inheritdoc/>
        public double Mean => Math.Exp(Mu + 0.5 * SigmaLog * SigmaLog);
        /// <inheritdoc/>
        public double Variance => (Math.Exp(SigmaLog * SigmaLog) - 1) * Math.Exp(2 * Mu + SigmaLog * SigmaLog);
        /// <inheritdoc/>
        public double Cdf(double x) => x <= 0 ? 0 : LogNormal.CDF(Mu, SigmaLog, x);
        /// <inheritdoc/>
        public double Density(double x) => x <= 0 ? 0 : LogNormal.PDF(Mu, SigmaLog, x);
        /// <inheritdoc/>
        public double Quantile(double p) => Math.Exp(Mu + SigmaLog * Normal.InvCDF(0, 1, p));
        /// <inheritdoc/>
        public double FromLatent(double z, Random cellRng) => Math.Exp(Mu + SigmaLog * z);
        /// <inheritdoc/>
        public double ProbabilityOutside(double lo, double hi) => Cdf(lo) + (1 - Cdf(hi));
    }
}

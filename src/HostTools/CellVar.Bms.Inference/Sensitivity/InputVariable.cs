using System;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>One uncertain model input: a name and its marginal distribution (sampled through its inverse CDF).</summary>
    public sealed class InputVariable
    {
        private readonly IContinuousDistribution _marginal;

        /// <summary>Creates an input from a MathNet distribution.</summary>
        public InputVariable(string name, IContinuousDistribution marginal, string description)
        {
            Name = name;
            _marginal = marginal;
            Description = description;
        }

        /// <summary>Input name.</summary>
        public string Name { get; }

        /// <summary>Human description of the marginal, e.g. "normal(mean 0.25, sd 0.01)".</summary>
        public string Description { get; }

        /// <summary>Marginal variance (used by closed-form checks).</summary>
        public double Variance => _marginal.Variance;

        /// <summary>Maps a standard-normal copula coordinate to the input's value.</summary>
        public double FromStandardNormal(double z)
        {
            if (_marginal is Normal n)
                return n.Mean + n.StdDev * z; // exact and avoids losing the tails to Φ rounding
            if (_marginal is LogNormal ln)
                return Math.Exp(ln.Mu + ln.Sigma * z);
            double u = Normal.CDF(0, 1, z);
            // Φ(z) rounds to 0 or 1 beyond |z| ≈ 8.3; keep inside the open interval so bounded inverses stay finite.
            u = Math.Clamp(u, 1e-15, 1 - 1e-15);
            return ((IContinuousDistribution)_marginal) switch
            {
                ContinuousUniform cu => cu.LowerBound + u * (cu.UpperBound - cu.LowerBound),
                Triangular tr => tr.InverseCumulativeDistribution(u),
                Beta b => b.InverseCumulativeDistribution(u),
                Gamma g => g.InverseCumulativeDistribution(u),
                Weibull w => w.Scale * Math.Pow(-Math.Log(1 - u), 1 / w.Shape),
                _ => throw new NotSupportedException("marginal " + _marginal.GetType().Name),
            };
        }
    }
}

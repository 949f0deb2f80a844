using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>
    /// (1−w)·Normal(mean, sd) + w·LogNormal(defectMedian, defectSigmaLog): a Gaussian bulk (many small effects)
    /// plus a rare heavy-tailed defect component (a bad weld). The bulk carries the hierarchy and copula; whether a
    /// cell is defective is an independent per-cell Bernoulli(w), because a bad weld does not run in lots.
    /// </summary>
    public sealed class DefectMixtureMarginal : IMarginal
    {
        /// <summary>Creates the mixture; defectWeight must lie in [0, 1).</summary>
        public DefectMixtureMarginal(double mean, double sd, double defectWeight, double defectMedian, double defectSigmaLog)
        {
            Bulk = new NormalMarginal(mean, sd);
            if (!(defectWeight >= 0 && defectWeight < 1)) throw new ArgumentException("normal_defect_mixture: defect_weight must be in [0,1)", nameof(defectWeight));
            Defect = new LogNormalMarginal(defectMedian, defectSigmaLog);
            DefectWeight = defectWeight;
        }

        /// <summary>The healthy (bulk) component.</summary>
        public NormalMarginal Bulk { get; }
        /// <summary>The defect component.</summary>
        public LogNormalMarginal Defect { get; }
        /// <summary>Probability that a cell is defective.</summary>
        public double DefectWeight { get; }
        /// <inheritdoc/>
        public string Family => "normal_defect_mixture";
        /// <inheritdoc/>
        public double Mean => (1 - DefectWeight) * Bulk.Mean + DefectWeight * Defect.Mean;
        /// <inheritdoc/>
        public double Variance
        {
            get
            {
                double m = Mean, w = DefectWeight;
                double e2 = (1 - w) * (Bulk.Variance + Bulk.Mean * Bulk.Mean) + w * (Defect.Variance + Defect.Mean * Defect.Mean);
                return e2 - m * m;
            }
        }
        /// <inheritdoc/>
        public double Cdf(double x) => (1 - DefectWeight) * Bulk.Cdf(x) + DefectWeight * Defect.Cdf(x);
        /// <summary>Survival function 1−F(x), computed per component so tiny tails keep their precision.</summary>
        public double Survival(double x) => (1 - DefectWeight) * Normal.CDF(Bulk.Location, Bulk.Sd, 2 * Bulk.Location - x)
            + DefectWeight * (x <= 0 ? 1 : Normal.CDF(0, 1, -(Math.Log(x) - Defect.Mu) / Defect.SigmaLog));
        /// <inheritdoc/>
        public double Density(double x) => (1 - DefectWeight) * Bulk.Density(x) + DefectWeight * Defect.Density(x);
        /// <inheritdoc/>
        public double Quantile(double p)
        {
            if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), "quantile needs p in (0,1)");
            double lo = Math.Min(Bulk.Quantile(p), Defect.Quantile(p));
            double hi = Math.Max(Bulk.Quantile(p), Defect.Quantile(p));
            // The mixture CDF is a convex combination, so its p-quantile lies between the component quantiles.
            if (hi - lo < 1e-15 * Math.Max(1, Math.Abs(hi))) return hi;
            return Brent.FindRoot(x => Cdf(x) - p, lo, hi, 1e-12 * Math.Max(1, Math.Abs(hi)), 200);
        }
        /// <inheritdoc/>
        public double FromLatent(double z, Random cellRng)
        {
            double u = cellRng.NextDouble();
            if (u < DefectWeight)
                return Defect.FromLatent(LatentMath.StandardNormal(cellRng), cellRng);
            return Bulk.FromLatent(z, cellRng);
        }
        /// <inheritdoc/>
        public double ProbabilityOutside(double lo, double hi) => Cdf(lo) + Survival(hi);
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// Gaussian 3σ rule on the population prior: |x − μ|/σ with μ, σ learned from healthy calibration packs
    /// (<see cref="PopulationPrior"/>). Resistance: the absolute prior of the estimate; temperature: the prior of the
    /// deviation from the pack median. Default alarm at 3.
    /// </summary>
    /// <remarks>Keeps per-row scratch state: use one instance per thread.</remarks>
    public sealed class PriorGaussianMethod : CrossSectionMethod
    {
        private double _median;

        /// <inheritdoc/>
        public override string Id => "prior-3sigma";
        /// <inheritdoc/>
        public override string Description(Quantity q) => q == Quantity.Resistance
            ? "|R − μ_prior|/σ_prior" : "|T − median − μ_prior|/σ_prior";
        /// <inheritdoc/>
        public override double DefaultThreshold(Quantity q) => 3;
        /// <inheritdoc/>
        public override IReadOnlyList<double> Thresholds(Quantity q) => Grid(0.5, 20000, 45, 3);
        /// <inheritdoc/>
        protected override void Prepare(double[] v, int n, Quantity q, PopulationPrior p) => _median = q == Quantity.Temperature ? Median(v, n) : 0;
        /// <inheritdoc/>
        protected override double Statistic(double v, Quantity q, PopulationPrior p) => q == Quantity.Resistance
            ? Math.Abs(v - p.ResistanceMean_uOhm) / Math.Max(p.ResistanceSd_uOhm, 1)
            : Math.Abs(v - _median - p.TemperatureDeviationMean_dC) / Math.Max(p.TemperatureDeviationSd_dC, 0.5);
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// Robust modified z-score (Iglewicz &amp; Hoaglin): M = 0.6745·|x − median|/MAD, default alarm at 3.5. The MAD is floored
    /// (resistance 0.1 % of the median, temperature 0.1 K = the device's 1 dC resolution) because a quantised, balanced pack
    /// can have MAD = 0.
    /// </summary>
    /// <remarks>Keeps per-row scratch state: use one instance per thread.</remarks>
    public sealed class ModifiedZScoreMethod : CrossSectionMethod
    {
        private double _median, _mad;

        /// <inheritdoc/>
        public override string Id => "mad-z";
        /// <inheritdoc/>
        public override string Description(Quantity q) => "0.6745·|x − median|/MAD (robust z)";
        /// <inheritdoc/>
        public override double DefaultThreshold(Quantity q) => 3.5;
        /// <inheritdoc/>
        public override IReadOnlyList<double> Thresholds(Quantity q) => Grid(0.5, 5000, 45, 3.5);
        /// <inheritdoc/>
        protected override void Prepare(double[] v, int n, Quantity q, PopulationPrior p)
        {
            _median = Median(v, n);
            var dev = new double[n];
            for (int i = 0; i < n; i++) dev[i] = Math.Abs(v[i] - _median);
            double floor = q == Quantity.Resistance ? 0.001 * Math.Abs(_median) : 1.0;
            _mad = Math.Max(Median(dev, n), floor);
        }
        /// <inheritdoc/>
        protected override double Statistic(double v, Quantity q, PopulationPrior p) => 0.6745 * Math.Abs(v - _median) / _mad;
    }
}

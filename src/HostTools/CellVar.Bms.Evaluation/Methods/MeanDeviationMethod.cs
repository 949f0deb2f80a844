using System;
using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// OVMS-style deviation from the pack mean (vehicle_bms.cpp): alarm when |x − mean| ≥ sd + offset; the swept threshold
    /// is the offset. Resistance in % of the mean (default 2.5 %, the device's own default margin), temperature in K
    /// (default 2 K, OVMS's warning level).
    /// </summary>
    /// <remarks>Keeps per-row scratch state: use one instance per thread.</remarks>
    public sealed class MeanDeviationMethod : CrossSectionMethod
    {
        private double _mean, _sd;

        /// <inheritdoc/>
        public override string Id => "mean-dev";
        /// <inheritdoc/>
        public override string Description(Quantity q) => q == Quantity.Resistance
            ? "|R − pack mean| − pack sd, % of mean (OVMS-style)" : "|T − pack mean| − pack sd, K (OVMS-style)";
        /// <inheritdoc/>
        public override double DefaultThreshold(Quantity q) => q == Quantity.Resistance ? 2.5 : 2.0;
        /// <inheritdoc/>
        public override IReadOnlyList<double> Thresholds(Quantity q) =>
            q == Quantity.Resistance ? Grid(0.05, 1000, 45, 2.5) : Grid(0.1, 30, 45, 2.0);
        /// <inheritdoc/>
        protected override void Prepare(double[] v, int n, Quantity q, PopulationPrior p)
        {
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) s += v[i];
            _mean = s / n;
            for (int i = 0; i < n; i++) s2 += (v[i] - _mean) * (v[i] - _mean);
            _sd = Math.Sqrt(s2 / n);
        }
        /// <inheritdoc/>
        protected override double Statistic(double v, Quantity q, PopulationPrior p)
        {
            double d = Math.Abs(v - _mean) - _sd;
            return q == Quantity.Resistance ? d / _mean * 100 : d / 10.0;
        }
    }
}

using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// foxBMS-style fixed absolute limit: resistance above a fixed value (expressed as % above the population's nominal
    /// resistance, default +20 %), temperature above a fixed value (°C, default 45 °C, a typical discharge over-temperature
    /// warning). The limits do not move with the pack's operating point. Defaults are this harness's assumptions
    /// (foxBMS has no resistance limit); the ROC sweeps all values.
    /// </summary>
    public sealed class AbsoluteLimitMethod : CrossSectionMethod
    {
        /// <inheritdoc/>
        public override string Id => "fixed-limit";
        /// <inheritdoc/>
        public override string Description(Quantity q) => q == Quantity.Resistance
            ? "R above a fixed limit (% over nominal population R)" : "T above a fixed limit (°C)";
        /// <inheritdoc/>
        public override double DefaultThreshold(Quantity q) => q == Quantity.Resistance ? 20 : 45;
        /// <inheritdoc/>
        public override IReadOnlyList<double> Thresholds(Quantity q) =>
            q == Quantity.Resistance ? Grid(0.5, 2000, 45, 20) : Grid(26, 90, 45, 45);
        /// <inheritdoc/>
        protected override void Prepare(double[] values, int count, Quantity q, PopulationPrior p) { }
        /// <inheritdoc/>
        protected override double Statistic(double v, Quantity q, PopulationPrior p) =>
            q == Quantity.Resistance ? (v / p.ResistanceMean_uOhm - 1) * 100 : v / 10.0;
        /// <inheritdoc/>
        protected override double Hysteresis(Quantity q, double threshold) => q == Quantity.Resistance ? 0.1 * threshold : 1.0;
    }
}

using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Metrics
{
    /// <summary>A method's false alarms over every healthy cell of every run of a quantity, per swept threshold.</summary>
    public sealed record PooledFalseAlarms
    {
        /// <summary>Method id.</summary>
        public string Method { get; init; } = "";
        /// <summary>Quantity.</summary>
        public Quantity Quantity { get; init; }
        /// <summary>Swept thresholds, ascending.</summary>
        public IReadOnlyList<double> Thresholds { get; init; } = [];
        /// <summary>Index of the default threshold.</summary>
        public int DefaultIndex { get; init; }
        /// <summary>Alarm episodes per threshold.</summary>
        public IReadOnlyList<int> FalseAlarms { get; init; } = [];
        /// <summary>Healthy cell-hours observed.</summary>
        public double CellHours { get; init; }
        /// <summary>False alarms per 1,000 cell-hours at threshold index <paramref name="k"/>.</summary>
        public double RatePer1000(int k) => CellHours > 0 ? FalseAlarms[k] / CellHours * 1000 : 0;
        /// <summary>
        /// The most sensitive threshold index whose rate, and the rate of every higher threshold, is ≤ <paramref name="target"/>
        /// (−1 when none).
        /// </summary>
        public int LowestIndexAtOrBelow(double target)
        {
            int best = -1;
            for (int k = Thresholds.Count - 1; k >= 0; k--)
            {
                if (RatePer1000(k) <= target + 1e-12) best = k;
                else break;
            }
            return best;
        }
    }
}

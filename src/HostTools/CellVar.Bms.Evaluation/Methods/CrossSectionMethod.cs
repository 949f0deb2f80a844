using System.Collections.Generic;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// Base of the baselines: a statistic computed from one row's cross-section of cells (the device's resistance estimates,
    /// or its temperatures). Rows with fewer than three available cells have no statistic, as on the device.
    /// </summary>
    public abstract class CrossSectionMethod : DetectionMethod
    {
        /// <inheritdoc/>
        public override ScoreMatrix Score(DeviceTrace trace, Quantity quantity, PopulationPrior prior)
        {
            bool r = quantity == Quantity.Resistance;
            IReadOnlyList<double> time = r ? trace.ResistanceTime_s : trace.TemperatureTime_s;
            List<int[]> rows = r ? trace.Resistance_uOhm : trace.Temperature_dC;
            var m = new ScoreMatrix(time, trace.Cells);
            var buf = new double[trace.Cells];
            for (int i = 0; i < rows.Count; i++)
            {
                int[] row = rows[i];
                int k = Available(row, buf);
                if (k < 3) continue;
                Prepare(buf, k, quantity, prior);
                for (int c = 0; c < row.Length; c++)
                    if (row[c] != DeviceTrace.Missing) m.Values[i][c] = Statistic(row[c], quantity, prior);
            }
            return m;
        }

        /// <summary>Computes the row's reference values (mean, median, …) from the <paramref name="count"/> available values.</summary>
        protected abstract void Prepare(double[] values, int count, Quantity quantity, PopulationPrior prior);

        /// <summary>The statistic of one cell's value (µΩ or dC) given the prepared row references.</summary>
        protected abstract double Statistic(double value, Quantity quantity, PopulationPrior prior);
    }
}

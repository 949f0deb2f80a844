using System;
using System.Collections.Generic;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>A method's statistic per row (time) and cell; NaN where the method has no opinion (too few cells, no estimate).</summary>
    public sealed class ScoreMatrix
    {
        /// <summary>Creates an all-NaN matrix.</summary>
        public ScoreMatrix(IReadOnlyList<double> time_s, int cells)
        {
            Time_s = time_s;
            Cells = cells;
            Values = new double[time_s.Count][];
            for (int r = 0; r < Values.Length; r++) { Values[r] = new double[cells]; Array.Fill(Values[r], double.NaN); }
        }

        /// <summary>Row times.</summary>
        public IReadOnlyList<double> Time_s { get; }
        /// <summary>Cells.</summary>
        public int Cells { get; }
        /// <summary>[row][cell] statistic.</summary>
        public double[][] Values { get; }
    }
}

using System;
using System.Collections.Generic;

namespace CellVar.Bms.Rig.Csv
{
    /// <summary>
    /// A rig log held in memory in physical units, one row per sample period.
    /// A missing sample (blank field) is stored as <see cref="double.NaN"/>; use <see cref="IsMissing"/>.
    /// Positive current is discharge.
    /// </summary>
    public sealed class RigLog
    {
        /// <summary>Creates a log; arrays are indexed [row] and [cell][row] / [sensor][row].</summary>
        public RigLog(double[] time_s, double[] current_A, double[][] cellVoltage_V, double[][] temperature_C, int[] sourceLines)
        {
            ArgumentNullException.ThrowIfNull(time_s);
            ArgumentNullException.ThrowIfNull(current_A);
            ArgumentNullException.ThrowIfNull(cellVoltage_V);
            ArgumentNullException.ThrowIfNull(temperature_C);
            ArgumentNullException.ThrowIfNull(sourceLines);
            int n = time_s.Length;
            if (current_A.Length != n || sourceLines.Length != n)
                throw new ArgumentException("all columns must have one value per row");
            foreach (double[] c in cellVoltage_V) if (c.Length != n) throw new ArgumentException("all columns must have one value per row");
            foreach (double[] t in temperature_C) if (t.Length != n) throw new ArgumentException("all columns must have one value per row");
            Time_s = time_s;
            Current_A = current_A;
            CellVoltage_V = cellVoltage_V;
            Temperature_C = temperature_C;
            SourceLines = sourceLines;
        }

        /// <summary>Sample times in seconds, strictly increasing.</summary>
        public double[] Time_s { get; }

        /// <summary>Pack current in amperes, positive = discharge; NaN = missing.</summary>
        public double[] Current_A { get; }

        /// <summary>Cell voltages in volts, [cell index 0-based][row]; NaN = missing.</summary>
        public double[][] CellVoltage_V { get; }

        /// <summary>Temperatures in °C, [sensor index 0-based][row]; NaN = missing. May have zero sensors.</summary>
        public double[][] Temperature_C { get; }

        /// <summary>1-based line number in the source file for each row (for messages); synthetic logs count from 2.</summary>
        public int[] SourceLines { get; }

        /// <summary>Column names present in the source but not used (extra columns are ignored).</summary>
        public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

        /// <summary>Number of rows.</summary>
        public int RowCount => Time_s.Length;

        /// <summary>Number of cells (cell1_V..cellN_V).</summary>
        public int CellCount => CellVoltage_V.Length;

        /// <summary>Number of temperature sensors (temp1_C..tempM_C).</summary>
        public int TemperatureSensorCount => Temperature_C.Length;

        /// <summary>True if <paramref name="value"/> marks a missing sample.</summary>
        public static bool IsMissing(double value) => double.IsNaN(value);
    }
}

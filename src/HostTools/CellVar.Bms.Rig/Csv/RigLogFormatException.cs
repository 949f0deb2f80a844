using System;

namespace CellVar.Bms.Rig.Csv
{
    /// <summary>A rig log that cannot be read; the message names the file, line and column.</summary>
    public sealed class RigLogFormatException : Exception
    {
        /// <summary>Creates the error.</summary>
        public RigLogFormatException(string source, int line, int column, string? columnName, string problem)
            : base(Describe(source, line, column, columnName, problem))
        {
            Line = line;
            Column = column;
            ColumnName = columnName;
            Problem = problem;
        }

        /// <summary>1-based line of the problem (0 if the whole file is affected).</summary>
        public int Line { get; }

        /// <summary>1-based column (field number) of the problem, 0 if it concerns the whole line.</summary>
        public int Column { get; }

        /// <summary>Header name of the column, if known.</summary>
        public string? ColumnName { get; }

        /// <summary>What is wrong, without the location.</summary>
        public string Problem { get; }

        private static string Describe(string source, int line, int column, string? columnName, string problem)
        {
            string where = source;
            if (line > 0) where += $" line {line}";
            if (column > 0) where += $", column {column}" + (columnName != null ? $" ({columnName})" : "");
            return where + ": " + problem;
        }
    }
}

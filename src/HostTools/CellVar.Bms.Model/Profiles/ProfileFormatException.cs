using System;

namespace CellVar.Bms.Model.Profiles
{
    /// <summary>A current-profile file is malformed; the message gives the source, line and column.</summary>
    public sealed class ProfileFormatException : Exception
    {
        /// <summary>Creates the exception for a problem at (<paramref name="line"/>, <paramref name="column"/>), both 1-based.</summary>
        public ProfileFormatException(string source, int line, int column, string problem)
            : base($"{source}:{line}:{column}: {problem}")
        {
            SourceName = source;
            Line = line;
            Column = column;
        }

        /// <summary>File name or other description of the input.</summary>
        public string SourceName { get; }

        /// <summary>1-based line number.</summary>
        public int Line { get; }

        /// <summary>1-based column (field) number; 0 when the whole line is at fault.</summary>
        public int Column { get; }
    }
}

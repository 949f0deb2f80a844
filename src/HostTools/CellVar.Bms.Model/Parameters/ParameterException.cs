using System;
using System.Collections.Generic;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// A parameter name is unknown, a value is not a number, or a parameter set violates a physical range.
    /// <see cref="Exception.Message"/> names every offending parameter so a user can fix the input in one go.
    /// </summary>
    public sealed class ParameterException : Exception
    {
        /// <summary>Creates the exception with one problem per entry of <paramref name="problems"/>.</summary>
        public ParameterException(IReadOnlyList<string> problems)
            : base(problems.Count == 1 ? problems[0] : "Invalid parameters:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems))
        {
            Problems = problems;
        }

        /// <summary>Creates the exception for a single problem.</summary>
        public ParameterException(string problem) : this(new[] { problem }) { }

        /// <summary>Every problem found, one sentence each.</summary>
        public IReadOnlyList<string> Problems { get; }
    }
}

using System;

namespace CellVar.Bms.Inference
{
    /// <summary>
    /// Thrown when input data cannot support the requested analysis. The message says what is wrong
    /// and <see cref="Fix"/> says what would make it work, so a CLI can print both without a stack trace.
    /// </summary>
    public sealed class InvalidInputException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="problem">What is wrong, naming the field, column or line.</param>
        /// <param name="fix">What the user can do about it.</param>
        public InvalidInputException(string problem, string fix)
            : base(problem + " Fix: " + fix)
        {
            Problem = problem;
            Fix = fix;
        }

        /// <summary>What is wrong.</summary>
        public string Problem { get; }

        /// <summary>What would fix it.</summary>
        public string Fix { get; }
    }
}

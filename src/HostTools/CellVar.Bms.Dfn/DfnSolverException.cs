using System;

namespace CellVar.Bms.Dfn
{
    /// <summary>The DFN time integration could not continue; says why and how far it got.</summary>
    public sealed class DfnSolverException : Exception
    {
        /// <summary>Creates the error with the cause and the last time reached.</summary>
        public DfnSolverException(string cause, double timeReached_s)
            : base($"DFN solver failed at t = {timeReached_s:0.###} s: {cause}")
        {
            Cause = cause;
            TimeReached_s = timeReached_s;
        }

        /// <summary>What went wrong, in words.</summary>
        public string Cause { get; }

        /// <summary>The last time at which the solution was still valid [s].</summary>
        public double TimeReached_s { get; }
    }
}

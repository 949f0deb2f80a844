using System;

namespace CellVar.Bms.Dfn
{
    /// <summary>A parameter, mesh or option given to the DFN model is outside its meaningful range.</summary>
    public sealed class DfnInputException : ArgumentException
    {
        /// <summary>Creates the error for one named field.</summary>
        public DfnInputException(string field, string message) : base($"DFN input '{field}': {message}", field)
        {
            Field = field;
        }

        /// <summary>Name of the offending field (parameter, mesh or option).</summary>
        public string Field { get; }
    }
}

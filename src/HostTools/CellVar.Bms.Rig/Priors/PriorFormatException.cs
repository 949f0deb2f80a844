using System;

namespace CellVar.Bms.Rig.Priors
{
    /// <summary>A priors.json that cannot be used; the message names the file and the field (e.g. <c>quantities[0].scale</c>).</summary>
    public sealed class PriorFormatException : Exception
    {
        /// <summary>Creates the error.</summary>
        public PriorFormatException(string source, string field, string problem)
            : base($"{source}: {field}: {problem}")
        {
            Field = field;
        }

        /// <summary>JSON path of the offending field, or "(file)".</summary>
        public string Field { get; }
    }
}

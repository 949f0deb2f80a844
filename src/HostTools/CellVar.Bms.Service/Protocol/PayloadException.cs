using System;

namespace CellVar.Bms.Service.Protocol
{
    /// <summary>A device payload that breaks protocol v1; <see cref="Reason"/> is one of the status reason words, <see cref="Field"/> names the field.</summary>
    public sealed class PayloadException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public PayloadException(string reason, string? field, string message) : base(message)
        {
            Reason = reason;
            Field = field;
        }

        /// <summary><c>json</c>, <c>too_large</c>, <c>version</c>, <c>monitor</c>, <c>missing</c>, <c>type</c> or <c>range</c>.</summary>
        public string Reason { get; }

        /// <summary>Offending field, or null.</summary>
        public string? Field { get; }
    }
}

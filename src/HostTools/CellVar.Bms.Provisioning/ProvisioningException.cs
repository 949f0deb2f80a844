using System;

namespace CellVar.Bms.Provisioning
{
    /// <summary>Bad technician input (unknown board, too many cells, unusable channel, broken CSV); the message says what and where.</summary>
    public sealed class ProvisioningException : Exception
    {
        /// <summary>Creates the exception with a message for the technician.</summary>
        public ProvisioningException(string message) : base(message) { }
    }
}

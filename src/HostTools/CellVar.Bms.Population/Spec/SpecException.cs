using System;

namespace CellVar.Bms.Population.Spec
{
    /// <summary>A spec file is malformed or physically impossible; the message names the file, field path or line/column.</summary>
    public sealed class SpecException : Exception
    {
        /// <summary>Creates the exception with a message that names what is wrong.</summary>
        public SpecException(string message) : base(message) { }
        /// <summary>Creates the exception wrapping a lower-level cause.</summary>
        public SpecException(string message, Exception inner) : base(message, inner) { }
    }
}

using System;

namespace CellVar.Bms.Rig.Configuration
{
    /// <summary>A monitor.json that cannot be used; the message names the file and the field.</summary>
    public sealed class ConfigFormatException : Exception
    {
        /// <summary>Creates the error.</summary>
        public ConfigFormatException(string source, string field, string problem) : base($"{source}: {field}: {problem}")
        {
            Field = field;
        }

        /// <summary>Offending field (e.g. <c>tunables.HotExcess_dC</c>).</summary>
        public string Field { get; }
    }
}

using System;

namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>Type names the device code must not reference, by full name.</summary>
    internal static class ForbiddenNames
    {
        /// <summary>Classifies a full type name (nested types as <c>Outer/Inner</c>).</summary>
        public static SigFlags Classify(string fullName)
        {
            if (fullName is "System.Single" or "System.Double") return SigFlags.Float;
            if (fullName == "System.Math" || fullName.StartsWith("System.Math/", StringComparison.Ordinal)
                || fullName == "System.MathF"
                || fullName.StartsWith("System.Linq.", StringComparison.Ordinal)
                || fullName.StartsWith("System.ValueTuple", StringComparison.Ordinal))
                return SigFlags.ForbiddenApi;
            return SigFlags.None;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>Named parameter sets selectable with <c>--params NAME</c>. Names are case-insensitive.</summary>
    public static class ParameterSets
    {
        private static readonly Dictionary<string, Func<CellParameters>> Sets = new(StringComparer.OrdinalIgnoreCase)
        {
            // LG M50 21700 (Chen et al., J. Electrochem. Soc. 167 (2020) 080534), as in PyBaMM's Chen2020.py.
            ["chen2020"] = () => new CellParameters(),
        };

        /// <summary>The default set: Chen2020 (LG M50).</summary>
        public static CellParameters Chen2020 => new();

        /// <summary>Names of the known sets.</summary>
        public static IReadOnlyList<string> Names => Sets.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

        /// <summary>Returns a fresh copy of a named set.</summary>
        /// <exception cref="ParameterException">The name is unknown; the message lists the known sets.</exception>
        public static CellParameters Get(string name)
        {
            if (name != null && Sets.TryGetValue(name.Trim(), out var make)) return make();
            throw new ParameterException($"Unknown parameter set '{name}'. Known sets: {string.Join(", ", Names)}.");
        }
    }
}

using System.Collections.Generic;
using System.Globalization;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>Applies <c>NAME=VALUE</c> overrides (as given to <c>--set</c>) to a parameter set.</summary>
    public static class ParameterOverrides
    {
        /// <summary>
        /// Parses every assignment, applies them in order and validates the result.
        /// Values use the invariant culture ("1.5e-5"); names are case-insensitive.
        /// </summary>
        /// <exception cref="ParameterException">A malformed assignment, an unknown name, or a value outside its range;
        /// all problems are reported together.</exception>
        public static CellParameters Apply(CellParameters baseSet, IEnumerable<string> assignments)
        {
            var problems = new List<string>();
            var p = baseSet;
            foreach (var raw in assignments)
            {
                int eq = raw.IndexOf('=');
                if (eq <= 0 || eq == raw.Length - 1)
                {
                    problems.Add($"Override '{raw}' is not of the form NAME=VALUE.");
                    continue;
                }
                string name = raw.Substring(0, eq).Trim();
                string text = raw.Substring(eq + 1).Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    problems.Add($"Override '{raw}': '{text}' is not a finite number.");
                    continue;
                }
                try
                {
                    p = p.With(name, value);
                }
                catch (ParameterException e)
                {
                    problems.Add(e.Message);
                }
            }
            problems.AddRange(p.FindProblems());
            if (problems.Count > 0) throw new ParameterException(problems);
            return p;
        }
    }
}

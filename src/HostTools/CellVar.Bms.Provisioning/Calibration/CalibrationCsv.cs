using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CellVar.Bms.Provisioning.Calibration
{
    /// <summary>
    /// Reads <c>signal,raw_counts,reference</c> CSV (header required, <c>#</c> comments and blank lines ignored).
    /// Every problem names the line and column.
    /// </summary>
    public static partial class CalibrationCsv
    {
        /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names the file in errors.</summary>
        public static IReadOnlyList<CalibrationReading> Parse(string text, string source)
        {
            var result = new List<CalibrationReading>();
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            bool header = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                int no = i + 1;
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                string[] f = line.Split(',');
                if (!header)
                {
                    if (f.Length != 3 || f[0].Trim() != "signal" || f[1].Trim() != "raw_counts" || f[2].Trim() != "reference")
                        throw new ProvisioningException($"{source}:{no}: header must be 'signal,raw_counts,reference'");
                    header = true;
                    continue;
                }
                if (f.Length != 3)
                    throw new ProvisioningException($"{source}:{no}: expected 3 columns, found {f.Length}");
                string signal = f[0].Trim();
                if (!SignalPattern().IsMatch(signal))
                    throw new ProvisioningException($"{source}:{no}:1: signal '{signal}' must be cell1..cellN, current or pack");
                double raw = Number(f[1], source, no, 2, "raw_counts");
                double reference = Number(f[2], source, no, 3, "reference");
                if (raw < 0)
                    throw new ProvisioningException($"{source}:{no}:2: raw_counts must not be negative");
                result.Add(new CalibrationReading(signal, raw, reference, no));
            }
            if (!header)
                throw new ProvisioningException($"{source}: empty file (header 'signal,raw_counts,reference' expected)");
            if (result.Count == 0)
                throw new ProvisioningException($"{source}: no readings after the header");
            return result;
        }

        private static double Number(string field, string source, int line, int column, string name)
        {
            if (!double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new ProvisioningException($"{source}:{line}:{column}: {name} '{field.Trim()}' is not a number");
            return v;
        }

        [GeneratedRegex("^(cell[1-9][0-9]?|current|pack)$")]
        private static partial Regex SignalPattern();
    }
}

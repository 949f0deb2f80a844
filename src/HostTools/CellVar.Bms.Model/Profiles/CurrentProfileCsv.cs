using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.Model.Profiles
{
    /// <summary>
    /// Reads current profiles from CSV: a header <c>time_s,current_A</c> (case-insensitive, extra columns allowed and ignored),
    /// then one breakpoint per line. Blank lines and lines starting with <c>#</c> are skipped.
    /// See <see cref="CurrentProfile"/> for how breakpoints are interpreted.
    /// </summary>
    public static class CurrentProfileCsv
    {
        /// <summary>Reads a profile file.</summary>
        /// <exception cref="ProfileFormatException">Malformed content, with line and column.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static CurrentProfile Read(string path)
        {
            using var reader = new StreamReader(path);
            return Parse(reader, Path.GetFileName(path));
        }

        /// <summary>Parses a profile from text; <paramref name="sourceName"/> appears in error messages.</summary>
        /// <exception cref="ProfileFormatException">Malformed content, with line and column.</exception>
        public static CurrentProfile Parse(TextReader reader, string sourceName)
        {
            var time = new List<double>();
            var current = new List<double>();
            int timeCol = -1, currentCol = -1, lineNo = 0;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lineNo++;
                string trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
                string[] fields = trimmed.Split(',');
                if (timeCol < 0)
                {
                    for (int i = 0; i < fields.Length; i++)
                    {
                        string h = fields[i].Trim().Trim('"');
                        if (h.Equals("time_s", StringComparison.OrdinalIgnoreCase)) timeCol = i;
                        else if (h.Equals("current_A", StringComparison.OrdinalIgnoreCase)) currentCol = i;
                    }
                    if (timeCol < 0 || currentCol < 0)
                        throw new ProfileFormatException(sourceName, lineNo, 0, $"expected a header with columns 'time_s' and 'current_A', found '{trimmed}'.");
                    continue;
                }
                double t = Field(fields, timeCol, "time_s", sourceName, lineNo);
                double c = Field(fields, currentCol, "current_A", sourceName, lineNo);
                if (time.Count > 0 && !(t > time[^1]))
                    throw new ProfileFormatException(sourceName, lineNo, timeCol + 1, $"time_s {t.ToString(CultureInfo.InvariantCulture)} is not after the previous time {time[^1].ToString(CultureInfo.InvariantCulture)}.");
                if (time.Count == 0 && t < 0)
                    throw new ProfileFormatException(sourceName, lineNo, timeCol + 1, "time_s must not be negative.");
                time.Add(t);
                current.Add(c);
            }
            if (timeCol < 0) throw new ProfileFormatException(sourceName, Math.Max(lineNo, 1), 0, "empty profile: expected a header 'time_s,current_A'.");
            if (time.Count < 2) throw new ProfileFormatException(sourceName, Math.Max(lineNo, 1), 0, "a profile needs at least two rows (start and end time).");
            return new CurrentProfile(time, current);
        }

        private static double Field(string[] fields, int col, string name, string source, int line)
        {
            if (col >= fields.Length)
                throw new ProfileFormatException(source, line, col + 1, $"missing field '{name}' (line has {fields.Length} fields).");
            string text = fields[col].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new ProfileFormatException(source, line, col + 1, $"'{text}' is not a finite number for '{name}'.");
            return v;
        }
    }
}

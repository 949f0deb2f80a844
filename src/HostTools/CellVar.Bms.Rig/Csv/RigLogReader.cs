using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace CellVar.Bms.Rig.Csv
{
    /// <summary>
    /// Reads rig logs: a header <c>time_s,current_A,cell1_V,...,cellN_V[,temp1_C,...,tempM_C]</c> in any column order
    /// (names case-insensitive, unknown columns ignored), then one row per sample. Lines starting with <c>#</c> and blank
    /// lines are skipped. A blank field is a missing sample (the device flags it); text that is not a finite number,
    /// a wrong field count, a missing header column or time that does not increase is a <see cref="RigLogFormatException"/>
    /// naming the line and column.
    /// </summary>
    public static partial class RigLogReader
    {
        /// <summary>Largest number of cells or temperature sensors a header may declare (guards against absurd headers).</summary>
        public const int MaxChannels = 1024;

        [GeneratedRegex(@"^cell(\d+)_v$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex CellColumn();

        [GeneratedRegex(@"^temp(\d+)_c$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex TempColumn();

        /// <summary>Reads the file at <paramref name="path"/>.</summary>
        /// <exception cref="RigLogFormatException">The content is malformed.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static RigLog ReadFile(string path)
        {
            using var reader = new StreamReader(path);
            return Read(reader, Path.GetFileName(path));
        }

        /// <summary>Reads a rig log from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
        /// <exception cref="RigLogFormatException">The content is malformed.</exception>
        public static RigLog Read(TextReader reader, string source)
        {
            ArgumentNullException.ThrowIfNull(reader);
            var fields = new List<string>();
            int lineNo = 0;
            string? line;
            Header? header = null;
            var time = new List<double>();
            var current = new List<double>();
            List<double>[] cells = [];
            List<double>[] temps = [];
            var lines = new List<int>();

            while ((line = reader.ReadLine()) != null)
            {
                lineNo++;
                if (line.Length > 0 && line[0] == '\uFEFF') line = line.Substring(1); // UTF-8 BOM on the first line
                string trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed[0] == '#') continue;
                if (!CsvLine.TrySplit(line, fields, out int badCol))
                    throw new RigLogFormatException(source, lineNo, badCol, header?.NameOf(badCol - 1), "quoted field is not closed");

                if (header == null)
                {
                    header = ParseHeader(fields, source, lineNo);
                    cells = NewColumns(header.CellColumns.Length);
                    temps = NewColumns(header.TempColumns.Length);
                    continue;
                }

                if (fields.Count != header.Names.Count)
                    throw new RigLogFormatException(source, lineNo, 0, null,
                        $"expected {header.Names.Count} fields as in the header, found {fields.Count}");

                double t = ParseValue(fields, header.TimeColumn, header, source, lineNo);
                if (RigLog.IsMissing(t))
                    throw new RigLogFormatException(source, lineNo, header.TimeColumn + 1, header.NameOf(header.TimeColumn), "time is blank; every row needs a time");
                if (time.Count > 0 && !(t > time[^1]))
                    throw new RigLogFormatException(source, lineNo, header.TimeColumn + 1, header.NameOf(header.TimeColumn),
                        $"time {Format(t)} s does not increase (previous row, line {lines[^1]}, has {Format(time[^1])} s)");
                time.Add(t);
                current.Add(ParseValue(fields, header.CurrentColumn, header, source, lineNo));
                for (int c = 0; c < cells.Length; c++) cells[c].Add(ParseValue(fields, header.CellColumns[c], header, source, lineNo));
                for (int s = 0; s < temps.Length; s++) temps[s].Add(ParseValue(fields, header.TempColumns[s], header, source, lineNo));
                lines.Add(lineNo);
            }

            if (header == null)
                throw new RigLogFormatException(source, 0, 0, null, "empty file: expected a header line time_s,current_A,cell1_V,...");
            if (time.Count == 0)
                throw new RigLogFormatException(source, 0, 0, null, "no data rows after the header");

            return new RigLog(time.ToArray(), current.ToArray(), ToArrays(cells), ToArrays(temps), lines.ToArray())
            {
                IgnoredColumns = header.Ignored,
            };
        }

        private static List<double>[] NewColumns(int n)
        {
            var a = new List<double>[n];
            for (int i = 0; i < n; i++) a[i] = new List<double>();
            return a;
        }

        private static double[][] ToArrays(List<double>[] cols)
        {
            var a = new double[cols.Length][];
            for (int i = 0; i < cols.Length; i++) a[i] = cols[i].ToArray();
            return a;
        }

        private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static double ParseValue(List<string> fields, int index, Header header, string source, int lineNo)
        {
            string s = fields[index];
            if (s.Length == 0) return double.NaN;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new RigLogFormatException(source, lineNo, index + 1, header.NameOf(index), $"'{Clip(s)}' is not a number");
            if (!double.IsFinite(v))
                throw new RigLogFormatException(source, lineNo, index + 1, header.NameOf(index), $"'{Clip(s)}' is not a finite number (leave the field blank for a missing sample)");
            return v;
        }

        private static string Clip(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";

        private static Header ParseHeader(List<string> names, string source, int lineNo)
        {
            int time = -1, current = -1;
            var cellAt = new SortedDictionary<int, int>();
            var tempAt = new SortedDictionary<int, int>();
            var ignored = new List<string>();
            for (int i = 0; i < names.Count; i++)
            {
                string n = names[i];
                Match m;
                if (n.Equals("time_s", StringComparison.OrdinalIgnoreCase)) time = Unique(time, i, n);
                else if (n.Equals("current_A", StringComparison.OrdinalIgnoreCase)) current = Unique(current, i, n);
                else if ((m = CellColumn().Match(n)).Success) AddIndexed(cellAt, m, i, n);
                else if ((m = TempColumn().Match(n)).Success) AddIndexed(tempAt, m, i, n);
                else ignored.Add(n.Length == 0 ? $"(unnamed column {i + 1})" : n);
            }

            int Unique(int existing, int i, string n)
            {
                if (existing >= 0)
                    throw new RigLogFormatException(source, lineNo, i + 1, n, $"column {n} appears twice (also column {existing + 1})");
                return i;
            }

            void AddIndexed(SortedDictionary<int, int> map, Match m, int i, string n)
            {
                if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1 || k > MaxChannels)
                    throw new RigLogFormatException(source, lineNo, i + 1, n, $"channel number must be 1..{MaxChannels}");
                if (map.TryGetValue(k, out int prev))
                    throw new RigLogFormatException(source, lineNo, i + 1, n, $"column {n} appears twice (also column {prev + 1})");
                map[k] = i;
            }

            bool looksNumeric = names.Count > 0 && double.TryParse(names[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            string expected = "expected a header like time_s,current_A,cell1_V,...,cellN_V[,temp1_C,...]";
            if (looksNumeric) throw new RigLogFormatException(source, lineNo, 0, null, "no header line; " + expected);
            if (time < 0) throw new RigLogFormatException(source, lineNo, 0, null, "header has no time_s column; " + expected);
            if (current < 0) throw new RigLogFormatException(source, lineNo, 0, null, "header has no current_A column; " + expected);
            if (cellAt.Count == 0) throw new RigLogFormatException(source, lineNo, 0, null, "header has no cellK_V columns; " + expected);

            return new Header(names.ToArray(), time, current,
                Contiguous(cellAt, "cell", "_V", source, lineNo), Contiguous(tempAt, "temp", "_C", source, lineNo), ignored);
        }

        private static int[] Contiguous(SortedDictionary<int, int> map, string prefix, string suffix, string source, int lineNo)
        {
            var cols = new int[map.Count];
            int expect = 1;
            foreach (var kv in map)
            {
                if (kv.Key != expect)
                    throw new RigLogFormatException(source, lineNo, 0, null,
                        $"header has {prefix}{kv.Key}{suffix} but no {prefix}{expect}{suffix}; channels must be numbered 1..N without gaps");
                cols[expect - 1] = kv.Value;
                expect++;
            }
            return cols;
        }

        private sealed record Header(string[] NamesArray, int TimeColumn, int CurrentColumn, int[] CellColumns, int[] TempColumns, List<string> Ignored)
        {
            public IReadOnlyList<string> Names => NamesArray;

            public string? NameOf(int index) => index >= 0 && index < NamesArray.Length ? NamesArray[index] : null;
        }
    }
}

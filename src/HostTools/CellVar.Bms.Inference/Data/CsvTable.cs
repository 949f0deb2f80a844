using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.Inference.Data
{
    /// <summary>
    /// A small comma-separated table with a header row. Cells are kept as text; typed access
    /// reports the file line and column name of anything that does not parse.
    /// Quoted fields are not supported: the analysis inputs are plain numeric exports.
    /// </summary>
    public sealed class CsvTable
    {
        private readonly Dictionary<string, int> _index;
        private readonly List<string[]> _rows;
        private readonly List<int> _lineNumbers;

        private CsvTable(string source, string[] header, List<string[]> rows, List<int> lineNumbers)
        {
            Source = source;
            Header = header;
            _rows = rows;
            _lineNumbers = lineNumbers;
            _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < header.Length; i++)
                _index[header[i]] = i;
        }

        /// <summary>Where the table came from (file name), used in messages.</summary>
        public string Source { get; }

        /// <summary>Column names in file order.</summary>
        public IReadOnlyList<string> Header { get; }

        /// <summary>Number of data rows.</summary>
        public int RowCount => _rows.Count;

        /// <summary>Reads a file.</summary>
        public static CsvTable Load(string path)
        {
            if (!File.Exists(path))
                throw new InvalidInputException($"Data file '{path}' does not exist.", "Pass the path of an existing CSV file.");
            using var reader = new StreamReader(path);
            return Parse(reader, Path.GetFileName(path));
        }

        /// <summary>Parses CSV text; <paramref name="source"/> names it in messages.</summary>
        public static CsvTable Parse(TextReader reader, string source)
        {
            string? headerLine = reader.ReadLine();
            int line = 1;
            while (headerLine != null && headerLine.Trim().Length == 0)
            {
                headerLine = reader.ReadLine();
                line++;
            }
            if (headerLine == null)
                throw new InvalidInputException($"{source} is empty.", "Provide a CSV file whose first line names the columns.");
            string[] header = Split(headerLine);
            var rows = new List<string[]>();
            var lines = new List<int>();
            string? text;
            while ((text = reader.ReadLine()) != null)
            {
                line++;
                if (text.Trim().Length == 0)
                    continue;
                string[] fields = Split(text);
                if (fields.Length != header.Length)
                    throw new InvalidInputException(
                        $"{source} line {line} has {fields.Length} fields but the header has {header.Length}.",
                        "Make every row have one field per header column (leave a field empty for a missing value).");
                rows.Add(fields);
                lines.Add(line);
            }
            return new CsvTable(source, header, rows, lines);
        }

        /// <summary>True when the header has this column (case-insensitive).</summary>
        public bool HasColumn(string name) => _index.ContainsKey(name);

        /// <summary>Raw text of a column.</summary>
        public string[] Text(string column)
        {
            int c = ColumnIndex(column);
            var result = new string[_rows.Count];
            for (int r = 0; r < _rows.Count; r++)
                result[r] = _rows[r][c];
            return result;
        }

        /// <summary>A numeric column; empty fields become NaN (missing), anything else unparsable is an error.</summary>
        public double[] Numbers(string column)
        {
            int c = ColumnIndex(column);
            var result = new double[_rows.Count];
            for (int r = 0; r < _rows.Count; r++)
            {
                string s = _rows[r][c];
                if (s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase))
                {
                    result[r] = double.NaN;
                    continue;
                }
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsInfinity(v))
                    throw new InvalidInputException(
                        $"{Source} line {_lineNumbers[r]} column '{Header[c]}': '{s}' is not a finite number.",
                        "Use a plain decimal number with '.' as decimal separator, or leave the field empty for missing.");
                result[r] = v;
            }
            return result;
        }

        /// <summary>The file line number of a data row (for messages).</summary>
        public int LineOf(int row) => _lineNumbers[row];

        private int ColumnIndex(string column)
        {
            if (_index.TryGetValue(column, out int c))
                return c;
            throw new InvalidInputException(
                $"{Source} has no column '{column}'.",
                "Use one of: " + string.Join(", ", Header) + ".");
        }

        private static string[] Split(string line)
        {
            string[] parts = line.Split(',');
            for (int i = 0; i < parts.Length; i++)
                parts[i] = parts[i].Trim().Trim('"');
            return parts;
        }
    }
}

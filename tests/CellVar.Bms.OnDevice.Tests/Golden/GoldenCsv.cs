using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.OnDevice.Tests.Golden
{
    /// <summary>Reads a golden-vector CSV: one header line, then rows of integers of the header's width. Errors name file, line and column.</summary>
    public static class GoldenCsv
    {
        public static long[] Load(string path, int expectedWidth, out string[] header)
        {
            string[] lines = File.ReadAllLines(path);
            if (lines.Length == 0) throw new FormatException($"{Path.GetFileName(path)}: empty file (expected a header line)");
            header = lines[0].Split(',');
            if (header.Length != expectedWidth)
                throw new FormatException($"{Path.GetFileName(path)} line 1: header has {header.Length} columns, expected {expectedWidth}");
            var values = new List<long>();
            for (int li = 1; li < lines.Length; li++)
            {
                string line = lines[li].Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                string[] cells = line.Split(',');
                if (cells.Length != expectedWidth)
                    throw new FormatException($"{Path.GetFileName(path)} line {li + 1}: {cells.Length} columns, expected {expectedWidth}");
                for (int c = 0; c < cells.Length; c++)
                {
                    if (!long.TryParse(cells[c].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                        throw new FormatException($"{Path.GetFileName(path)} line {li + 1} column {c + 1} ({header[c]}): '{cells[c]}' is not an integer");
                    values.Add(v);
                }
            }
            return values.ToArray();
        }
    }
}

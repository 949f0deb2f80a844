using System.Collections.Generic;
using System.Text;

namespace CellVar.Bms.Rig.Csv
{
    /// <summary>Splits one CSV line into fields (RFC 4180 quoting: "a,b" and doubled "" inside quotes).</summary>
    internal static class CsvLine
    {
        /// <summary>Splits <paramref name="line"/>; returns false with the 1-based column of an unterminated quote.</summary>
        public static bool TrySplit(string line, List<string> fields, out int badColumn)
        {
            fields.Clear();
            badColumn = 0;
            var sb = new StringBuilder();
            int i = 0;
            while (true)
            {
                sb.Clear();
                if (i < line.Length && line[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= line.Length) { badColumn = fields.Count + 1; return false; }
                        char c = line[i++];
                        if (c == '"')
                        {
                            if (i < line.Length && line[i] == '"') { sb.Append('"'); i++; }
                            else break;
                        }
                        else sb.Append(c);
                    }
                    // Text after the closing quote up to the comma is kept, like most spreadsheet readers do.
                    while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
                }
                else
                {
                    while (i < line.Length && line[i] != ',') sb.Append(line[i++]);
                }
                fields.Add(sb.ToString().Trim());
                if (i >= line.Length) return true;
                i++; // skip the comma
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>Reads numeric columns from a cells CSV (header row; rows whose "status" column is not "ok" are skipped). Errors name file, line and column.</summary>
    public static class CsvColumns
    {
        /// <summary>Returns the finite values of <paramref name="column"/>.</summary>
        public static double[] Read(string path, string column)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"cells CSV not found: {path}");
            using var r = new StreamReader(path);
            string? header = r.ReadLine() ?? throw new InvalidDataException($"{path}: empty file");
            var names = header.Split(',');
            int c = Array.IndexOf(names, column), status = Array.IndexOf(names, "status");
            if (c < 0) throw new InvalidDataException($"{path}: no column \"{column}\" (columns: {header})");
            var values = new List<double>();
            string? line;
            int lineNo = 1;
            while ((line = r.ReadLine()) != null)
            {
                lineNo++;
                if (line.Length == 0) continue;
                var f = line.Split(',');
                if (f.Length != names.Length) throw new InvalidDataException($"{path}: line {lineNo} has {f.Length} fields, header has {names.Length}");
                if (status >= 0 && f[status] != "ok") continue;
                if (!double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new InvalidDataException($"{path}: line {lineNo}, column \"{column}\": \"{f[c]}\" is not a finite number");
                values.Add(v);
            }
            return values.ToArray();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>
    /// Writes results.json (everything), roc.csv (every method × threshold × defect group: the ROC data), results.md and
    /// one ROC PNG per defect group into an output folder.
    /// </summary>
    public static class ResultFiles
    {
        /// <summary>Writes all files; returns their paths.</summary>
        public static IReadOnlyList<string> Write(string folder, EvaluationResult r, string command)
        {
            Directory.CreateDirectory(folder);
            var paths = new List<string>();
            string json = Path.Combine(folder, "results.json");
            File.WriteAllText(json, JsonSerializer.Serialize(r, Options));
            paths.Add(json);
            string csv = Path.Combine(folder, "roc.csv");
            using (var w = new StreamWriter(csv)) WriteRocCsv(w, r);
            paths.Add(csv);
            string md = Path.Combine(folder, "results.md");
            using (var w = new StreamWriter(md)) MarkdownWriter.Write(w, r, command);
            paths.Add(md);
            foreach (GroupResult g in r.Groups.Where(g => g.Expectation == Expectation.Detect))
            {
                string png = Path.Combine(folder, $"roc-{g.Scenario}-{Slug(g.SizeLabel)}.png");
                RocPlot.Write(png, r, g);
                paths.Add(png);
            }
            return paths;
        }

        /// <summary>One row per defect group, method and threshold.</summary>
        public static void WriteRocCsv(TextWriter w, EvaluationResult r)
        {
            w.WriteLine("scenario,size,method,quantity,threshold,is_default,runs,detected,pd,median_delay_s,p95_delay_s,pooled_false_alarms,pooled_cell_hours,pooled_fa_per_1000_cell_h");
            foreach (GroupResult g in r.Groups.Where(g => g.Expectation == Expectation.Detect))
                foreach (string m in Comparison.MethodIds(r))
                {
                    PooledFalseAlarms p = Comparison.Pool(r, m, g.Quantity);
                    OperatingPoint[] pts = g.Points[m];
                    for (int k = 0; k < pts.Length; k++)
                        w.WriteLine(string.Join(",", g.Scenario, Csv(g.SizeLabel), m, g.Quantity.ToString().ToLowerInvariant(), D(pts[k].Threshold),
                            k == p.DefaultIndex ? "1" : "0", pts[k].Runs, pts[k].Detected, D(pts[k].DetectionProbability), D(pts[k].MedianDelay_s),
                            D(pts[k].P95Delay_s), p.FalseAlarms[k], D(p.CellHours), D(p.RatePer1000(k))));
                }
        }

        private static readonly JsonSerializerOptions Options = new()
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };

        private static string D(double? v) => v is double d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "";
        private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

        /// <summary>File-name-safe version of a size label ("+5 %" → "plus5pct", "×10" → "x10").</summary>
        public static string Slug(string label)
        {
            var sb = new System.Text.StringBuilder();
            foreach (char c in label)
            {
                if (char.IsAsciiLetterOrDigit(c) || c == '.') sb.Append(c);
                else if (c == '+') sb.Append("plus");
                else if (c == '%') sb.Append("pct");
                else if (c == '×') sb.Append('x');
                else if (c == '±') sb.Append("pm");
            }
            return sb.Length > 0 ? sb.ToString() : "size";
        }
    }
}

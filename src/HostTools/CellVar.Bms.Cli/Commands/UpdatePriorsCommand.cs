using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Bayes;
using CellVar.Bms.Inference.Data;
using Spectre.Console;
using static CellVar.Bms.Cli.Commands.InferenceCommandSupport;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar update-priors DATA.csv --estimate COL --se COL --levels module</c>: partial pooling → priors.json.</summary>
    internal static class UpdatePriorsCommand
    {
        public static Command Create()
        {
            var data = new Argument<string>("data") { Description = "CSV with one row per cell: cell index, group columns, estimate, standard error." };
            var cell = new Option<string>("--cell") { Description = "Column with the 1-based cell index.", DefaultValueFactory = _ => "cell" };
            var estimate = new Option<string>("--estimate") { Description = "Column with the cell's estimate.", Required = true };
            var se = new Option<string>("--se") { Description = "Column with the estimate's standard error.", Required = true };
            var levels = new Option<string>("--levels") { Description = "Grouping columns, top first (e.g. lot,module); the last is the group whose prior each cell gets.", Required = true };
            var quantity = new Option<string>("--quantity") { Description = "resistance (mOhm) | capacity (Ah) | temperature_rise (K).", DefaultValueFactory = _ => "resistance" };
            var normal = new Option<bool>("--normal") { Description = "Plain normal model instead of the robust Student-t cell deviations." };
            var df = new Option<double>("--df") { Description = "Degrees of freedom of the robust model.", DefaultValueFactory = _ => 4 };
            var alarm = new Option<double>("--false-alarm") { Description = "False-alarm probability per healthy cell per day.", DefaultValueFactory = _ => 1e-4 };
            var tests = new Option<double>("--tests-per-day") { Description = "Prior comparisons per cell per day (splits the daily budget).", DefaultValueFactory = _ => 24 };
            var side = new Option<string?>("--side") { Description = "high | low | both (default: capacity low, others high)." };
            var output = new Option<string?>("--out") { Description = "Write the priors file (cellvar-priors v1) here." };
            var json = new Option<bool>("--json") { Description = "Print one JSON document (hyperparameters, groups, cells, priors)." };
            var cmd = new Command("update-priors", "Bayesian partial pooling of per-cell estimates into updated device priors.");
            cmd.Arguments.Add(data);
            foreach (Option o in new Option[] { cell, estimate, se, levels, quantity, normal, df, alarm, tests, side, output, json })
                cmd.Options.Add(o);
            cmd.SetAction(parse => Run(parse, () =>
            {
                CsvTable table = CsvTable.Load(parse.GetValue(data)!);
                string q = parse.GetValue(quantity)!;
                PriorFileWriter.UnitOf(q);
                string[] names = parse.GetValue(levels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (names.Length == 0)
                    throw new InvalidInputException("--levels is empty.", "Name the grouping columns, e.g. --levels module.");
                string cellCol = parse.GetValue(cell)!;
                string[] ids = table.Text(cellCol);
                double[] est = table.Numbers(parse.GetValue(estimate)!);
                double[] err = table.Numbers(parse.GetValue(se)!);
                var groups = names.Select(table.Text).ToArray();
                var cells = new List<CellEstimate>();
                var seen = new HashSet<int>();
                for (int r = 0; r < table.RowCount; r++)
                {
                    if (!int.TryParse(ids[r], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || id < 1)
                        throw new InvalidInputException($"{table.Source} line {table.LineOf(r)} column '{cellCol}': '{ids[r]}' is not a 1-based cell index.", "Use the monitor's cell numbers 1, 2, 3, ...");
                    if (!seen.Add(id))
                        throw new InvalidInputException($"{table.Source} line {table.LineOf(r)}: cell {id} appears twice.", "A priors file is per monitor: keep one row per cell (filter to one pack).");
                    if (double.IsNaN(est[r]) || double.IsNaN(err[r]))
                        throw new InvalidInputException($"{table.Source} line {table.LineOf(r)}: estimate or standard error is missing.", "Drop cells without an estimate.");
                    cells.Add(new CellEstimate(id, groups.Select(g => g[r]).ToArray(), est[r], err[r]));
                }
                var options = new PriorUpdateOptions(!parse.GetValue(normal), parse.GetValue(df));
                PriorUpdate u = PriorUpdater.Update(cells, names, options);
                string sideValue = (parse.GetValue(side) ?? (q == "capacity" ? "low" : "high")).ToLowerInvariant();
                if (sideValue is not ("high" or "low" or "both"))
                    throw new InvalidInputException($"--side '{sideValue}' is unknown.", "Use high, low or both.");
                var (quantityPrior, overrides) = PriorUpdater.ToPriors(u, cells, q, parse.GetValue(alarm), parse.GetValue(tests), sideValue != "low", sideValue != "high");
                string source = $"cellvar update-priors {Path.GetFileName(parse.GetValue(data))} ({(options.Robust ? $"robust t, df {options.Df}" : "normal")} partial pooling over {string.Join("/", names)})";
                string priorJson = PriorFileWriter.ToJson(source, new[] { quantityPrior }, overrides);
                string? outPath = parse.GetValue(output);
                if (outPath != null) File.WriteAllText(outPath, priorJson);
                if (parse.GetValue(json))
                {
                    using JsonDocument priorDoc = JsonDocument.Parse(priorJson);
                    WriteJson(parse, new
                    {
                        quantity = q,
                        model = options.Robust ? "student_t" : "normal",
                        df = options.Robust ? options.Df : (double?)null,
                        mean = u.Mean,
                        variance_components = u.LevelNames.Select((n, i) => new { level = n, variance = u.Variances[i], sd = Math.Sqrt(u.Variances[i]) }),
                        groups = u.Groups.Select(g => new { group = string.Join("/", g.Path), mean = g.Mean, sd = g.Sd, cells = g.Cells }),
                        cells = u.Cells.Select(c => new { cell = c.Cell, posterior_mean = c.Mean, posterior_sd = c.Sd, weight = c.Weight }),
                        priors = priorDoc.RootElement.Clone(),
                        priors_file = outPath,
                    });
                    return 0;
                }
                IAnsiConsole console = InferenceCommandSupport.Console(parse);
                console.WriteLine($"{q}: {cells.Count} cells, {(options.Robust ? $"robust Student-t (df {options.Df})" : "normal")} partial pooling; fleet mean {F(u.Mean)}");
                var vt = new Table().AddColumns("level", "sd between groups");
                for (int i = 0; i < u.LevelNames.Count; i++) vt.AddTextRow(u.LevelNames[i], F(Math.Sqrt(u.Variances[i])));
                console.Write(vt);
                var gt = new Table().AddColumns(names[^1], "cells", "posterior mean", "posterior sd", "down-weighted cells (w < 0.5)");
                for (int g = 0; g < u.Groups.Count; g++)
                {
                    var low = u.Cells.Where(c => c.Group == g && c.Weight < 0.5).Select(c => $"{c.Cell} (w {c.Weight:F2})").ToList();
                    string shown = string.Join(", ", low.Take(5)) + (low.Count > 5 ? $" and {low.Count - 5} more" : "");
                    gt.AddTextRow(string.Join("/", u.Groups[g].Path), u.Groups[g].Cells.ToString(), F(u.Groups[g].Mean), F(u.Groups[g].Sd), shown);
                }
                console.Write(gt);
                console.WriteLine($"pack prior: {quantityPrior.Family} location {F(quantityPrior.Location)} scale {F(quantityPrior.Scale)}; thresholds high {F(quantityPrior.ThresholdHigh ?? double.NaN)} low {F(quantityPrior.ThresholdLow ?? double.NaN)}");
                int flagged = overrides.Count(o => cells.First(c => c.Cell == o.Cell).Estimate is double e && ((o.ThresholdHigh.HasValue && e > o.ThresholdHigh) || (o.ThresholdLow.HasValue && e < o.ThresholdLow)));
                console.WriteLine($"{overrides.Count} per-cell priors (their group's healthy predictive); {flagged} cell(s) currently beyond their thresholds");
                if (outPath != null) console.WriteLine("priors written to " + outPath);
                return 0;
            }));
            return cmd;
        }
    }
}

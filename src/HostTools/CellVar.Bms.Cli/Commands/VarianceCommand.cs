using System;
using System.CommandLine;
using System.Linq;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Data;
using CellVar.Bms.Inference.Variance;
using Spectre.Console;
using static CellVar.Bms.Cli.Commands.InferenceCommandSupport;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar variance DATA.csv --value COL --levels TOP,...,BOTTOM</c>: nested variance components by REML.</summary>
    internal static class VarianceCommand
    {
        public static Command Create()
        {
            var data = new Argument<string>("data") { Description = "CSV file with a header row." };
            var value = new Option<string>("--value") { Description = "Numeric column to decompose.", Required = true };
            var log = new Option<bool>("--log") { Description = "Decompose ln(value) (relative variation; needs positive values)." };
            var levels = new Option<string>("--levels") { Description = "Grouping columns, top level first (e.g. lot,module,cell). Single-row groups at the bottom become the residual.", Required = true };
            var confidence = new Option<double>("--confidence") { Description = "Interval confidence level.", DefaultValueFactory = _ => 0.9 };
            var ml = new Option<bool>("--ml") { Description = "Maximum likelihood instead of REML." };
            var json = new Option<bool>("--json") { Description = "Print one JSON document." };
            var cmd = new Command("variance", "Hierarchical (nested random-effects) variance decomposition for unbalanced groups.");
            cmd.Arguments.Add(data);
            foreach (Option o in new Option[] { value, log, levels, confidence, ml, json })
                cmd.Options.Add(o);
            cmd.SetAction(parse => Run(parse, () =>
            {
                CsvTable table = CsvTable.Load(parse.GetValue(data)!);
                string col = parse.GetValue(value)!;
                double conf = parse.GetValue(confidence);
                if (!(conf > 0 && conf < 1))
                    throw new InvalidInputException($"--confidence {conf} is not in (0, 1).", "Use e.g. 0.9 or 0.95.");
                string[] names = parse.GetValue(levels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (names.Length == 0)
                    throw new InvalidInputException("--levels is empty.", "Name the grouping columns, top first, e.g. --levels lot,module,cell.");
                double[] raw = table.Numbers(col);
                var labelCols = names.Select(table.Text).ToArray();
                var keep = Enumerable.Range(0, raw.Length).Where(r => !double.IsNaN(raw[r])).ToArray();
                bool takeLog = parse.GetValue(log);
                foreach (int r in keep)
                {
                    if (takeLog && raw[r] <= 0)
                        throw new InvalidInputException($"{table.Source} line {table.LineOf(r)} column '{col}': {raw[r]} is not positive, so --log cannot be applied.", "Drop --log or remove non-positive values.");
                    for (int k = 0; k < names.Length; k++)
                        if (labelCols[k][r].Length == 0)
                            throw new InvalidInputException($"{table.Source} line {table.LineOf(r)}: grouping column '{names[k]}' is empty.", "Give every row a group label at every level.");
                }
                double[] y = keep.Select(r => takeLog ? Math.Log(raw[r]) : raw[r]).ToArray();
                var labels = labelCols.Select(c => keep.Select(r => c[r]).ToArray()).ToList();
                var levelNames = names.ToList();
                // A bottom level whose groups are single rows is the residual itself, not an extra level.
                string residualName = "residual";
                if (levelNames.Count > 1 || labels[^1].Distinct().Count() == y.Length)
                {
                    var paths = Enumerable.Range(0, y.Length).Select(i => string.Join("\u001f", labels.Select(l => l[i]))).ToArray();
                    if (paths.Distinct().Count() == y.Length)
                    {
                        residualName = levelNames[^1];
                        labels.RemoveAt(labels.Count - 1);
                        levelNames.RemoveAt(levelNames.Count - 1);
                    }
                }
                if (levelNames.Count == 0)
                    throw new InvalidInputException($"Every row is its own '{residualName}' group, so there is no grouping level above the residual.", "Add a higher grouping column to --levels (e.g. module).");
                var model = new NestedModel(y, labels, levelNames);
                VarianceDecomposition d = VarianceComponentsFitter.Fit(model, conf, !parse.GetValue(ml));
                string Name(VarianceComponent c) => c.Name == "residual" ? residualName : c.Name;
                if (parse.GetValue(json))
                {
                    WriteJson(parse, new
                    {
                        value = col,
                        log = takeLog,
                        method = d.Method,
                        rows = d.Rows,
                        confidence = conf,
                        mean = d.Mean,
                        mean_se = d.MeanSe,
                        components = d.Components.Select(c => new
                        {
                            level = Name(c),
                            groups = c.Groups,
                            variance = Num(c.Variance),
                            sd = Num(Math.Sqrt(c.Variance)),
                            lower = Num(c.Lower),
                            upper = Num(c.Upper),
                            share = Num(c.Share),
                            share_lower = Num(c.ShareLower),
                            share_upper = Num(c.ShareUpper),
                        }),
                    });
                    return 0;
                }
                IAnsiConsole console = InferenceCommandSupport.Console(parse);
                console.WriteLine($"{(takeLog ? "ln " : "")}{col}: {d.Rows} rows, {d.Method}, mean {F(d.Mean)} ± {F(d.MeanSe)}; {conf:P0} profile-likelihood intervals");
                var t = new Table().AddColumns("level", "groups", "variance", "sd", $"{conf:P0} interval", "share", "share interval");
                foreach (VarianceComponent c in d.Components)
                    t.AddTextRow(Name(c), c.Groups.ToString(), F(c.Variance), F(Math.Sqrt(c.Variance)), $"[{F(c.Lower)}, {F(c.Upper)}]", $"{c.Share:P1}",
                        double.IsNaN(c.ShareLower) ? "-" : $"[{c.ShareLower:P1}, {c.ShareUpper:P1}]");
                console.Write(t);
                return 0;
            }));
            return cmd;
        }
    }
}

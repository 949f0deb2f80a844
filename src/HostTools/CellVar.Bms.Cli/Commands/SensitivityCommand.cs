using System;
using System.CommandLine;
using System.Linq;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Plotting;
using CellVar.Bms.Inference.Sensitivity;
using Spectre.Console;
using static CellVar.Bms.Cli.Commands.InferenceCommandSupport;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar sensitivity --spec SPEC.json</c>: Sobol' indices and/or Shapley effects.</summary>
    internal static class SensitivityCommand
    {
        public static Command Create()
        {
            var spec = new Option<string>("--spec") { Description = "JSON spec: inputs, optional correlation, model (see src/HostTools/examples/sensitivity-*.json).", Required = true };
            var samples = new Option<int?>("--samples") { Description = "Sobol' base sample N (N(d+2) runs); also Nv and the Shapley size (m permutations, or No outer samples in exact mode)." };
            var method = new Option<string>("--method") { Description = "sobol | shapley | both (default: both for independent inputs, shapley otherwise).", DefaultValueFactory = _ => "auto" };
            var mode = new Option<string>("--shapley-mode") { Description = "exact | random | auto (exact when d <= 4).", DefaultValueFactory = _ => "auto" };
            var inner = new Option<int>("--ni") { Description = "Shapley inner samples Ni.", DefaultValueFactory = _ => 3 };
            var outer = new Option<int>("--no") { Description = "Shapley outer samples No per permutation step (random mode).", DefaultValueFactory = _ => 1 };
            var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for Sobol' SEs.", DefaultValueFactory = _ => 200 };
            var seed = new Option<int?>("--seed") { Description = "Random seed (default: spec seed or 1)." };
            var plot = new Option<string?>("--plot") { Description = "Write a bar chart of the indices to this PNG file." };
            var json = new Option<bool>("--json") { Description = "Print one JSON document (keys inputs, first_order, total, shapley and *_se)." };
            var cmd = new Command("sensitivity", "Global sensitivity: first-order/total Sobol' indices and Shapley effects (correlated inputs via a Gaussian copula).");
            foreach (Option o in new Option[] { spec, samples, method, mode, inner, outer, bootstrap, seed, plot, json })
                cmd.Options.Add(o);
            cmd.SetAction(parse => Run(parse, () =>
            {
                SensitivitySpec s = SensitivitySpec.Load(parse.GetValue(spec)!);
                int n = parse.GetValue(samples) ?? s.Samples ?? 4096;
                int sd = parse.GetValue(seed) ?? s.Seed ?? 1;
                string m = parse.GetValue(method)!.ToLowerInvariant();
                if (m == "auto") m = s.Space.IsIndependent ? "both" : "shapley";
                if (m != "sobol" && m != "shapley" && m != "both")
                    throw new InvalidInputException($"--method '{m}' is unknown.", "Use sobol, shapley or both.");
                int d = s.Space.Dimension;
                SobolResult? sobol = m is "sobol" or "both" ? SobolAnalysis.Run(s.Space, s.Model, n, parse.GetValue(bootstrap), sd) : null;
                ShapleyResult? shap = null;
                if (m is "shapley" or "both")
                {
                    string md = parse.GetValue(mode)!.ToLowerInvariant();
                    bool exact = md == "exact" || (md == "auto" && d <= 4);
                    var opts = exact
                        ? new ShapleyOptions(n, 0, Math.Max(2, n), parse.GetValue(inner), true)
                        : new ShapleyOptions(n, Math.Max(2, n), parse.GetValue(outer), parse.GetValue(inner), false);
                    shap = ShapleyAnalysis.Run(s.Space, s.Model, opts, sd);
                }
                string[] names = s.Space.Inputs.Select(i => i.Name).ToArray();
                string? png = parse.GetValue(plot);
                if (png != null)
                {
                    var series = new System.Collections.Generic.List<(string, System.Collections.Generic.IReadOnlyList<double>)>();
                    if (sobol != null) { series.Add(("first order", sobol.FirstOrder)); series.Add(("total", sobol.Total)); }
                    if (shap != null) series.Add(("Shapley", shap.Effects));
                    PlotWriter.IndexBars(names, series, "Sensitivity: " + s.Model.Description, png);
                }
                if (parse.GetValue(json))
                {
                    WriteJson(parse, new
                    {
                        model = s.Model.Description,
                        inputs = names,
                        correlated = !s.Space.IsIndependent,
                        first_order = sobol?.FirstOrder.Select(Num),
                        first_order_se = sobol?.FirstOrderSe.Select(Num),
                        first_order_ci95 = sobol == null ? null : names.Select((_, i) => new[] { Num(sobol.FirstOrderLower95[i]), Num(sobol.FirstOrderUpper95[i]) }),
                        total = sobol?.Total.Select(Num),
                        total_se = sobol?.TotalSe.Select(Num),
                        total_ci95 = sobol == null ? null : names.Select((_, i) => new[] { Num(sobol.TotalLower95[i]), Num(sobol.TotalUpper95[i]) }),
                        shapley = shap?.Effects.Select(Num),
                        shapley_se = shap?.StandardErrors.Select(Num),
                        shapley_mode = shap == null ? null : shap.Exact ? "exact" : "random",
                        output_variance = Num(shap?.OutputVariance ?? sobol!.OutputVariance),
                        model_runs = new { sobol = sobol?.ModelRuns, shapley = shap?.ModelRuns },
                        plot = png,
                    });
                    return 0;
                }
                IAnsiConsole console = InferenceCommandSupport.Console(parse);
                console.WriteLine($"model: {s.Model.Description}; {d} inputs{(s.Space.IsIndependent ? "" : " (correlated, Gaussian copula)")}");
                var t = new Table().AddColumn("input").AddColumn("distribution");
                if (sobol != null) t.AddColumn("first order ± SE (95 % CI)").AddColumn("total ± SE (95 % CI)");
                if (shap != null) t.AddColumn("Shapley ± SE");
                for (int i = 0; i < d; i++)
                {
                    var row = new System.Collections.Generic.List<string> { names[i], s.Space.Inputs[i].Description };
                    if (sobol != null)
                    {
                        row.Add($"{F(sobol.FirstOrder[i])} ± {F(sobol.FirstOrderSe[i])} [{F(sobol.FirstOrderLower95[i])}, {F(sobol.FirstOrderUpper95[i])}]");
                        row.Add($"{F(sobol.Total[i])} ± {F(sobol.TotalSe[i])} [{F(sobol.TotalLower95[i])}, {F(sobol.TotalUpper95[i])}]");
                    }
                    if (shap != null) row.Add($"{F(shap.Effects[i])} ± {F(shap.StandardErrors[i])}");
                    t.AddTextRow(row.ToArray());
                }
                console.Write(t);
                if (sobol != null) console.WriteLine($"Sobol': Var(Y) = {F(sobol.OutputVariance)}, {sobol.ModelRuns} model runs (Saltelli first order, Jansen total)");
                if (shap != null) console.WriteLine($"Shapley ({(shap.Exact ? "exact over all subsets" : "random permutations")}): sum = {F(shap.Effects.Sum())}, Var(Y) = {F(shap.OutputVariance)}, {shap.ModelRuns} model runs");
                if (png != null) console.WriteLine("plot written to " + png);
                return 0;
            }));
            return cmd;
        }
    }
}

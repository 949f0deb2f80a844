using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.MonteCarlo;
using CellVar.Bms.Population.Plots;
using CellVar.Bms.Population.Sampling;
using CellVar.Bms.Population.Spec;
using Spectre.Console;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar simulate</c>: Monte Carlo over a population spec, one CSV row per cell, summary table, optional PNGs.</summary>
    internal static class SimulateCommand
    {
        private static readonly string[] SummaryColumns = { "capacity_c3_Ah", "capacity_1c_Ah", "pulse_resistance_10s_mOhm", "eta_neg_1c_mV", "eta_pos_1c_mV", "heat_1c_W", "kappa_eff_neg_S_m", "separator_resistance_mOhm" };

        public static Command Create()
        {
            var spec = new Option<string>("--spec") { Description = "Population spec (JSON).", Required = true };
            var cells = new Option<int>("--cells") { Description = "Number of cells.", DefaultValueFactory = _ => 1000 };
            var output = new Option<string>("--out") { Description = "Output CSV (one row per cell).", Required = true };
            var seed = new Option<long>("--seed") { Description = "Master seed; cell i uses streams derived from (seed, i).", DefaultValueFactory = _ => 1 };
            var experiment = new Option<string>("--experiment") { Description = "standard (C/3 + 1C + 10 s pulse) or 1c.", DefaultValueFactory = _ => "standard" };
            var sampling = new Option<string>("--sampling") { Description = "plain, lhs or sobol (cell level).", DefaultValueFactory = _ => "plain" };
            var model = new Option<string>("--model") { Description = "Cell model: spme (default), spm-fast (3× faster, ≤ 10 mV rms from PyBaMM), ecm.", DefaultValueFactory = _ => "spme" };
            var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
            var plots = new Option<string?>("--plots") { Description = "Folder for histogram and QQ PNGs of the outputs." };
            var cmd = new Command("simulate", "Sample a cell population and run an experiment on every cell.");
            foreach (Option o in new Option[] { spec, cells, output, seed, experiment, sampling, model, threads, plots }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                var err = parse.InvocationConfiguration.Error;
                var outw = parse.InvocationConfiguration.Output;
                try
                {
                    var s = PopulationSpecReader.ReadFile(parse.GetValue(spec)!);
                    int n = parse.GetValue(cells);
                    if (n < 1) throw new ArgumentException("--cells must be ≥ 1");
                    var runner = new PopulationRunner
                    {
                        Spec = s, Seed = parse.GetValue(seed), Model = parse.GetValue(model)!,
                        Sampling = ParseSampling(parse.GetValue(sampling)!), Experiment = ParseExperiment(parse.GetValue(experiment)!),
                        MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(threads)),
                    };
                    var sw = Stopwatch.StartNew();
                    CellRecord[] records = null!;
                    AnsiConsole.Progress().AutoClear(true).Start(ctx =>
                    {
                        var task = ctx.AddTask($"simulating {n} cells", maxValue: n);
                        records = runner.Run(n, done => task.Value = done);
                    });
                    sw.Stop();
                    string outPath = parse.GetValue(output)!;
                    using (var w = new StreamWriter(outPath)) CellsCsv.Write(w, s, records);
                    int rejected = records.Count(r => r.Rejection != null);
                    outw.WriteLine($"{n} cells ({rejected} rejected as physically inconsistent) in {sw.Elapsed.TotalSeconds:F2} s with model {runner.Model}, {runner.Sampling} sampling → {outPath}");
                    var table = new PopulationTextTable("column", "n", "mean", "sd", "CoV %", "skew", "p01", "p50", "p99");
                    string? plotDir = parse.GetValue(plots);
                    if (plotDir != null) Directory.CreateDirectory(plotDir);
                    foreach (string col in SummaryColumns)
                    {
                        var vals = records.Select(r => CellsCsv.Value(s, r, col)).Where(v => v.HasValue).Select(v => v!.Value).ToArray();
                        if (col == "capacity_c3_Ah" && runner.Experiment != ExperimentKind.Standard) continue;
                        var st = SummaryStatistics.Of(col, vals);
                        table.AddRow(col, st.Count.ToString(), G(st.Mean), G(st.Sd), (100 * st.CoV).ToString("F3"), st.Skewness.ToString("F2"), G(st.P01), G(st.P50), G(st.P99));
                        if (plotDir != null)
                        {
                            PopulationPlots.Histogram(vals, col, Path.Combine(plotDir, col + "_hist.png"));
                            PopulationPlots.Qq(vals, col, Path.Combine(plotDir, col + "_qq.png"));
                        }
                    }
                    table.Write(outw);
                    return 0;
                }
                catch (Exception e) when (e is SpecException or ParameterException or ArgumentException or IOException or InvalidDataException)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
            });
            return cmd;
        }

        internal static SamplingMethod ParseSampling(string s) => s.ToLowerInvariant() switch
        {
            "plain" => SamplingMethod.Plain, "lhs" => SamplingMethod.Lhs, "sobol" => SamplingMethod.Sobol,
            _ => throw new ArgumentException($"--sampling: unknown \"{s}\" (plain, lhs, sobol)"),
        };

        internal static ExperimentKind ParseExperiment(string s) => s.ToLowerInvariant() switch
        {
            "standard" => ExperimentKind.Standard, "1c" => ExperimentKind.OneC,
            _ => throw new ArgumentException($"--experiment: unknown \"{s}\" (standard, 1c)"),
        };

        private static string G(double x) => x.ToString("G5", System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.MonteCarlo;
using CellVar.Bms.Population.Priors;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar priors</c>: fits device priors (cellvar-priors v1) from a simulated or measured population.</summary>
    internal static class PriorsCommand
    {
        public static Command Create()
        {
            var from = new Option<string?>("--from") { Description = "Cells CSV (from `cellvar simulate` or measured, same column names)." };
            var spec = new Option<string?>("--spec") { Description = "Population spec: simulate --cells cells first." };
            var cells = new Option<int>("--cells") { Description = "Cells to simulate with --spec.", DefaultValueFactory = _ => 4000 };
            var seed = new Option<long>("--seed") { Description = "Seed with --spec.", DefaultValueFactory = _ => 1 };
            var output = new Option<string>("--out") { Description = "priors.json to write.", Required = true };
            var fa = new Option<double>("--false-alarm") { Description = "False-alarm probability per healthy cell per day.", DefaultValueFactory = _ => 1e-4 };
            var tpd = new Option<double>("--tests-per-day") { Description = "Independent threshold tests per cell per day (per-test α = 1 − (1 − α_day)^(1/k)).", DefaultValueFactory = _ => 24 };
            var rCol = new Option<string>("--resistance-column") { Description = "Column in mOhm.", DefaultValueFactory = _ => "pulse_resistance_10s_mOhm" };
            var rFam = new Option<string>("--resistance-family") { Description = "normal | lognormal | student_t | normal_defect_mixture.", DefaultValueFactory = _ => "normal_defect_mixture" };
            var cCol = new Option<string>("--capacity-column") { Description = "Column in Ah.", DefaultValueFactory = _ => "capacity_1c_Ah" };
            var cFam = new Option<string>("--capacity-family") { Description = "Family for capacity.", DefaultValueFactory = _ => "normal" };
            var pack = new Option<string?>("--pack") { Description = "Also fit a temperature_rise prior (K) from a pack discharge of this pack spec (spm-fast cells)." };
            var model = new Option<string>("--model") { Description = "Cell model with --spec: spme (default), spm-fast, ecm.", DefaultValueFactory = _ => "spme" };
            var tFam = new Option<string>("--temperature-family") { Description = "Family for temperature_rise.", DefaultValueFactory = _ => "normal_defect_mixture" };
            var cmd = new Command("priors", "Fit manufacturing priors and alarm thresholds for the monitors.");
            foreach (Option o in new Option[] { from, spec, cells, seed, output, fa, tpd, rCol, rFam, cCol, cFam, pack, tFam, model }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                var err = parse.InvocationConfiguration.Error;
                try
                {
                    string? csv = parse.GetValue(from), sp = parse.GetValue(spec);
                    if ((csv == null) == (sp == null)) throw new ArgumentException("give exactly one of --from CELLS.csv or --spec POPULATION.json");
                    double[] r, c;
                    string source;
                    if (csv != null)
                    {
                        r = CsvColumns.Read(csv, parse.GetValue(rCol)!);
                        c = CsvColumns.Read(csv, parse.GetValue(cCol)!);
                        source = $"cellvar priors --from {Path.GetFileName(csv)} ({r.Length} cells)";
                    }
                    else
                    {
                        var s = PopulationSpecReader.ReadFile(sp!);
                        var recs = new PopulationRunner { Spec = s, Seed = parse.GetValue(seed), Model = parse.GetValue(model)! }.Run(parse.GetValue(cells));
                        r = recs.Select(x => CellsCsv.Value(s, x, parse.GetValue(rCol)!)).Where(v => v.HasValue).Select(v => v!.Value).ToArray();
                        c = recs.Select(x => CellsCsv.Value(s, x, parse.GetValue(cCol)!)).Where(v => v.HasValue).Select(v => v!.Value).ToArray();
                        source = $"cellvar priors --spec {Path.GetFileName(sp)} ({recs.Length} simulated cells, model {parse.GetValue(model)}, seed {parse.GetValue(seed)})";
                    }
                    double alpha = parse.GetValue(fa), k = parse.GetValue(tpd);
                    var qs = new List<PriorQuantity>
                    {
                        PriorFitter.Fit("resistance", "mOhm", parse.GetValue(rFam)!, r, alpha, k, high: true, low: false),
                        PriorFitter.Fit("capacity", "Ah", parse.GetValue(cFam)!, c, alpha, k, high: false, low: true),
                    };
                    string? packPath = parse.GetValue(pack);
                    if (packPath != null)
                    {
                        var pr = new CellVar.Bms.Population.Pack.PackSimulator(CellVar.Bms.Population.Pack.PackSpec.ReadFile(packPath), parse.GetValue(seed)).Run(Environment.ProcessorCount);
                        qs.Add(PriorFitter.Fit("temperature_rise", "K", parse.GetValue(tFam)!, pr.TemperatureRise_K, alpha, k, high: true, low: false));
                        source += $"; temperature_rise from {Path.GetFileName(packPath)} ({pr.TemperatureRise_K.Length} cells)";
                    }
                    using (var f = File.Create(parse.GetValue(output)!)) PriorFile.Write(f, source, qs);
                    var o = parse.InvocationConfiguration.Output;
                    o.WriteLine($"per-test false-alarm α = {FalseAlarm.PerTest(alpha, k):G4} ({k} tests/day, {alpha:G3} per cell-day)");
                    foreach (var q in qs)
                        o.WriteLine($"{q.Name}: {q.Family} location {q.Location:G6} scale {q.Scale:G4}" + (q.DefectWeight is double w ? $" defect weight {w:G3}" : "") +
                            $" → high {q.ThresholdHigh?.ToString("G6") ?? "-"} low {q.ThresholdLow?.ToString("G6") ?? "-"} {q.Unit}");
                    o.WriteLine("wrote " + parse.GetValue(output));
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
    }
}

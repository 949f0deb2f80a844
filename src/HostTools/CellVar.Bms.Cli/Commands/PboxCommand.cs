using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.Epistemic;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar pbox</c>: nested Monte Carlo (epistemic outer loop, aleatory inner loop) → band of population quantiles.</summary>
    internal static class PboxCommand
    {
        public static Command Create()
        {
            var spec = new Option<string>("--spec") { Description = "Population spec (JSON).", Required = true };
            var column = new Option<string>("--column") { Description = "Output column.", DefaultValueFactory = _ => "capacity_1c_Ah" };
            var outer = new Option<int>("--outer") { Description = "Epistemic draws.", DefaultValueFactory = _ => 20 };
            var inner = new Option<int>("--inner") { Description = "Cells per epistemic draw.", DefaultValueFactory = _ => 500 };
            var diff = new Option<double>("--diffusivity-uncertainty") { Description = "Solid diffusivities known to ±this fraction.", DefaultValueFactory = _ => 0.2 };
            var wLo = new Option<double>("--defect-weight-min") { Description = "Lower bound of the weld defect probability.", DefaultValueFactory = _ => 0.0005 };
            var wHi = new Option<double>("--defect-weight-max") { Description = "Upper bound of the weld defect probability.", DefaultValueFactory = _ => 0.005 };
            var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 1, Description = "Seed." };
            var model = new Option<string>("--model") { Description = "Cell model: spm-fast (default, fast), spme, ecm.", DefaultValueFactory = _ => "spm-fast" };
            var cmd = new Command("pbox", "Separate epistemic from aleatory uncertainty: band of population quantiles over the epistemic draws.");
            foreach (Option o in new Option[] { spec, column, outer, inner, diff, wLo, wHi, seed, model }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                try
                {
                    var s = PopulationSpecReader.ReadFile(parse.GetValue(spec)!);
                    double lo = parse.GetValue(wLo), hi = parse.GetValue(wHi), du = parse.GetValue(diff);
                    if (!(lo >= 0 && hi < 1 && lo <= hi)) throw new ArgumentException("need 0 ≤ --defect-weight-min ≤ --defect-weight-max < 1");
                    if (!(du >= 0 && du < 1)) throw new ArgumentException("--diffusivity-uncertainty must be in [0, 1)");
                    double[] ps = { 0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999 };
                    var rows = NestedMonteCarlo.Run(s, parse.GetValue(column)!, parse.GetValue(outer), parse.GetValue(inner), du, lo, hi, parse.GetValue(seed), ps,
                        Environment.ProcessorCount, parse.GetValue(model)!);
                    var t = new PopulationTextTable("quantile", "lower", "upper", "width");
                    foreach (var r in rows)
                        t.AddRow(r.Probability.ToString("G3", CultureInfo.InvariantCulture), r.Lower.ToString("G6", CultureInfo.InvariantCulture),
                            r.Upper.ToString("G6", CultureInfo.InvariantCulture), (r.Upper - r.Lower).ToString("G3", CultureInfo.InvariantCulture));
                    parse.InvocationConfiguration.Output.WriteLine($"p-box of {parse.GetValue(column)}: diffusivity ±{100 * du:F0} %, defect probability [{lo:G3}, {hi:G3}], {parse.GetValue(outer)} × {parse.GetValue(inner)} cells");
                    t.Write(parse.InvocationConfiguration.Output);
                    return 0;
                }
                catch (Exception e) when (e is SpecException or ParameterException or ArgumentException or IOException or InvalidOperationException)
                {
                    parse.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
                    return 2;
                }
            });
            return cmd;
        }
    }
}

using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Pack;
using CellVar.Bms.Population.Physics;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar pack</c>: discharges an Ns×Np pack of sampled cells and prints the hot-cell risk table.</summary>
    internal static class PackCommand
    {
        public static Command Create()
        {
            var spec = new Option<string>("--spec") { Description = "Pack spec (JSON) naming a population spec.", Required = true };
            var seed = new Option<long>("--seed") { Description = "Seed for cells and welds.", DefaultValueFactory = _ => 1 };
            var threads = new Option<int>("--threads") { Description = "Threads over series groups.", DefaultValueFactory = _ => Environment.ProcessorCount };
            var output = new Option<string?>("--out") { Description = "Optional per-cell CSV (cell, group, weld, final SOC, temperature rise)." };
            var model = new Option<string>("--model") { Description = "Cell model: spm-fast (default), spme, ecm.", DefaultValueFactory = _ => "spm-fast" };
            var cmd = new Command("pack", "Simulate a pack of sampled cells: current sharing, weakest-cell capacity, SOC spread, heat, hot-cell risk.");
            foreach (Option o in new Option[] { spec, seed, threads, output, model }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                var outw = parse.InvocationConfiguration.Output;
                try
                {
                    var ps = PackSpec.ReadFile(parse.GetValue(spec)!);
                    var sim = new PackSimulator(ps, parse.GetValue(seed), parse.GetValue(model)!);
                    var sw = Stopwatch.StartNew();
                    var r = sim.Run(parse.GetValue(threads));
                    sw.Stop();
                    outw.WriteLine($"{ps.Series}s{ps.Parallel}p pack, {sim.CellCount} cells, {ps.CRate}C: {r.CellSteps} cell-steps in {sw.Elapsed.TotalSeconds:F2} s ({r.CellSteps / sw.Elapsed.TotalSeconds:F0} cell-steps/s)");
                    outw.WriteLine($"usable capacity {r.UsableCapacity_Ah:F3} Ah (limited by cell {r.LimitingCell + 1}) vs {r.MeanCellCapacityTimesNp_Ah:F3} Ah for Np × mean single-cell capacity");
                    outw.WriteLine($"pack voltage min {r.MinPackVoltage_V:F2} V; interconnect loss {r.InterconnectLoss_Wh:F3} Wh; SOC spread at end {100 * r.SocSpreadEnd:F2} % (max during discharge {100 * r.MaxSocSpread:F2} %); worst parallel current imbalance {100 * r.MaxCurrentImbalance:F2} %; temperature rise max {r.MaxTemperatureRise_K:F2} K, mean {r.MeanTemperatureRise_K:F2} K");
                    string? csv = parse.GetValue(output);
                    if (csv != null)
                    {
                        using var w = new StreamWriter(csv);
                        w.WriteLine("cell,group,weld_mOhm,final_soc,temperature_rise_K");
                        for (int i = 0; i < sim.CellCount; i++)
                            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1},{i / ps.Parallel + 1},{r.Weld_Ohm[i] * 1000:G6},{r.FinalSoc[i]:G6},{r.TemperatureRise_K[i]:G6}"));
                    }
                    WriteHotCellTable(ps, outw);
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

        private static void WriteHotCellTable(PackSpec ps, TextWriter outw)
        {
            IMarginal? weld = ps.Weld;
            if (weld == null)
            {
                var v = ps.Population.Variables.FirstOrDefault(x => x.Parameter.Name == "ContactResistance_Ohm");
                weld = v?.Marginal;
            }
            if (weld == null) { outw.WriteLine("(no weld distribution in the pack or population spec: hot-cell table skipped)"); return; }
            var p = ParameterSets.Get(ps.Population.ParameterSet);
            var d = DerivedParameters.Compute(p);
            double current = ps.CRate * p.NominalCapacity_Ah;
            // Cell heat resistance: ohmic + linearised reaction resistance of both electrodes at 1C, 50 % SOC.
            double rCell = d.OhmicResistance_Ohm + (d.EtaNegative1C_V + d.EtaPositive1C_V) / p.NominalCapacity_Ah;
            var rows = HotCellRisk.Table(weld, rCell, current, ps.ThermalResistance_K_W, new[] { 10, 100, 1000, 10000 }, new[] { 5.0, 6.0, 8.0 });
            var t = new PopulationTextTable("cells in pack", "ΔT >", "P(≥1 hot) heavy-tailed welds", "P(≥1 hot) Gaussian welds", "ratio");
            foreach (var row in rows)
                t.AddRow(row.PackCells.ToString(), row.TemperatureRise_K + " K", row.HeavyTailed.ToString("G3"), row.Gaussian > 0 ? row.Gaussian.ToString("G3") : "< 1e-300",
                    row.Gaussian > 0 ? (row.HeavyTailed / row.Gaussian).ToString("G3") : "> 1e300");
            outw.WriteLine($"hot-cell risk, series string at {current:G3} A, R_th {ps.ThermalResistance_K_W} K/W, cell {rCell * 1000:F1} mΩ; Gaussian = same mean and variance as the weld model:");
            t.Write(outw);
        }
    }
}

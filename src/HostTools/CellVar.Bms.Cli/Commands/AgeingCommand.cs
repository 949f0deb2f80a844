using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using CellVar.Bms.Population.Ageing;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar ageing</c>: calibrates the stochastic fade model to an ageing data set and compares statistics.</summary>
    internal static class AgeingCommand
    {
        public static Command Create()
        {
            var data = new Option<string>("--data") { Description = "Folder with baumhofer2014_capacity_vs_cycle.csv and baumhofer2014_cell_summary.csv.", Required = true };
            var cells = new Option<int>("--cells") { Description = "Simulated cells for the comparison.", DefaultValueFactory = _ => 2000 };
            var seed = new Option<long>("--seed") { Description = "Seed of the comparison population (calibration uses its own).", DefaultValueFactory = _ => 2024 };
            var eol = new Option<double>("--end-of-life") { Description = "End-of-life capacity [Ah].", DefaultValueFactory = _ => 1.2 };
            var output = new Option<string?>("--out") { Description = "Optional CSV: cell, initial capacity, capacity at each checkpoint, life." };
            var cmd = new Command("ageing", "Calibrate SEI/LAM/knee ageing hyper-parameters to cycle-ageing data and simulate a population.");
            foreach (Option o in new Option[] { data, cells, seed, eol, output }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                try
                {
                    var t = AgeingTargets.FromBaumhofer(parse.GetValue(data)!);
                    double endOfLife = parse.GetValue(eol);
                    var h = AgeingCalibrator.Calibrate(t, endOfLife);
                    var (ini, at, life) = AgeingModel.Simulate(h, Math.Max(10, parse.GetValue(cells)), parse.GetValue(seed), AgeingTargets.Checkpoints, endOfLife);
                    var s = AgeingTargets.From(ini, at, life);
                    var table = new PopulationTextTable("statistic", "data", "simulated");
                    table.AddRow("cells", t.Cells.ToString(), s.Cells.ToString());
                    table.AddRow("initial capacity CoV", P(t.InitialCoV), P(s.InitialCoV));
                    for (int k = 0; k < AgeingTargets.Checkpoints.Length; k++)
                    {
                        table.AddRow($"mean capacity @ {AgeingTargets.Checkpoints[k]} cycles", $"{t.MeanAt_Ah[k]:F4} Ah", $"{s.MeanAt_Ah[k]:F4} Ah");
                        table.AddRow($"capacity CoV @ {AgeingTargets.Checkpoints[k]} cycles", P(t.CoVAt[k]), P(s.CoVAt[k]));
                    }
                    table.AddRow($"life to {endOfLife} Ah (mean)", $"{t.LifeMean:F0}", $"{s.LifeMean:F0}");
                    table.AddRow("life CoV", P(t.LifeCoV), P(s.LifeCoV));
                    table.AddRow("r(initial capacity, life)", $"{t.InitialLifeCorrelation:F3}", $"{s.InitialLifeCorrelation:F3}");
                    table.Write(parse.InvocationConfiguration.Output);
                    parse.InvocationConfiguration.Output.WriteLine(h.ToString());
                    string? csv = parse.GetValue(output);
                    if (csv != null)
                    {
                        using var w = new StreamWriter(csv);
                        w.WriteLine("cell,initial_Ah," + string.Join(",", Array.ConvertAll(AgeingTargets.Checkpoints, c => $"capacity_at_{c}_Ah")) + ",life_cycles");
                        for (int i = 0; i < ini.Length; i++)
                            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1},{ini[i]:G6},{string.Join(",", Array.ConvertAll(at[i], x => x.ToString("G6", CultureInfo.InvariantCulture)))},{life[i]:G6}"));
                    }
                    return 0;
                }
                catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
                {
                    parse.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
                    return 2;
                }
            });
            return cmd;
        }

        private static string P(double x) => (100 * x).ToString("F3", CultureInfo.InvariantCulture) + " %";
    }
}

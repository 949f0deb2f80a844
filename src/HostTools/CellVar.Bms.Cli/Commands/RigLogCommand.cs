using System;
using System.CommandLine;
using System.IO;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar rig-log --scenario healthy|weld|hot --cells 16 --seed 1 --out FILE.csv</c>: writes a simulated rig log
    /// (host pack simulator in CellVar.Bms.Rig) that <c>cellvar replay</c> can run the device code over.
    /// </summary>
    internal static class RigLogCommand
    {
        public static Command Create()
        {
            var scenario = new Option<string>("--scenario") { Description = "healthy, weld (bad tab weld on one cell) or hot (internal heat source in one cell).", DefaultValueFactory = _ => "healthy" };
            var cells = new Option<int>("--cells") { Description = "Series cells (1..32 for replay).", DefaultValueFactory = _ => 16 };
            var seed = new Option<int>("--seed") { Description = "Seed of the manufacturing scatter and measurement noise.", DefaultValueFactory = _ => 1 };
            var defect = new Option<int>("--defect-cell") { Description = "1-based defective cell (default: weld ⌊N/3⌋+1, hot ⌊2N/3⌋+1).", DefaultValueFactory = _ => 0 };
            var period = new Option<double>("--sample-period") { Description = "Seconds between rows.", DefaultValueFactory = _ => 1.0 };
            var output = new Option<string>("--out") { Description = "CSV file to write.", Required = true };
            var cmd = new Command("rig-log", "Simulate a pack on a test rig and write its log as CSV (time_s,current_A,cellK_V,tempK_C).");
            foreach (Option o in new Option[] { scenario, cells, seed, defect, period, output }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                TextWriter err = parse.InvocationConfiguration.Error;
                string sc = parse.GetValue(scenario) ?? "healthy";
                RigScenario kind;
                switch (sc.ToLowerInvariant())
                {
                    case "healthy": kind = RigScenario.Healthy; break;
                    case "weld": kind = RigScenario.Weld; break;
                    case "hot": kind = RigScenario.Hot; break;
                    default:
                        err.WriteLine($"cellvar rig-log: --scenario: unknown scenario '{sc}' (expected healthy, weld or hot)");
                        return 2;
                }
                var options = new PackSimulationOptions
                {
                    Scenario = kind,
                    CellCount = parse.GetValue(cells),
                    Seed = parse.GetValue(seed),
                    DefectCell = parse.GetValue(defect),
                    SamplePeriod_s = parse.GetValue(period),
                };
                string path = parse.GetValue(output)!;
                try
                {
                    options.Validate();
                    SimulatedPack pack = PackSimulator.Run(options);
                    string command = $"cellvar rig-log --scenario {sc.ToLowerInvariant()} --cells {options.CellCount} --seed {options.Seed}"
                                     + (options.DefectCell > 0 ? $" --defect-cell {options.DefectCell}" : "")
                                     + (options.SamplePeriod_s != 1.0 ? FormattableString.Invariant($" --sample-period {options.SamplePeriod_s}") : "")
                                     + " --out " + Path.GetFileName(path);
                    RigLogWriter.WriteFile(path, pack.Log, SimulatedPackDescription.CommentLines(pack, command));
                    parse.InvocationConfiguration.Output.WriteLine(
                        $"wrote {path}: {pack.Log.RowCount} rows, {pack.Log.CellCount} cells" + (pack.DefectCell > 0 ? $", defect on cell {pack.DefectCell}" : ", healthy"));
                    return 0;
                }
                catch (ArgumentException e)
                {
                    err.WriteLine("cellvar rig-log: " + e.Message);
                    return 2;
                }
                catch (IOException e)
                {
                    err.WriteLine($"cellvar rig-log: cannot write {path}: {e.Message}");
                    return 1;
                }
                catch (UnauthorizedAccessException e)
                {
                    err.WriteLine($"cellvar rig-log: cannot write {path}: {e.Message}");
                    return 1;
                }
            });
            return cmd;
        }
    }
}

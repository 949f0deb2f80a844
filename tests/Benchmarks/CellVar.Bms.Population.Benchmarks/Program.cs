using System;
using System.Diagnostics;
using System.IO;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Population.MonteCarlo;
using CellVar.Bms.Population.Pack;
using CellVar.Bms.Population.Physics;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Population.Benchmarks
{
    /// <summary>
    /// Usage: dotnet run -c Release --project tests/Benchmarks/CellVar.Bms.Population.Benchmarks -- [cells=10000] [threads=all]
    /// Times (1) a 1C population (1C discharge + 10 s pulse per cell) per available model and (2) a 50s20p pack discharge.
    /// Each measurement is preceded by a small warm-up run (JIT).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            int cells = args.Length > 0 ? int.Parse(args[0]) : 10_000;
            int threads = args.Length > 1 ? int.Parse(args[1]) : Environment.ProcessorCount;
            string root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "CellVar.Bms.sln"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
            string examples = Path.Combine(root, "src", "HostTools", "examples");
            var spec = PopulationSpecReader.ReadFile(Path.Combine(examples, "population.json"));
            ReducedSpmModel.EnsureRegistered();
            Console.WriteLine($"| benchmark | model | size | threads | wall time [s] | rate |");
            Console.WriteLine($"|---|---|---|---|---|---|");
            foreach (string model in new[] { ReducedSpmModel.RegistryName, "spme", "ecm" })
            {
                try { CellModelRegistry.Create(model); } catch (Exception e) { Console.WriteLine($"| population 1C | {model} | - | - | - | unavailable: {e.Message} |"); continue; }
                var runner = new PopulationRunner { Spec = spec, Seed = 1, Model = model, Experiment = ExperimentKind.OneC, MaxDegreeOfParallelism = threads };
                try
                {
                    runner.Run(64);
                    var sw = Stopwatch.StartNew();
                    var r = runner.Run(cells);
                    sw.Stop();
                    Console.WriteLine($"| population 1C | {model} | {cells} cells | {threads} | {sw.Elapsed.TotalSeconds:F2} | {cells / sw.Elapsed.TotalSeconds:F0} cells/s |");
                }
                catch (Exception e) { Console.WriteLine($"| population 1C | {model} | {cells} cells | {threads} | - | failed: {e.Message} |"); }
            }
            var pack = PackSpec.ReadFile(Path.Combine(examples, "pack.json"));
            foreach (string model in new[] { ReducedSpmModel.RegistryName, "spme" })
            {
                new PackSimulator(pack with { Series = 5, Parallel = 4 }, 1, model).Run(threads);
                var sim = new PackSimulator(pack, 1, model);
                var sw2 = Stopwatch.StartNew();
                var pr = sim.Run(threads);
                sw2.Stop();
                Console.WriteLine($"| pack 1C discharge ({pack.TimeStep_s} s steps) | {model} | {pack.Series}s{pack.Parallel}p = {sim.CellCount} cells, {pr.CellSteps} cell-steps | {threads} | {sw2.Elapsed.TotalSeconds:F2} | {pr.CellSteps / sw2.Elapsed.TotalSeconds:F0} cell-steps/s |");
            }
            return 0;
        }
    }
}

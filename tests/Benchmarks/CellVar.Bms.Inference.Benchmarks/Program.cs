using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CellVar.Bms.Inference.Sensitivity;
using CellVar.Bms.Inference.Variance;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Benchmarks
{
    /// <summary>
    /// Prints a table of: Shapley effects of 6 correlated manufacturing inputs on the SPMe cell model at the algorithm's
    /// stated cost Nv + m(d − 1)·No·Ni, on 1 thread and on all cores (model runs/s); and a REML variance decomposition of
    /// 100,000 cells in 3 levels (lot / module / cell). Usage: dotnet run -c Release [-- m] (default m = 1000).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            int m = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
            Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"{"case",-62} {"runs",9} {"seconds",9} {"runs/s",10}");
            ShapleyCase("sensitivity-cell-pulse-resistance.json", "SPMe 10 s pulse resistance", m);
            ShapleyCase("sensitivity-cell-capacity.json", "SPMe 1C capacity", Math.Max(2, m / 5));

            var rng = new Random(3);
            var (y, labels) = Simulate(rng, 100_000);
            var sw2 = Stopwatch.StartNew();
            var model = new NestedModel(y, labels, new[] { "lot", "module" }); // grouping the labels is part of the cost
            double tBuild = sw2.Elapsed.TotalSeconds;
            VarianceDecomposition fit = VarianceComponentsFitter.Fit(model, 0.9, intervals: false);
            double tFit = sw2.Elapsed.TotalSeconds;
            double tFitOnly = tFit - tBuild;
            sw2.Restart();
            VarianceDecomposition full = VarianceComponentsFitter.Fit(model, 0.9, intervals: true);
            double tFull = sw2.Elapsed.TotalSeconds;
            Console.WriteLine($"{"REML 100,000 cells, 3 levels (50 lots, 1,000 modules): group + fit",-62} {"",9} {tFit,9:F2}");
            Console.WriteLine($"{"  of which the REML optimisation",-62} {"",9} {tFitOnly,9:F2}");
            Console.WriteLine($"{"  fit again with 90 % profile-likelihood intervals",-62} {"",9} {tFull,9:F2}");
            Console.WriteLine("  components (truth lot 1.0, module 0.5, cell 0.25): " + string.Join(", ", full.Components.Select(c => $"{c.Name} {c.Variance:F3} [{c.Lower:F3}, {c.Upper:F3}]")));
            return 0;
        }

        private static void ShapleyCase(string example, string label, int m)
        {
            SensitivitySpec spec = SensitivitySpec.Load(FindExample(example));
            var options = new ShapleyOptions(Nv: 1000, Permutations: m, Outer: 1, Inner: 3);
            int d = spec.Space.Dimension;
            long stated = options.Nv + (long)m * (d - 1) * options.Outer * options.Inner;
            // Warm-up: JIT and the 2^d conditional-normal factorisations, which are cached per subset.
            ShapleyAnalysis.Run(spec.Space, spec.Model, new ShapleyOptions(100, 200, 1, 3), seed: 2);
            foreach (int threads in new[] { 1, Environment.ProcessorCount })
            {
                var sw = Stopwatch.StartNew();
                ShapleyResult r = ShapleyAnalysis.Run(spec.Space, spec.Model, options, seed: 1, maxDegreeOfParallelism: threads);
                sw.Stop();
                if (r.ModelRuns != stated) throw new InvalidOperationException($"cost {r.ModelRuns} != stated {stated}");
                Console.WriteLine($"{$"Shapley d={d} {label}, m={m}, {threads} thread(s)",-62} {r.ModelRuns,9} {sw.Elapsed.TotalSeconds,9:F2} {r.ModelRuns / sw.Elapsed.TotalSeconds,10:F0}");
            }
        }

        // 50 lots x 20 modules x 100 cells; module sizes vary ±20 % so the design is unbalanced.
        private static (double[] Y, string[][] Labels) Simulate(Random rng, int cells)
        {
            var y = new List<double>(cells);
            var lot = new List<string>(cells);
            var module = new List<string>(cells);
            int l = 0;
            while (y.Count < cells)
            {
                double a = Normal.Sample(rng, 0, 1.0);
                for (int mo = 0; mo < 20 && y.Count < cells; mo++)
                {
                    double b = Normal.Sample(rng, 0, Math.Sqrt(0.5));
                    int n = rng.Next(80, 121);
                    for (int c = 0; c < n && y.Count < cells; c++)
                    {
                        y.Add(10 + a + b + Normal.Sample(rng, 0, 0.5));
                        lot.Add("L" + l);
                        module.Add("M" + mo);
                    }
                }
                l++;
            }
            return (y.ToArray(), new[] { lot.ToArray(), module.ToArray() });
        }

        private static string FindExample(string name)
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CellVar.Bms.sln"))) dir = dir.Parent;
            if (dir == null) throw new FileNotFoundException("repository root not found");
            return Path.Combine(dir.FullName, "src", "HostTools", "examples", name);
        }
    }
}

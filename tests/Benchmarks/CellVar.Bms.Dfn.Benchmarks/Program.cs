using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Benchmarks
{
    /// <summary>
    /// `dotnet run -c Release --project tests/Benchmarks/CellVar.Bms.Dfn.Benchmarks [-- N]` prints a table:
    /// single 1C discharges (min and median of 30 runs after warm-up) and an N-cell population (default 1000) on 2 threads.
    /// `-- bdn` runs BenchmarkDotNet instead.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "bdn")
            {
                BenchmarkRunner.Run<DfnSolveBenchmarks>();
                return 0;
            }
            int population = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
            var ci = CultureInfo.InvariantCulture;
            var p = new CellParameters();
            var oneC = CurrentProfile.Constant(5.0, 3600);
            var oneCToCutoff = CurrentProfile.Constant(5.0, 4500); // long enough that every scattered cell reaches 2.5 V
            var fast = new SimulationOptions { InitialSoc = 1.0, TimeStep_s = 1e9, RecordTrace = false, RecordInternals = false };

            Console.WriteLine("| case | mesh (x per domain / r) | runs | wall min [ms] | wall median [ms] | CPU mean [ms] | steps | Newton its | end |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var (name, mesh, solver) in new[]
            {
                ("1C discharge, default", DfnMeshOptions.Default, DfnSolverOptions.Default),
                ("1C discharge, rtol 1e-6", DfnMeshOptions.Default, new DfnSolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-8 }),
                ("1C discharge, halved cells", DfnMeshOptions.Default.Refined(2), DfnSolverOptions.Default),
            })
            {
                var model = new DfnModel(mesh, solver);
                for (int w = 0; w < 5; w++) model.Simulate(p, oneC, fast); // JIT warm-up
                var times = new double[30];
                SimulationResult r = model.Simulate(p, oneC, fast);
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                for (int k = 0; k < times.Length; k++)
                {
                    var sw = Stopwatch.StartNew();
                    r = model.Simulate(p, oneC, fast);
                    times[k] = sw.Elapsed.TotalMilliseconds;
                }
                double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / times.Length;
                Array.Sort(times);
                var stats = Stats(mesh, solver, p);
                Console.WriteLine(string.Format(ci, "| {0} | {1} / {2} | {3} | {4:F2} | {5:F2} | {10:F2} | {6} | {7} | {8:F1} s, {9} |",
                    name, mesh.NegativeCells, mesh.NegativeParticleShells, times.Length, times[0], times[times.Length / 2],
                    stats.Steps, stats.NewtonIterations, r.TerminationTime_s, r.Termination, cpuMs));
            }

            // Population: every cell gets its own manufacturing scatter (seeded), each a full 1C discharge to 2.5 V.
            var rng = new Random(20261125);
            var cells = Enumerable.Range(0, population).Select(_ => Scatter(p, rng)).ToArray();
            var dfn = new DfnModel();
            var ends = new double[population];
            var cpuPop0 = Process.GetCurrentProcess().TotalProcessorTime;
            var total = Stopwatch.StartNew();
            Parallel.For(0, population, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
            {
                ends[k] = dfn.Simulate(cells[k], oneCToCutoff, fast).DischargedCharge_Ah;
            });
            total.Stop();
            double cpuPop = (Process.GetCurrentProcess().TotalProcessorTime - cpuPop0).TotalSeconds;
            Array.Sort(ends);
            Console.WriteLine();
            Console.WriteLine("| population | threads | wall [s] | CPU [s] | wall per cell [ms] | capacity to 2.5 V at 1C: p5 / p50 / p95 [A h] |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(string.Format(ci, "| {0} cells, DFN default mesh | 2 | {1:F2} | {6:F2} | {2:F2} | {3:F4} / {4:F4} / {5:F4} |",
                population, total.Elapsed.TotalSeconds, total.Elapsed.TotalMilliseconds / population,
                ends[population / 20], ends[population / 2], ends[population * 19 / 20], cpuPop));
            return 0;
        }

        private static (int Steps, int NewtonIterations) Stats(DfnMeshOptions mesh, DfnSolverOptions solver, CellParameters p)
        {
            var props = Physics.DfnParameterMapping.FromModel(p, 1.0);
            var sys = new Physics.DfnSystem(props, mesh);
            var run = new Numerics.DfnIntegrator(sys, props, solver).Run(sys.InitialState(), 0, new[] { 3600.0 }, new[] { 5.0 }, null, false, true);
            return (run.Steps, run.NewtonIterations);
        }

        // Gaussian coating and particle scatter of a few per cent (cf. cell-variation.md), clipped to keep ε + ε_s ≤ 1.
        private static CellParameters Scatter(CellParameters p, Random rng)
        {
            double G(double sd) => 1 + sd * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double epsN = p.NegativePorosity * G(0.03), epsP = p.PositivePorosity * G(0.03);
            return p with
            {
                NegativeElectrodeThickness_m = p.NegativeElectrodeThickness_m * G(0.02),
                PositiveElectrodeThickness_m = p.PositiveElectrodeThickness_m * G(0.02),
                NegativePorosity = epsN,
                NegativeActiveMaterialFraction = Math.Min(p.NegativeActiveMaterialFraction, 1 - epsN),
                PositivePorosity = epsP,
                PositiveActiveMaterialFraction = Math.Min(p.PositiveActiveMaterialFraction, 1 - epsP),
                NegativeParticleRadius_m = p.NegativeParticleRadius_m * G(0.05),
                PositiveParticleRadius_m = p.PositiveParticleRadius_m * G(0.05),
                NegativeExchangeCurrentCoefficient = p.NegativeExchangeCurrentCoefficient * G(0.1),
                PositiveExchangeCurrentCoefficient = p.PositiveExchangeCurrentCoefficient * G(0.1),
                ContactResistance_Ohm = Math.Abs(0.0005 * G(0.2) - 0.0005),
            };
        }
    }
}

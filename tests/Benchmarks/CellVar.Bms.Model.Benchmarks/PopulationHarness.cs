using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Benchmarks
{
    /// <summary>
    /// The population target: N cells with scattered parameters, each a 1C SPMe discharge from SOC 1 (≤ 1 h, 10 s
    /// steps), on a given number of threads. Prints a table; timings are wall-clock over the whole population.
    /// </summary>
    internal static class PopulationHarness
    {
        private static string LoadAverage()
        {
            try { return System.IO.File.ReadAllText("/proc/loadavg").Trim(); }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException) { return "n/a"; }
        }

        public static void Run(int cells, int threads, double step_s)
        {
            var baseSet = ParameterSets.Chen2020;
            var profile = CurrentProfile.Constant(5.0, 3600);
            var model = new SpmeModel();
            var capacity = new double[cells];
            // Seeded scatter (±2 % thickness, ±3 % porosity, ±10 % j0) so each cell is its own parameter set.
            var sets = new CellParameters[cells];
            var rng = new Random(12345);
            double N(double sd) => 1 + sd * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            for (int c = 0; c < cells; c++)
            {
                // Chen2020's graphite has ε + ε_s = 1 (no binder), so the solid fraction takes up what the pores leave.
                double epsN = baseSet.NegativePorosity * N(0.03), epsP = baseSet.PositivePorosity * N(0.03);
                sets[c] = baseSet with
                {
                    NegativeElectrodeThickness_m = baseSet.NegativeElectrodeThickness_m * N(0.02),
                    PositiveElectrodeThickness_m = baseSet.PositiveElectrodeThickness_m * N(0.02),
                    NegativePorosity = epsN,
                    NegativeActiveMaterialFraction = Math.Min(baseSet.NegativeActiveMaterialFraction, 1 - epsN),
                    PositivePorosity = epsP,
                    PositiveActiveMaterialFraction = Math.Min(baseSet.PositiveActiveMaterialFraction, 1 - epsP),
                    NegativeExchangeCurrentCoefficient = baseSet.NegativeExchangeCurrentCoefficient * N(0.10),
                };
            }
            var options = new SimulationOptions { TimeStep_s = step_s, RecordTrace = false, RecordInternals = false };
            model.Simulate(baseSet, profile, options); // warm-up (JIT)
            long steps = 0;
            var process = Process.GetCurrentProcess();
            TimeSpan cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Parallel.For(0, cells, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
            {
                var r = model.Simulate(sets[c], profile, options);
                capacity[c] = r.DischargedCharge_Ah;
                Interlocked.Add(ref steps, (long)Math.Ceiling(r.TerminationTime_s / step_s));
            });
            sw.Stop();
            process.Refresh();
            // CPU time is reported beside wall time because this machine is shared: on a loaded host the wall clock
            // measures the neighbours, while CPU time per run is what 2 free cores would need.
            double cpuPerRun_ms = (process.TotalProcessorTime - cpu0).TotalMilliseconds / cells;
            double mean = 0, sd = 0;
            foreach (var q in capacity) mean += q / cells;
            foreach (var q in capacity) sd += (q - mean) * (q - mean) / (cells - 1);
            Console.WriteLine("| cells | threads | step [s] | wall [s] | wall per cell-run per thread [ms] | CPU per cell-run [ms] | projected wall on free cores [s] | cell-steps/s (wall) | mean 1C capacity [Ah] | CoV [%] |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(FormattableString.Invariant(
                $"| {cells} | {threads} | {step_s} | {sw.Elapsed.TotalSeconds:F2} | {sw.Elapsed.TotalMilliseconds * threads / cells:F3} | {cpuPerRun_ms:F3} | {cpuPerRun_ms * cells / threads / 1000:F2} | {steps / sw.Elapsed.TotalSeconds:E3} | {mean:F4} | {100 * Math.Sqrt(sd) / mean:F2} |"));
            Console.WriteLine(FormattableString.Invariant($"load average at end: {LoadAverage()}"));
        }
    }
}

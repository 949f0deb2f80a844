using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Running
{
    /// <summary>Runs jobs in parallel over the machine's cores (each job seeded, so the result does not depend on the order).</summary>
    public static class RunExecutor
    {
        /// <summary>Simulates, runs the device and sweeps every method for each job; <paramref name="progress"/> gets (done, total).</summary>
        public static RunOutcome[] Execute(IReadOnlyList<RunJob> jobs, PopulationPrior prior, int maxParallelism = 0, Action<int, int>? progress = null, bool sweep = true)
        {
            var results = new RunOutcome[jobs.Count];
            int done = 0;
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount };
            Parallel.For(0, jobs.Count, options, i =>
            {
                results[i] = RunOne(jobs[i], prior, sweep);
                progress?.Invoke(Interlocked.Increment(ref done), jobs.Count);
            });
            return results;
        }

        /// <summary>One job end to end (<paramref name="sweep"/> false: device only, no method sweeps).</summary>
        public static RunOutcome RunOne(RunJob job, PopulationPrior prior, bool sweep = true)
        {
            ScenarioInstance run = job.Build();
            DeviceTrace trace = DeviceRecorder.Record(run);
            var alarms = new Dictionary<(string, Quantity), AlarmEvents>();
            foreach (DetectionMethod m in sweep ? MethodSet.Create() : [])
                foreach (Quantity q in new[] { Quantity.Resistance, Quantity.Temperature })
                    alarms[(m.Id, q)] = m.Sweep(trace, q, prior);
            int[] final = trace.Resistance_uOhm.Count > 0 ? trace.Resistance_uOhm[^1] : new int[trace.Cells];
            var dev = new List<double>();
            var buf = new double[trace.Cells];
            for (int r = 0; r < trace.Temperature_dC.Count; r += 60)
            {
                int[] row = trace.Temperature_dC[r];
                int k = 0;
                foreach (int v in row) if (v != DeviceTrace.Missing) buf[k++] = v;
                if (k < 3) continue;
                Array.Sort(buf, 0, k);
                double med = k % 2 == 1 ? buf[k / 2] : 0.5 * (buf[k / 2 - 1] + buf[k / 2]);
                foreach (int v in row) if (v != DeviceTrace.Missing) dev.Add(v - med);
            }
            return new RunOutcome
            {
                Job = job,
                SpecialCells = run.SpecialCells,
                Onset_s = run.Onset_s,
                Duration_s = trace.Duration_s,
                Cells = trace.Cells,
                Alarms = alarms,
                FirstSensorFault_s = trace.FirstSensorFault_s,
                FlaggedSamples = trace.FlaggedSamples,
                GlitchSamples = run.GlitchSamples,
                FinalResistance_uOhm = final,
                TemperatureDeviations_dC = [.. dev],
            };
        }

        /// <summary>
        /// Learns the population prior from healthy packs: mean/sd of the device's final resistance estimates and of
        /// temperature deviations from the pack median.
        /// </summary>
        public static PopulationPrior Calibrate(int cells, double voltageNoise_mV, int runs, int baseSeed, int maxParallelism = 0)
        {
            var jobs = new List<RunJob>();
            // Seeds far from every evaluated seed, so the prior is learned out of sample.
            for (int i = 0; i < runs; i++) jobs.Add(new RunJob(0, "calibration", ScenarioKind.Healthy, 0, unchecked(baseSeed + 900_000_000 + i), cells, voltageNoise_mV, 0, 1));
            var placeholder = new PopulationPrior(1, 1, 0, 1);
            RunOutcome[] outs = Execute(jobs, placeholder, maxParallelism, sweep: false);
            var r = new List<double>();
            var t = new List<double>();
            foreach (RunOutcome o in outs)
            {
                foreach (int v in o.FinalResistance_uOhm) if (v != DeviceTrace.Missing && v > 0) r.Add(v);
                t.AddRange(o.TemperatureDeviations_dC);
            }
            if (r.Count < 2 || t.Count < 2) throw new InvalidOperationException("calibration produced too few estimates");
            var (rm, rs) = MeanSd(r);
            var (tm, ts) = MeanSd(t);
            return new PopulationPrior(rm, rs, tm, ts);
        }

        private static (double Mean, double Sd) MeanSd(List<double> x)
        {
            double m = 0;
            foreach (double v in x) m += v;
            m /= x.Count;
            double s = 0;
            foreach (double v in x) s += (v - m) * (v - m);
            return (m, Math.Sqrt(s / (x.Count - 1)));
        }
    }
}

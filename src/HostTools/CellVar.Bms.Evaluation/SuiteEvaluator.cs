using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using CellVar.Bms.Evaluation.Estimation;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;
using CellVar.Bms.Evaluation.Suites;

namespace CellVar.Bms.Evaluation
{
    /// <summary>
    /// Runs a suite: calibration packs (population prior for the baselines), every scenario × size × seed through the device,
    /// every method's threshold sweep, the detectability study per noise class, and the estimator-efficiency study.
    /// Seeds are derived from the suite's base seed, so the same suite gives the same numbers on any machine.
    /// </summary>
    public static class SuiteEvaluator
    {
        /// <summary>Noise levels of the estimator-efficiency study (mV).</summary>
        public static readonly double[] EfficiencyNoise_mV = [0.25, 0.5, 1, 2, 5, 10, 20];

        /// <summary>Evaluates <paramref name="suite"/>; <paramref name="progress"/> receives (stage, done, total).</summary>
        public static EvaluationResult Run(SuiteDefinition suite, bool quick, int maxParallelism = 0, Action<string, int, int>? progress = null)
        {
            ArgumentNullException.ThrowIfNull(suite);
            var clock = Stopwatch.StartNew();
            DateTime started = DateTime.UtcNow;
            progress?.Invoke("calibration", 0, 1);
            PopulationPrior prior = RunExecutor.Calibrate(suite.Cells, suite.VoltageNoise_mV, quick ? suite.QuickCalibrationRuns : suite.CalibrationRuns, suite.BaseSeed, maxParallelism);
            progress?.Invoke("calibration", 1, 1);

            List<RunJob> jobs = Jobs(suite, quick);
            RunOutcome[] outcomes = RunExecutor.Execute(jobs, prior, maxParallelism, (d, t) => progress?.Invoke("scenarios", d, t));
            GroupResult[] groups = MetricsCalculator.Groups(outcomes);
            PooledFalseAlarms[] pooled = MetricsCalculator.Pooled(outcomes);

            IReadOnlyList<DetectabilityRow>? detect = null;
            if (suite.Detectability is DetectabilityDefinition dd)
                detect = Detectability(suite, dd, quick, maxParallelism, progress);

            progress?.Invoke("estimator", 0, 1);
            EfficiencyRow[] eff = EstimatorEfficiency.Run(EfficiencyNoise_mV, quick ? 100 : 1000, suite.BaseSeed);
            progress?.Invoke("estimator", 1, 1);

            var infos = MethodSet.Create().Select(m => new MethodInfo(m.Id, m.Description(Quantity.Resistance), m.DefaultThreshold(Quantity.Resistance),
                m.Description(Quantity.Temperature), m.DefaultThreshold(Quantity.Temperature))).ToArray();
            return new EvaluationResult
            {
                Suite = suite.Name,
                Quick = quick,
                Started_utc = started,
                Elapsed = clock.Elapsed,
                Runs = jobs.Count,
                Cells = suite.Cells,
                VoltageNoise_mV = suite.VoltageNoise_mV,
                Prior = prior,
                Methods = infos,
                Groups = groups,
                Pooled = pooled,
                Detectability = detect,
                Efficiency = eff,
            };
        }

        /// <summary>The suite's runs: every scenario × size × seed (the same packs across the sizes of one scenario).</summary>
        public static List<RunJob> Jobs(SuiteDefinition suite, bool quick)
        {
            var jobs = new List<RunJob>();
            int group = 0;
            for (int si = 0; si < suite.Scenarios.Count; si++)
            {
                ScenarioDefinition sc = suite.Scenarios[si];
                int seeds = quick ? sc.QuickSeeds ?? suite.QuickSeeds : sc.Seeds ?? suite.Seeds;
                foreach (double size in sc.Sizes)
                {
                    for (int r = 0; r < seeds; r++)
                        jobs.Add(new RunJob(group, sc.Name, sc.Kind, size, unchecked(suite.BaseSeed + 100_000 * (si + 1) + r), suite.Cells,
                            suite.VoltageNoise_mV, sc.Onset_s, sc.Ramp_s));
                    group++;
                }
            }
            return jobs;
        }

        private static List<DetectabilityRow> Detectability(SuiteDefinition suite, DetectabilityDefinition d, bool quick, int par, Action<string, int, int>? progress)
        {
            var rows = new List<DetectabilityRow>();
            for (int ni = 0; ni < d.Noise_mV.Count; ni++)
            {
                double noise = d.Noise_mV[ni];
                string stage = "detectability " + d.NoiseLabels[ni];
                PopulationPrior prior = RunExecutor.Calibrate(suite.Cells, noise, quick ? suite.QuickCalibrationRuns : suite.CalibrationRuns, suite.BaseSeed + 50_000 * (ni + 1), par);
                var jobs = new List<RunJob>();
                int seeds = quick ? d.QuickSeeds : d.Seeds, healthy = quick ? d.QuickHealthyRuns : d.HealthyRuns;
                int baseSeed = suite.BaseSeed + 10_000_000 * (ni + 1);
                for (int s = 0; s < d.Sizes.Count; s++)
                    for (int r = 0; r < seeds; r++)
                        jobs.Add(new RunJob(s, "weld-step", ScenarioKind.WeldStep, d.Sizes[s], baseSeed + r, suite.Cells, noise, 2500, 1));
                for (int r = 0; r < healthy; r++)
                    jobs.Add(new RunJob(d.Sizes.Count, "healthy", ScenarioKind.Healthy, 0, baseSeed + 500_000 + r, suite.Cells, noise, 0, 1));
                RunOutcome[] outs = RunExecutor.Execute(jobs, prior, par, (x, t) => progress?.Invoke(stage, x, t));
                GroupResult[] groups = MetricsCalculator.Groups(outs);
                PooledFalseAlarms[] pooled = MetricsCalculator.Pooled(outs);
                foreach (DetectionMethod m in MethodSet.Create())
                {
                    PooledFalseAlarms p = pooled.First(x => x.Method == m.Id && x.Quantity == Quantity.Resistance);
                    int k = p.LowestIndexAtOrBelow(d.TargetFalseAlarmsPer1000CellHours);
                    GroupResult? hit = null;
                    if (k >= 0)
                        foreach (GroupResult g in groups.Where(g => g.Kind == ScenarioKind.WeldStep).OrderBy(g => g.Size))
                            if (g.Points[m.Id][k].DetectionProbability >= d.MinDetectionProbability) { hit = g; break; }
                    rows.Add(new DetectabilityRow
                    {
                        NoiseClass = d.NoiseLabels[ni],
                        VoltageNoise_mV = noise,
                        Method = m.Id,
                        Threshold = k >= 0 ? p.Thresholds[k] : null,
                        FalseAlarms = k >= 0 ? p.FalseAlarms[k] : 0,
                        CellHours = p.CellHours,
                        SmallestSize = hit?.Size,
                        SmallestSizeLabel = hit?.SizeLabel ?? "none tried",
                        MedianDelay_s = hit != null ? hit.Points[m.Id][k].MedianDelay_s : null,
                    });
                }
            }
            return rows;
        }
    }
}

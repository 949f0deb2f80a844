using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Scenarios;
using static CellVar.Bms.Evaluation.Reporting.Format;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>The report's tables, built once from an <see cref="EvaluationResult"/>.</summary>
    public static class ReportTables
    {
        /// <summary>All tables in report order.</summary>
        public static IReadOnlyList<TextTable> Build(EvaluationResult r)
        {
            var t = new List<TextTable> { Detection(r), MustNotAlarm(r), SensorFaults(r), Pooled(r) };
            if (r.Detectability is { Count: > 0 }) t.Add(Detectability(r));
            t.Add(Efficiency(r));
            return t;
        }

        private static TextTable Detection(EvaluationResult r)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (GroupResult g in r.Groups.Where(g => g.Expectation == Expectation.Detect))
                foreach (string m in Comparison.MethodIds(r))
                {
                    OperatingPoint? d = Comparison.Point(r, g, m, false);
                    OperatingPoint? x = Comparison.Point(r, g, m, true);
                    PooledFalseAlarms p = Comparison.Pool(r, m, g.Quantity);
                    int kd = Comparison.Index(r, m, g.Quantity, false), kx = Comparison.Index(r, m, g.Quantity, true);
                    rows.Add([g.Scenario, g.SizeLabel, m, g.Runs.ToString(),
                        P(d?.DetectionProbability), N(d?.MedianDelay_s, 0), N(d?.P95Delay_s, 0), N(p.RatePer1000(kd), 2),
                        x == null ? "no threshold" : N(x.Threshold, 3), P(x?.DetectionProbability), N(x?.MedianDelay_s, 0), N(x?.P95Delay_s, 0),
                        kx < 0 ? "—" : N(p.RatePer1000(kx), 2)]);
                }
            return new TextTable("Detection: defects (weld step/ramp, hot cell)",
                "Pd = detection probability over seeds; delays in seconds from the defect onset (median, 95th percentile nearest rank, over detected runs); " +
                "FA = false alarms per 1,000 healthy cell-hours pooled over every run of the suite. Left: each method at its default threshold. " +
                "Right (*): each baseline at its most sensitive threshold whose pooled FA is ≤ ours at our default (thresholds matched in-sample, which favours the baselines).",
                ["scenario", "size", "method", "runs", "Pd", "median delay s", "p95 delay s", "FA/1000 cell-h", "threshold*", "Pd*", "median*", "p95*", "FA*"], rows);
        }

        private static TextTable MustNotAlarm(EvaluationResult r)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (GroupResult g in r.Groups.Where(g => g.Expectation is Expectation.NoAlarm or Expectation.None))
                foreach (string m in Comparison.MethodIds(r))
                {
                    OperatingPoint? d = Comparison.Point(r, g, m, false);
                    OperatingPoint? x = Comparison.Point(r, g, m, true);
                    rows.Add([g.Scenario, g.SizeLabel, m, g.Runs.ToString(),
                        d == null ? "—" : $"{d.SpecialCellAlarmRuns}/{g.Runs}", N(d?.FalseAlarmsPer1000CellHours, 2),
                        x == null ? "—" : $"{x.SpecialCellAlarmRuns}/{g.Runs}", N(x?.FalseAlarmsPer1000CellHours, 2)]);
                }
            return new TextTable("Must not alarm: healthy packs, extreme-but-healthy cells, balancing, rig temperature swings",
                "special = runs in which a special cell (extreme cell, balanced cells and their neighbours) raised a cell-defect alarm; " +
                "FA = alarms per 1,000 cell-hours on the group's other cells (temperature swing: all cells). * = FA-matched thresholds as above.",
                ["scenario", "size", "method", "runs", "special alarms", "FA/1000 cell-h", "special alarms*", "FA*"], rows);
        }

        private static TextTable SensorFaults(EvaluationResult r)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (GroupResult g in r.Groups.Where(g => g.Expectation == Expectation.SensorFault))
            {
                var cells = new List<string> { g.Scenario, g.SizeLabel, g.Runs.ToString(),
                    $"{g.SensorFaultRuns}/{g.Runs}", N(g.SensorFaultMedianDelay_s, 0), N(g.GlitchFlaggedFraction, 2) };
                foreach (string m in Comparison.MethodIds(r))
                {
                    OperatingPoint? d = Comparison.Point(r, g, m, false);
                    cells.Add(d == null ? "—" : $"{d.SpecialCellAlarmRuns}/{g.Runs}");
                }
                rows.Add(cells);
            }
            var headers = new List<string> { "scenario", "size", "runs", "sensor fault raised (device)", "median delay s", "flagged ticks per glitch" };
            headers.AddRange(Comparison.MethodIds(r).Select(m => "cell-defect alarms: " + m));
            return new TextTable("Sensor faults: glitches and open wires must be flagged as sensor faults, not cell defects",
                "Only the device classifies sensor faults (the baselines judge the device's validated estimates). " +
                "sensor fault raised = runs in which the device raised a sensor-fault alert on every affected cell after the onset; " +
                "flagged ticks per glitch = ticks the device flagged on the glitching cell per injected glitch (a spike also flags the jump back). " +
                "cell-defect alarms = runs with a resistance alarm on an affected cell at default thresholds (should be 0).",
                headers, rows);
        }

        private static TextTable Pooled(EvaluationResult r)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (Quantity q in new[] { Quantity.Resistance, Quantity.Temperature })
                foreach (string m in Comparison.MethodIds(r))
                {
                    PooledFalseAlarms p = Comparison.Pool(r, m, q);
                    int kx = Comparison.Index(r, m, q, true);
                    MethodInfo info = r.Methods.First(i => i.Id == m);
                    rows.Add([q.ToString().ToLowerInvariant(), m, q == Quantity.Resistance ? info.ResistanceRule : info.TemperatureRule,
                        N(p.Thresholds[p.DefaultIndex], 3), p.FalseAlarms[p.DefaultIndex].ToString(), N(p.RatePer1000(p.DefaultIndex), 2),
                        kx < 0 ? "none" : N(p.Thresholds[kx], 3), kx < 0 ? "—" : N(p.RatePer1000(kx), 2), N(p.CellHours, 0)]);
                }
            return new TextTable("False alarms on healthy cells (pooled over all runs)",
                "Every cell that is not special in its run; rates per 1,000 cell-hours. Zero alarms in H cell-hours bounds the rate by 3000/H per 1,000 cell-hours (95 %).",
                ["quantity", "method", "rule", "default threshold", "alarms", "FA/1000 cell-h", "FA-matched threshold", "FA*", "cell-hours"], rows);
        }

        private static TextTable Detectability(EvaluationResult r)
        {
            var rows = r.Detectability!.Select(d => (IReadOnlyList<string>)[d.NoiseClass, d.Method, N(d.Threshold, 3),
                $"{d.FalseAlarms} in {N(d.CellHours, 0)} h", d.SmallestSizeLabel, N(d.MedianDelay_s, 0)]).ToList();
            return new TextTable("Smallest weld step detectable within the false-alarm target",
                "Per noise class and method: the most sensitive threshold whose observed false-alarm rate on healthy cells is ≤ the target " +
                "(1 per 10,000 cell-hours unless the suite says otherwise), then the smallest weld step of the sizes tried detected in ≥ 90 % of seeds. " +
                "When fewer than 30,000 healthy cell-hours were observed, zero alarms does not yet prove the target at 95 % (bound = 3/H).",
                ["noise class", "method", "threshold", "false alarms", "smallest detected", "median delay s"], rows);
        }

        private static TextTable Efficiency(EvaluationResult r)
        {
            var rows = r.Efficiency.Select(e => (IReadOnlyList<string>)[N(e.VoltageNoise_mV, 2), e.Steps.ToString(), e.Replicates.ToString(),
                N(e.CrbSd_uOhm, 1), N(e.ForgettingBoundSd_uOhm, 1), N(e.DeviceRmse_uOhm, 1), N(e.DeviceBias_uOhm, 1), N(e.DoubleRmse_uOhm, 1),
                N(e.EfficiencyVsCrb, 3), N(e.EfficiencyVsWindow, 3), N(e.FixedVsDoubleRms_uOhm, 3), N(e.FixedVsDoubleMax_uOhm, 3)]).ToList();
            return new TextTable("Resistance estimator vs the Cramér–Rao bound; fixed point vs double",
                "R = 18 mΩ, the standard profile's current steps, Gaussian voltage noise σ per sample. Efficiency = bound² / MSE. " +
                "The device forgets old steps (λ = 0.995) to track change, so its reference bound is the λ-weighted one; " +
                "fixed − double = the device's integer recursion on 10 µV-quantised samples minus the same recursion in double precision on exact samples.",
                ["σ mV", "steps", "replicates", "CRB sd µΩ", "λ-bound sd µΩ", "device RMSE µΩ", "device bias µΩ", "double RMSE µΩ",
                 "eff. vs CRB", "eff. vs λ-bound", "fixed−double RMS µΩ", "fixed−double max µΩ"], rows);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Reporting;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Tests
{
    public class QuickSuiteTests(QuickSuiteFixture fixture) : IClassFixture<QuickSuiteFixture>
    {
        private readonly EvaluationResult _r = fixture.Result;

        /// <summary>
        /// The product's claim, asserted only where it holds: on the +5 % weld step ours detects every seed, and no threshold
        /// of the robust MAD baseline whose pooled false-alarm rate is at or below ours reaches our detection probability
        /// with a median delay as short as ours.
        /// NOT asserted because it does not hold in the full suite (20 seeds, `cellvar evaluate --suite standard.json`,
        /// 2026-11-25): the OVMS-style mean-deviation rule applied to the device's own resistance estimates is faster at
        /// equal or lower false-alarm rate (threshold 0.93 %: FA 16.8 vs ours 22.6 per 1,000 cell-h, median delay 260 s vs
        /// ours 380 s; at FA 2.8 it needs 460 s, ours needs 765 s at FA 3.1). Nor for ×10 welds, 1 W hot cells or ±5 K rig
        /// temperature swings (see the report).
        /// </summary>
        [Fact]
        public void OursDetectsThePlus5PercentWeldStepFasterThanMadAtNoMoreFalseAlarms()
        {
            GroupResult g = _r.Groups.Single(x => x.Kind == ScenarioKind.WeldStep && Math.Abs(x.Size - 0.05) < 1e-9);
            PooledFalseAlarms oursPool = Comparison.Pool(_r, "ours", Quantity.Resistance);
            OperatingPoint ours = g.Points["ours"][oursPool.DefaultIndex];
            double oursFa = oursPool.RatePer1000(oursPool.DefaultIndex);
            Assert.Equal(1.0, ours.DetectionProbability);
            Assert.NotNull(ours.MedianDelay_s);
            PooledFalseAlarms pool = Comparison.Pool(_r, "mad-z", Quantity.Resistance);
            int compared = 0;
            for (int k = 0; k < pool.Thresholds.Count; k++)
            {
                if (pool.RatePer1000(k) > oursFa) continue;
                compared++;
                OperatingPoint b = g.Points["mad-z"][k];
                bool worse = b.DetectionProbability < ours.DetectionProbability || b.MedianDelay_s > ours.MedianDelay_s;
                Assert.True(worse, $"mad-z at threshold {pool.Thresholds[k]} (FA {pool.RatePer1000(k):0.##} ≤ ours {oursFa:0.##}) " +
                                   $"has Pd {b.DetectionProbability} and median delay {b.MedianDelay_s} s vs ours {ours.DetectionProbability} / {ours.MedianDelay_s} s");
            }
            Assert.True(compared > 0, "mad-z has no threshold at or below our false-alarm rate"); // not vacuous
        }

        [Fact]
        public void DeviceFlagsOpenWiresAsSensorFaultsNotCellDefects()
        {
            GroupResult g = _r.Groups.Single(x => x.Kind == ScenarioKind.OpenWire);
            Assert.Equal(g.Runs, g.SensorFaultRuns);
            Assert.Equal(0, Comparison.Point(_r, g, "ours", false)!.SpecialCellAlarmRuns);
        }

        /// <summary>
        /// At default thresholds ours raises fewer false alarms on healthy packs than the MAD and Gaussian-prior rules
        /// (full suite: 1.7 vs 22.5 and 231 per 1,000 cell-h). Not "zero": the full suite does see a few.
        /// </summary>
        [Fact]
        public void OnHealthyPacksOursFalseAlarmsLessThanMadAndPriorRuleAtDefaults()
        {
            GroupResult g = _r.Groups.Single(x => x.Kind == ScenarioKind.Healthy);
            OperatingPoint ours = Comparison.Point(_r, g, "ours", false)!;
            Assert.True(ours.CellHours > 50);
            foreach (string m in new[] { "mad-z", "prior-3sigma" })
                Assert.True(ours.FalseAlarms < Comparison.Point(_r, g, m, false)!.FalseAlarms, m);
        }

        [Fact]
        public void ReportFilesAreWrittenWithoutNaN()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-eval-test-" + Guid.NewGuid().ToString("N"));
            try
            {
                var files = ResultFiles.Write(dir, _r, "cellvar evaluate --quick");
                Assert.Contains(files, f => f.EndsWith("results.json"));
                Assert.Contains(files, f => f.EndsWith(".png"));
                foreach (string f in files.Where(f => !f.EndsWith(".png")))
                    Assert.DoesNotContain("NaN", File.ReadAllText(f));
                string md = File.ReadAllText(Path.Combine(dir, "results.md"));
                Assert.Contains("| weld-step | +5 % | ours |", md);
                byte[] png = File.ReadAllBytes(files.First(f => f.EndsWith(".png")));
                Assert.Equal(0x89, png[0]); // PNG signature
                Assert.Equal((byte)'P', png[1]);
                string csv = File.ReadAllText(Path.Combine(dir, "roc.csv"));
                Assert.Contains("weld-step,+5 %,ours,resistance,30,1,", csv);
            }
            finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
        }
    }
}

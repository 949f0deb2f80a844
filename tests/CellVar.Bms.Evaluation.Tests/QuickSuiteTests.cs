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
        /// The product's claim: on the +5 % weld step ours detects every seed, and no threshold of the OVMS-style
        /// mean-deviation rule or of the robust MAD rule whose pooled false-alarm rate is at or below ours reaches our
        /// detection probability with a median delay as short as ours. Before the device compensated resistance for
        /// temperature (full suite 2026-11-25 22:08) the mean-deviation part did not hold (ours raised 22.6 false alarms per
        /// 1,000 cell-h); with compensation ours raises none in the full suite and the ordering holds (results/results.md).
        /// Not claimed: ×10 welds (baselines react at the first step, ours after its CUSUM), 1 W hot cells (see the report).
        /// </summary>
        [Theory]
        [InlineData("mean-dev")]
        [InlineData("mad-z")]
        public void OursDetectsThePlus5PercentWeldStepFasterThanBaselineAtNoMoreFalseAlarms(string baseline)
        {
            GroupResult g = _r.Groups.Single(x => x.Kind == ScenarioKind.WeldStep && Math.Abs(x.Size - 0.05) < 1e-9);
            PooledFalseAlarms oursPool = Comparison.Pool(_r, "ours", Quantity.Resistance);
            OperatingPoint ours = g.Points["ours"][oursPool.DefaultIndex];
            double oursFa = oursPool.RatePer1000(oursPool.DefaultIndex);
            Assert.Equal(1.0, ours.DetectionProbability);
            Assert.NotNull(ours.MedianDelay_s);
            PooledFalseAlarms pool = Comparison.Pool(_r, baseline, Quantity.Resistance);
            int compared = 0;
            for (int k = 0; k < pool.Thresholds.Count; k++)
            {
                if (pool.RatePer1000(k) > oursFa) continue;
                compared++;
                OperatingPoint b = g.Points[baseline][k];
                bool worse = b.DetectionProbability < ours.DetectionProbability || b.MedianDelay_s > ours.MedianDelay_s;
                Assert.True(worse, $"{baseline} at threshold {pool.Thresholds[k]} (FA {pool.RatePer1000(k):0.##} ≤ ours {oursFa:0.##}) " +
                                   $"has Pd {b.DetectionProbability} and median delay {b.MedianDelay_s} s vs ours {ours.DetectionProbability} / {ours.MedianDelay_s} s");
            }
            Assert.True(compared > 0, $"{baseline} has no threshold at or below our false-alarm rate"); // not vacuous
        }

        [Fact]
        public void DeviceFlagsOpenWiresAsSensorFaultsNotCellDefects()
        {
            GroupResult g = _r.Groups.Single(x => x.Kind == ScenarioKind.OpenWire);
            Assert.Equal(g.Runs, g.SensorFaultRuns);
            Assert.Equal(0, Comparison.Point(_r, g, "ours", false)!.SpecialCellAlarmRuns);
        }

        /// <summary>
        /// At default thresholds ours raises no false alarm on the quick suite's healthy packs, fewer than the MAD rule and
        /// no more than the Gaussian-prior rule (full suite, results/results.md: 0 vs 47.6 and 9.5 per 1,000 cell-h).
        /// </summary>
        [Fact]
        public void OnHealthyPacksOursRaisesNoFalseAlarmAndNoMoreThanMadAndPriorRuleAtDefaults()
        {
            GroupResult g = _r.Groups.Single(x => x.Kind == ScenarioKind.Healthy);
            OperatingPoint ours = Comparison.Point(_r, g, "ours", false)!;
            Assert.True(ours.CellHours > 50);
            Assert.Equal(0, ours.FalseAlarms);
            // MAD alarms on healthy packs at its default; the prior 3σ rule reads the device's temperature-compensated
            // estimates and is silent there too, so for it only "no more than" holds.
            Assert.True(ours.FalseAlarms < Comparison.Point(_r, g, "mad-z", false)!.FalseAlarms, "mad-z");
            Assert.True(ours.FalseAlarms <= Comparison.Point(_r, g, "prior-3sigma", false)!.FalseAlarms, "prior-3sigma");
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

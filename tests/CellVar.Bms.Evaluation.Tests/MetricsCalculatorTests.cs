using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Tests
{
    public class MetricsCalculatorTests
    {
        /// <summary>Three hand-made weld runs of 3 cells, 3600 s each, defect on cell 1 from t = 1000 s; every method gets the same alarms.</summary>
        private static RunOutcome[] Runs()
        {
            RunOutcome Make(int seed, double[][] raises, double[][] clears)
            {
                var alarms = new Dictionary<(string, Quantity), AlarmEvents>();
                foreach (DetectionMethod m in MethodSet.Create())
                    foreach (Quantity q in new[] { Quantity.Resistance, Quantity.Temperature })
                        {
                        int n = m.Thresholds(q).Count;
                        alarms[(m.Id, q)] = new AlarmEvents(Enumerable.Range(0, n).Select(_ => raises).ToArray(), Enumerable.Range(0, n).Select(_ => clears).ToArray());
                    }
                return new RunOutcome
                {
                    Job = new RunJob(0, "w", ScenarioKind.WeldStep, 0.05, seed, 3, 1, 1000, 1),
                    SpecialCells = [1], Onset_s = 1000, Duration_s = 3600, Cells = 3, Alarms = alarms,
                    FirstSensorFault_s = [double.NaN, double.NaN, double.NaN], FlaggedSamples = [0, 0, 0],
                };
            }
            return
            [
                // Run A: a false alarm on the defect cell before onset (500–800 s), detection at 1300 (delay 300), one FA on cell 2.
                Make(1, [[], [500, 1300, 2000], [100]], [[], [800, 1900, double.PositiveInfinity], [150]]),
                // Run B: detection at 1100 (delay 100), no false alarms.
                Make(2, [[], [1100], []], [[], [double.PositiveInfinity], []]),
                // Run C: an alarm raised before the onset (900 s) still active at the onset: detected with delay 0, and one false alarm.
                Make(3, [[], [900], []], [[], [double.PositiveInfinity], []]),
            ];
        }

        [Fact]
        public void DetectionDelayAndFalseAlarmsFollowTheDefinitions()
        {
            GroupResult g = Assert.Single(MetricsCalculator.Groups(Runs()));
            OperatingPoint p = g.Points["ours"][0];
            Assert.Equal(3, p.Detected);
            Assert.Equal(1.0, p.DetectionProbability);
            Assert.Equal(100, p.MedianDelay_s); // nearest rank of {0, 100, 300} at 50 %
            Assert.Equal(300, p.P95Delay_s);
            // Healthy exposure: cells 0 and 2 for 1 h in three runs (6 h) + defect cell before onset (3 × 1000 s).
            Assert.Equal(6 + 3000.0 / 3600, p.CellHours, 9);
            Assert.Equal(3, p.FalseAlarms); // t=100 on cell 2 (A), t=500 (A) and t=900 (C) on the defect cell before onset
        }

        [Fact]
        public void PooledFalseAlarmsExcludeSpecialCellsAndPickTheLowestQualifyingThreshold()
        {
            PooledFalseAlarms p = MetricsCalculator.Pooled(Runs()).First(x => x.Method == "mad-z" && x.Quantity == Quantity.Resistance);
            Assert.Equal(6.0, p.CellHours, 9);
            Assert.All(p.FalseAlarms, n => Assert.Equal(1, n));
            Assert.Equal(0, p.LowestIndexAtOrBelow(1000.0 / 6)); // 1 alarm in 6 h ≈ 166.7 per 1,000 cell-hours
            Assert.Equal(-1, p.LowestIndexAtOrBelow(166));
        }

        [Fact]
        public void PercentileIsNearestRank()
        {
            // rank ⌈0.95·20⌉ = 19 → the 19th smallest of 0..19 is 18.
            Assert.Equal(18, MetricsCalculator.Percentile([.. Enumerable.Range(0, 20).Select(i => (double)i)], 0.95));
            Assert.Null(MetricsCalculator.Percentile([], 0.5));
        }
    }
}

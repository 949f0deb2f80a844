using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.MonteCarlo;
using CellVar.Bms.Population.Pack;
using CellVar.Bms.Population.Priors;
using CellVar.Bms.Population.Spec;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Population.Tests
{
    public class RunnerPriorsPackTests
    {
        private static string Example(string f) => Path.Combine(RepoPaths.Root, "src", "HostTools", "examples", f);

        [Fact]
        public void SimulationIsIdenticalForOneAndTwoThreadsAndNeverNaN()
        {
            var spec = PopulationSpecReader.ReadFile(Example("population.json"));
            var a = new PopulationRunner { Spec = spec, Seed = 5, MaxDegreeOfParallelism = 1 }.Run(60);
            var b = new PopulationRunner { Spec = spec, Seed = 5, MaxDegreeOfParallelism = 2 }.Run(60);
            string Csv(CellRecord[] r) { var w = new StringWriter(); CellsCsv.Write(w, spec, r); return w.ToString(); }
            string ca = Csv(a);
            Assert.Equal(ca, Csv(b));
            Assert.DoesNotContain("NaN", ca);
            Assert.All(a.Where(r => r.Rejection == null), r => Assert.InRange(r.Outputs!.Capacity1C_Ah, 4.0, 5.5));
            Assert.All(a.Where(r => r.Rejection == null), r => Assert.True(r.Outputs!.CapacityC3_Ah > r.Outputs.Capacity1C_Ah));
        }

        [Fact]
        public void FastCellAndSpmeAgreeCellByCellOnTheSameSamples()
        {
            var spec = PopulationSpecReader.ReadFile(Example("population.json"));
            var fast = new PopulationRunner { Spec = spec, Seed = 9, Experiment = ExperimentKind.OneC, Model = "spm-fast" }.Run(40);
            var spme = new PopulationRunner { Spec = spec, Seed = 9, Experiment = ExperimentKind.OneC, Model = "spme" }.Run(40);
            var ok = Enumerable.Range(0, 40).Where(i => fast[i].Outputs != null && spme[i].Outputs != null).ToArray();
            Assert.True(ok.Length >= 35);
            double[] qf = ok.Select(i => fast[i].Outputs!.Capacity1C_Ah).ToArray(), qs = ok.Select(i => spme[i].Outputs!.Capacity1C_Ah).ToArray();
            // Same manufacturing samples through two models: the capacities must rank alike (the scatter is physics, not model noise)
            // and agree within 1 % on average (the fast cell is ≤ 10 mV rms from PyBaMM, ~1 % of capacity at the 1C knee).
            Assert.True(MathNet.Numerics.Statistics.Correlation.Pearson(qf, qs) > 0.95);
            Assert.InRange(qf.Average() / qs.Average(), 0.99, 1.01);
        }

        [Fact]
        public void FalseAlarmPerDayMapsToPerTestAndBack()
        {
            double a = FalseAlarm.PerTest(1e-4, 24);
            Assert.Equal(1e-4, 1 - Math.Pow(1 - a, 24), 12);
            Assert.Equal(1e-4, FalseAlarm.PerTest(1e-4, 1), 15);
        }

        [Fact]
        public void MixturePriorThresholdIsTheExactBulkQuantileAndFitRecoversDefects()
        {
            var truth = new DefectMixtureMarginal(20.0, 0.6, 0.01, 40.0, 0.3);
            var rng = new Random(8);
            var x = Enumerable.Range(0, 20_000).Select(_ => truth.FromLatent(LatentMath.StandardNormal(rng), rng)).ToArray();
            var q = PriorFitter.Fit("resistance", "mOhm", "normal_defect_mixture", x, 1e-4, 24, high: true, low: false);
            // Binomial SE of the weight at n = 20,000, w = 0.01 is 0.0007; ±0.003 is > 4 SE.
            Assert.InRange(q.DefectWeight!.Value, 0.007, 0.013);
            // Bulk mean SE 0.6/√19800 ≈ 0.004; sd relative SE 0.5 %.
            Assert.InRange(q.Location, 19.98, 20.02);
            Assert.InRange(q.Scale, 0.58, 0.62);
            double alpha = FalseAlarm.PerTest(1e-4, 24);
            double expected = MathNet.Numerics.Distributions.Normal.InvCDF(q.Location, q.Scale, 1 - alpha);
            Assert.Equal(expected, q.ThresholdHigh!.Value, 9);
            // A normal fit to the same data is dragged by the defects: its threshold is far above the healthy bulk's.
            var qn = PriorFitter.Fit("resistance", "mOhm", "normal", x, 1e-4, 24, high: true, low: false);
            Assert.True(qn.ThresholdHigh > q.ThresholdHigh + 5);
        }

        [Fact]
        public void PriorFileFollowsTheContract()
        {
            var x = Enumerable.Range(0, 200).Select(i => 5.0 + 0.01 * Math.Sin(i)).ToArray();
            var q = PriorFitter.Fit("capacity", "Ah", "normal", x, 1e-4, 1, high: false, low: true);
            var ms = new MemoryStream();
            PriorFile.Write(ms, "test", new[] { q });
            using var doc = JsonDocument.Parse(ms.ToArray());
            var r = doc.RootElement;
            Assert.Equal("cellvar-priors", r.GetProperty("format").GetString());
            Assert.Equal(1, r.GetProperty("version").GetInt32());
            var e = r.GetProperty("quantities")[0];
            foreach (var f in new[] { "name", "unit", "family", "location", "scale", "df", "defect_weight", "defect_location", "defect_scale", "false_alarm_per_cell_day", "threshold_high", "threshold_low" })
                Assert.True(e.TryGetProperty(f, out _), f);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("threshold_high").ValueKind);
            Assert.True(e.GetProperty("threshold_low").GetDouble() < e.GetProperty("location").GetDouble());
        }

        [Fact]
        public void HeavyTailedWeldsMakeHotCellsFarMoreLikelyThanGaussian()
        {
            var weld = new DefectMixtureMarginal(0.3e-3, 0.03e-3, 0.002, 1.5e-3, 0.6);
            var rows = HotCellRisk.Table(weld, 0.025, 5.0, 8, new[] { 100, 1000 }, new[] { 2.0 });
            // ΔT > 2 K at 5 A and 8 K/W needs only 10 mΩ in total, less than the 25 mΩ cell itself: every cell exceeds it.
            var rows2 = HotCellRisk.Table(weld, 0.025, 5.0, 8, new[] { 100, 1000 }, new[] { 5.5 });
            // Critical weld = 5.5/(8·25) − 0.025 = 2.5 mΩ: 73 bulk sd above the bulk mean (Gaussian P ≈ 0), but P_defect = Φ(−ln(2.5/1.5)/0.6) ≈ 0.198.
            double pCell = 0.002 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Log(2.5 / 1.5) / 0.6);
            Assert.Equal(1 - Math.Pow(1 - pCell, 1000), rows2[1].HeavyTailed, 6);
            Assert.True(rows2[1].HeavyTailed > 0.2);
            Assert.True(rows2[1].Gaussian < 1e-6);
            Assert.Equal(1.0, rows[0].HeavyTailed, 6);
        }

        [Fact]
        public void PackSharesCurrentAndIsLimitedByItsWeakestCell()
        {
            var spec = PackSpec.ReadFile(Example("pack.json")) with { Series = 4, Parallel = 3 };
            var r = new PackSimulator(spec, 3).Run(1);
            Assert.True(r.LimitingCell >= 0);
            Assert.True(r.UsableCapacity_Ah > 0.8 * r.MeanCellCapacityTimesNp_Ah && r.UsableCapacity_Ah <= r.MeanCellCapacityTimesNp_Ah * 1.0001,
                $"pack {r.UsableCapacity_Ah} vs Np×mean {r.MeanCellCapacityTimesNp_Ah}");
            Assert.True(r.MaxCurrentImbalance > 0 && r.MaxCurrentImbalance < 0.5);
            Assert.True(r.SocSpreadEnd > 0);
            Assert.All(r.TemperatureRise_K, t => Assert.InRange(t, 0.0, 60.0));
            Assert.True(r.MaxSocSpread >= r.SocSpreadEnd);
            // Interconnects carry the pack current through Ns − 1 joints for the whole discharge: E = I²·R·(Ns−1)·t.
            double iPack = spec.CRate * 5.0 * spec.Parallel;
            Assert.Equal(iPack * iPack * spec.Interconnect_Ohm * (spec.Series - 1) * r.Duration_s / 3600, r.InterconnectLoss_Wh, 9);
            Assert.InRange(r.MinPackVoltage_V, spec.Series * 2.0, spec.Series * 4.2);
        }
    }
}

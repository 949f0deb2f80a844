using System;
using System.IO;
using CellVar.Bms.Population.Ageing;
using CellVar.Bms.Tests.Common;
using Xunit.Abstractions;

namespace CellVar.Bms.Population.Tests
{
    public class AgeingCalibrationTests
    {
        private readonly ITestOutputHelper _out;
        public AgeingCalibrationTests(ITestOutputHelper o) { _out = o; }

        [Fact]
        public void CalibratedPopulationReproducesBaumhofer()
        {
            var data = AgeingTargets.FromBaumhofer(Path.Combine(RepoPaths.SharedData, "baumhofer2014"));
            // The data themselves (n = 47/48) — check we read what the data README states.
            Assert.InRange(data.InitialCoV, 0.0026, 0.0027);
            Assert.InRange(data.LifeCoV, 0.074, 0.076);
            var h = AgeingCalibrator.Calibrate(data, 1.2, cells: 300, seed: 99, maxIterations: 600);
            // Validate on a fresh, larger population (different seed than the calibration's).
            var (ini, at, life) = AgeingModel.Simulate(h, 3000, seed: 2024, AgeingTargets.Checkpoints, 1.2);
            var sim = AgeingTargets.From(ini, at, life);
            _out.WriteLine($"data: CoV0 {data.InitialCoV:P3} CoV@400/800/1200 {data.CoVAt[0]:P2}/{data.CoVAt[1]:P2}/{data.CoVAt[2]:P2} life {data.LifeMean:F0}±{data.LifeCoV:P2} r {data.InitialLifeCorrelation:F3}");
            _out.WriteLine($"sim:  CoV0 {sim.InitialCoV:P3} CoV@400/800/1200 {sim.CoVAt[0]:P2}/{sim.CoVAt[1]:P2}/{sim.CoVAt[2]:P2} life {sim.LifeMean:F0}±{sim.LifeCoV:P2} r {sim.InitialLifeCorrelation:F3}");
            _out.WriteLine(h.ToString());
            // Initial CoV: the data's sd has relative SE 1/√(2·46) ≈ 10 %; ±25 % is 2.5 SE.
            Assert.InRange(sim.InitialCoV / data.InitialCoV, 0.75, 1.25);
            // CoV grows with cycles, as in the data.
            Assert.True(sim.CoVAt[0] > sim.InitialCoV && sim.CoVAt[1] > sim.CoVAt[0] && sim.CoVAt[2] > sim.CoVAt[1]);
            // Each CoV within ±40 %: n = 48 gives ~10–20 % relative SE for these skewed late-life spreads, plus model error.
            for (int k = 0; k < 3; k++) Assert.InRange(sim.CoVAt[k] / data.CoVAt[k], 0.6, 1.4);
            // Mean curve within 15 mAh (under 1 % of capacity).
            for (int k = 0; k < 3; k++) Assert.InRange(sim.MeanAt_Ah[k] - data.MeanAt_Ah[k], -0.015, 0.015);
            // Life: mean within 3 % (data SE 15 cycles ≈ 1 %); CoV 7.5 % ± 2 points (relative SE of an n = 48 sd ≈ 10–15 % for a skewed life).
            Assert.InRange(sim.LifeMean / data.LifeMean, 0.97, 1.03);
            Assert.InRange(sim.LifeCoV, data.LifeCoV - 0.02, data.LifeCoV + 0.02);
            // r(initial, life): data −0.17 with n = 48 has SE (1 − r²)/√(n − 1) ≈ 0.14; accept ±0.28 (2 SE) — weak, negative-to-zero.
            Assert.InRange(sim.InitialLifeCorrelation, data.InitialLifeCorrelation - 0.28, data.InitialLifeCorrelation + 0.28);
            Assert.True(Math.Abs(sim.InitialLifeCorrelation) < 0.45);
        }
    }
}

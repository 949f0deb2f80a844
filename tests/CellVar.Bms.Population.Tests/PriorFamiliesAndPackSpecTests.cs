using System;
using System.IO;
using System.Linq;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Pack;
using CellVar.Bms.Population.Priors;
using CellVar.Bms.Population.Spec;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Tests
{
    public class PriorFamiliesAndPackSpecTests
    {
        [Fact]
        public void StudentTPriorRecoversTheTailAndUsesTheExactTQuantile()
        {
            var truth = new StudentTMarginal(20.0, 0.5, 4);
            var rng = new Random(12);
            var x = Enumerable.Range(0, 20_000).Select(_ => truth.FromLatent(LatentMath.StandardNormal(rng), rng)).ToArray();
            var q = PriorFitter.Fit("resistance", "mOhm", "student_t", x, 1e-3, 1, high: true, low: false);
            // ML df at n = 20,000 and ν = 4 has SE ≈ 0.15; location/scale SE < 1 %.
            Assert.InRange(q.Df!.Value, 3.4, 4.7);
            Assert.InRange(q.Location, 19.98, 20.02);
            Assert.InRange(q.Scale, 0.48, 0.52);
            Assert.Equal(StudentT.InvCDF(q.Location, q.Scale, q.Df.Value, 1 - 1e-3), q.ThresholdHigh!.Value, 9);
            // The heavy tail matters: a normal fitted to the same data puts its 1e-3 threshold well below the t one.
            var qn = PriorFitter.Fit("resistance", "mOhm", "normal", x, 1e-3, 1, high: true, low: false);
            Assert.True(qn.ThresholdHigh < q.ThresholdHigh - 0.3);
        }

        [Fact]
        public void LogNormalPriorIsFittedInLogSpace()
        {
            var rng = new Random(13);
            var x = Enumerable.Range(0, 10_000).Select(_ => Math.Exp(Math.Log(2.0) + 0.2 * LatentMath.StandardNormal(rng))).ToArray();
            var q = PriorFitter.Fit("capacity", "Ah", "lognormal", x, 1e-4, 4, high: false, low: true);
            // SE of the log-mean 0.002 → median within 1 %; SE of sigma 0.7 % → 4 %.
            Assert.InRange(q.Location, 1.98, 2.02);
            Assert.InRange(q.Scale, 0.192, 0.208);
            Assert.Equal(Math.Exp(Math.Log(q.Location) + q.Scale * Normal.InvCDF(0, 1, FalseAlarm.PerTest(1e-4, 4))), q.ThresholdLow!.Value, 9);
        }

        [Fact]
        public void PriorsRejectDegenerateInputAndUnknownFamilies()
        {
            Assert.Throws<ArgumentException>(() => PriorFitter.Fit("capacity", "Ah", "normal", new double[5], 1e-4, 1, false, true));
            Assert.Throws<ArgumentException>(() => PriorFitter.Fit("capacity", "Ah", "normal", Enumerable.Repeat(5.0, 50).ToArray(), 1e-4, 1, false, true));
            Assert.Throws<ArgumentException>(() => PriorFitter.Fit("capacity", "Ah", "gamma", Enumerable.Range(0, 50).Select(i => 5.0 + i * 0.01).ToArray(), 1e-4, 1, false, true));
            Assert.Throws<ArgumentOutOfRangeException>(() => FalseAlarm.PerTest(0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => FalseAlarm.PerTest(1e-4, 0.5));
        }

        [Fact]
        public void PackSpecErrorsNameTheProblem()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-pack-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string pack = Path.Combine(dir, "pack.json");
                File.WriteAllText(pack, "{\"population\":\"missing.json\",\"series\":2,\"parallel\":2}");
                Assert.Contains("missing.json", Assert.Throws<SpecException>(() => PackSpec.ReadFile(pack)).Message);
                File.Copy(Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "population.json"), Path.Combine(dir, "population.json"));
                File.WriteAllText(pack, "{\"population\":\"population.json\",\"series\":0,\"parallel\":2}");
                Assert.Contains("series", Assert.Throws<SpecException>(() => PackSpec.ReadFile(pack)).Message);
                File.WriteAllText(pack, "{\"population\":\"population.json\",\"series\":2,\"parallel\":2,\"weld\":{\"family\":\"normal\",\"mean\":0.1e-3,\"sd\":0.1e-3}}");
                Assert.Contains("negative resistance", Assert.Throws<SpecException>(() => PackSpec.ReadFile(pack)).Message);
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}

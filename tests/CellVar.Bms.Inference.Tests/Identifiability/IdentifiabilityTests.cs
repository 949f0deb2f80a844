using System;
using System.Linq;
using CellVar.Bms.Inference.Identifiability;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;
using Xunit.Abstractions;

namespace CellVar.Bms.Inference.Tests.Identifiability
{
    /// <summary>SPMe (Chen2020), separator porosity ε and tortuosity τ (transport ∝ ε/τ), 1C 10 min pulse + 10 min rest, 1 mV noise.</summary>
    public class IdentifiabilityTests
    {
        private static readonly double[] Grid = { 0.5, 0.63, 0.79, 1.0, 1.26, 1.59, 2.0 };
        private readonly ITestOutputHelper _out;

        public IdentifiabilityTests(ITestOutputHelper output) => _out = output;

        private IdentifiabilityResult Analyse(params ExtraMeasurement[] extra)
        {
            CellParameters p = ParameterSets.Get("chen2020");
            var map = new CellParameterMap(p, new[] { "eps", "tau" }, "separator");
            var exp = VoltageExperiment.Named("pulse", p.NominalCapacity_Ah, sampleEvery_s: 10, timeStep_s: 5);
            IdentifiabilityResult r = IdentifiabilityAnalysis.Run(CellModelRegistry.Create("spme"), map, exp, 1e-3, extra, Grid);
            _out.WriteLine($"cond {r.ConditionNumber:G4}, corr {r.Correlation[0, 1]:F4}, rel sd {string.Join(", ", r.RelativeSd.Select(v => v.ToString("G3")))}, weakest [{string.Join(", ", r.WeakestDirection.Select(v => v.ToString("F3")))}], runs {r.ModelRuns}");
            foreach (var pc in r.Profiles)
                _out.WriteLine($"{pc.Name}: [{pc.Lower:F3}, {pc.Upper:F3}] drops {string.Join(" ", pc.Drop.Select(v => v.ToString("G3")))}");
            return r;
        }

        [Fact]
        public void VoltageAlonePinsTheTransportGroupButNotPorosityAndTortuosity()
        {
            IdentifiabilityResult r = Analyse();
            Assert.True(Math.Abs(r.Correlation[0, 1]) > 0.99, $"corr {r.Correlation[0, 1]}");
            // Flat profiles: halving or doubling either parameter (others re-fitted) costs less than the 95 % cut-off.
            Assert.All(r.Profiles, p => Assert.False(p.Bounded));
            Assert.True(r.Profiles[0].Drop[0] < 1.92 && r.Profiles[1].Drop[0] < 1.92);
            // The unidentified direction moves ln ε and ln τ together (ε/τ fixed): weakest eigenvector ≈ (1, 1).
            Assert.True(Math.Abs(r.WeakestDirection[0] - r.WeakestDirection[1]) < 0.15);
            // …while the group itself is well determined: sd of ln(ε/τ) from the Cramér–Rao covariance.
            double sdGroup = Math.Sqrt(r.RelativeSd[0] * r.RelativeSd[0] + r.RelativeSd[1] * r.RelativeSd[1] - 2 * r.Correlation[0, 1] * r.RelativeSd[0] * r.RelativeSd[1]);
            _out.WriteLine($"sd of ln(eps/tau) = {sdGroup:G3}");
            Assert.True(sdGroup < 0.05, $"group sd {sdGroup}");
            Assert.True(r.RelativeSd.All(s => s > 0.2)); // individually: > 20 % relative uncertainty
        }

        [Fact]
        public void AGravimetricPorosityMeasurementRestoresIdentifiability()
        {
            IdentifiabilityResult r = Analyse(new ExtraMeasurement("eps", 0.01)); // ±0.01 absolute on ε = 0.47
            Assert.All(r.Profiles, p => Assert.True(p.Bounded, p.Name));
            Assert.True(r.RelativeSd[1] < 0.06, $"tau rel sd {r.RelativeSd[1]}"); // ≈ porosity's 2.1 % plus the group's share
            Assert.True(Math.Abs(r.Correlation[0, 1]) < 0.9);
        }

        [Fact]
        public void ATortuosityMeasurementAlsoRestoresIt()
        {
            IdentifiabilityResult r = Analyse(new ExtraMeasurement("tau", 0.05)); // µ-CT: ±0.05 on τ ≈ 1.46
            Assert.All(r.Profiles, p => Assert.True(p.Bounded, p.Name));
            Assert.True(r.RelativeSd[0] < 0.08, $"eps rel sd {r.RelativeSd[0]}");
        }
    }
}

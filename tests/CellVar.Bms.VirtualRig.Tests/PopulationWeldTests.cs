using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.Population.Spec;
using CellVar.Bms.VirtualRig.Running;
using CellVar.Bms.VirtualRig.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    public sealed class PopulationWeldTests(ITestOutputHelper output)
    {
        [Fact]
        public async Task HeavyTailedWeldsDrawnFromThePopulationSpec_AreFoundByTheDevice()
        {
            string path = Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "population.json");
            // The example's bad-weld rate (0.2 %) would give no bad weld in 32 cells; 15 % makes a few appear in one small run.
            PopulationSpec spec = PopulationSpecReader.ReadFile(path).WithDefectWeight(0.15);
            var welds = new PopulationWelds(spec, 7, path);
            await using var rig = new Running.VirtualRig(new RigOptions { Monitors = 2, Cells = 16, Duration_s = 1200, Speed = 0, Welds = welds });
            await rig.RunAsync();
            var report = DefectReport.Evaluate(rig.Truth, rig.Alerts());
            foreach (var o in report.Outcomes) output.WriteLine($"{o.Defect.Describe()}: {o.Kind} at {o.DetectedAt_s}");
            foreach (var a in report.FalseAlarms) output.WriteLine($"unexplained: {a}");
            Assert.True(rig.Truth.Count >= 2, "the seeded draw must contain bad welds");
            // Bad welds ≥ 1 mΩ (≥ 5.5 % of R0, twice the device's 2.5 % margin) must all be found; marginal ones may be missed.
            Assert.All(report.Outcomes.Where(o => o.Defect.Magnitude >= 1.0), o => Assert.NotNull(o.DetectedAt_s));
            Assert.Empty(report.FalseAlarms);
        }
    }
}

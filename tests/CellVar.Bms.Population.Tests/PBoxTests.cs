using System.IO;
using CellVar.Bms.Population.Epistemic;
using CellVar.Bms.Population.Spec;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Population.Tests
{
    public class PBoxTests
    {
        [Fact]
        public void EpistemicDiffusivityUncertaintyWidensTheQuantileBand()
        {
            var spec = PopulationSpecReader.ReadFile(Path.Combine(RepoPaths.Root, "src", "HostTools", "examples", "population.json"));
            double[] ps = { 0.05, 0.5, 0.95 };
            // No epistemic uncertainty: every outer draw sees the same inner population (common random numbers) → zero width.
            var none = NestedMonteCarlo.Run(spec, "capacity_1c_Ah", 3, 40, 0.0, 0.002, 0.002, 7, ps, 2);
            foreach (var r in none) Assert.Equal(r.Lower, r.Upper, 12);
            // ±20 % diffusivity: the 1C capacity is diffusion-limited in the positive electrode, so the band opens.
            var wide = NestedMonteCarlo.Run(spec, "capacity_1c_Ah", 6, 40, 0.2, 0.0005, 0.005, 7, ps, 2);
            foreach (var r in wide) Assert.True(r.Upper - r.Lower > 1e-3, $"p{r.Probability}: [{r.Lower}, {r.Upper}]");
            Assert.True(wide[0].Lower <= wide[1].Lower && wide[1].Upper <= wide[2].Upper);
        }
    }
}

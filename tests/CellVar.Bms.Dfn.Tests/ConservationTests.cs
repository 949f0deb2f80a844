using System;
using CellVar.Bms.Dfn.Numerics;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Parameters;
using Xunit.Abstractions;

namespace CellVar.Bms.Dfn.Tests
{
    public class ConservationTests(ITestOutputHelper output)
    {
        [Fact]
        public void Lithium_in_solid_plus_electrolyte_is_conserved_over_a_cycle()
        {
            var props = DfnParameterMapping.FromModel(new CellParameters(), 0.75);
            var sys = new DfnSystem(props, DfnMeshOptions.Default);
            var y = sys.InitialState();
            double before = sys.TotalLithium_mol(y);
            // Rest, 1C discharge 30 min, 1C charge 30 min, rest: a full cycle back to the start SOC with current steps.
            var run = new DfnIntegrator(sys, props, DfnSolverOptions.Default)
                .Run(y, 0, new[] { 10.0, 1810, 3610, 4210 }, new[] { 0.0, 5.0, -5.0, 0.0 }, null, false, stopAtCutoffs: false);
            double after = sys.TotalLithium_mol(y);
            double rel = Math.Abs(after - before) / before;
            output.WriteLine($"Li before {before:R} mol, after {after:R} mol, relative change {rel:E2}; {run.Message}");
            Assert.Equal(Model.Simulation.TerminationReason.ProfileCompleted, run.Termination);
            // The finite-volume fluxes telescope and BDF preserves linear invariants, so only Newton's residual
            // (≤ 0.05 of the 1e-4 tolerance per step, in the update) and round-off remain: 1e-9 is far above both.
            Assert.True(rel < 1e-9, $"relative change {rel:E2}");
        }

        [Fact]
        public void Soc_from_particle_lithium_follows_coulomb_counting()
        {
            // The particles alone (not the electrolyte) must carry the charge passed: checks the reaction source terms.
            var model = new DfnModel();
            var cell = model.CreateStepper(new CellParameters(), 0.8);
            double soc0 = cell.Soc;
            var soh = ElectrodeSoh.Compute(new CellParameters());
            for (int k = 0; k < 30; k++) cell.Step(5.0, 60);
            double expected = soc0 - 5.0 * 1800 / 3600 / soh.Capacity_Ah;
            output.WriteLine($"SOC {soc0:F6} → {cell.Soc:F6}, coulomb counting {expected:F6}");
            // The electrolyte holds the rest; its content changes by < 1e-6 of the cell's lithium once polarised.
            Assert.InRange(cell.Soc, expected - 2e-5, expected + 2e-5);
        }
    }
}

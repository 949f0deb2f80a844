using System;
using CellVar.Bms.Dfn.Numerics;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Tests
{
    /// <summary>Out-of-range parameters, meaningless meshes and solver failures give errors naming the cause and time.</summary>
    public class BadInputTests
    {
        private static readonly CurrentProfile OneC = CurrentProfile.Constant(5.0, 3600);

        [Fact]
        public void Porosity_above_one_is_rejected_by_name()
        {
            var p = new CellParameters { NegativePorosity = 1.2 };
            var e = Assert.Throws<ParameterException>(() => new DfnModel().Simulate(p, OneC, new SimulationOptions()));
            Assert.Contains("NegativePorosity", e.Message);
        }

        [Fact]
        public void Thickness_typed_in_micrometres_is_rejected_by_the_dfn_view()
        {
            // Direct construction (not through CellParameters) goes through the DFN's own range checks.
            var good = DfnParameterMapping.FromModel(new CellParameters(), 0.5);
            var bad = TestCells.Copy(good, 0.5, 0.5);
            bad = new DfnCellProperties
            {
                NegativeOcp = bad.NegativeOcp, PositiveOcp = bad.PositiveOcp,
                ElectrolyteDiffusivity = bad.ElectrolyteDiffusivity, ElectrolyteConductivity = bad.ElectrolyteConductivity,
                NegativeThickness_m = 85.2, // µm typed as m
            };
            var e = Assert.Throws<DfnInputException>(bad.Validate);
            Assert.Equal("NegativeThickness_m", e.Field);
            Assert.Contains("85.2", e.Message);
        }

        [Fact]
        public void Initial_soc_outside_unit_interval_is_rejected()
        {
            var e = Assert.Throws<DfnInputException>(() => new DfnModel().Simulate(new CellParameters(), OneC, new SimulationOptions { InitialSoc = 1.5 }));
            Assert.Equal("InitialSoc", e.Field);
        }

        [Theory]
        [InlineData(2, 20, "NegativeCells")]
        [InlineData(20, 1, "NegativeParticleShells")]
        [InlineData(20, 1000, "NegativeParticleShells")]
        public void Too_coarse_or_too_fine_mesh_is_rejected_by_name(int cells, int shells, string field)
        {
            var mesh = new DfnMeshOptions { NegativeCells = cells, NegativeParticleShells = shells };
            var e = Assert.Throws<DfnInputException>(() => new DfnModel(mesh, DfnSolverOptions.Default));
            Assert.Equal("mesh." + field, e.Field);
        }

        [Fact]
        public void Nonsense_tolerance_is_rejected_by_name()
        {
            var e = Assert.Throws<DfnInputException>(() => new DfnModel(DfnMeshOptions.Default, new DfnSolverOptions { RelativeTolerance = 0 }));
            Assert.Contains("RelativeTolerance", e.Field);
        }

        [Fact]
        public void Step_limit_failure_names_cause_and_time_reached()
        {
            var model = new DfnModel(DfnMeshOptions.Default, new DfnSolverOptions { MaxSteps = 20 });
            var e = Assert.Throws<DfnSolverException>(() => model.Simulate(new CellParameters(), OneC, new SimulationOptions { InitialSoc = 0.9 }));
            Assert.Contains("step limit", e.Cause);
            Assert.True(e.TimeReached_s > 0 && e.TimeReached_s < 3600, $"time reached {e.TimeReached_s}");
            Assert.Contains("t = ", e.Message);
        }

        [Fact]
        public void Newton_failure_names_cause_and_time_reached()
        {
            // An OCP that stops being finite below θ = 0.8 makes the kinetics undefined part-way into a discharge.
            var good = DfnParameterMapping.FromModel(new CellParameters(), 0.9);
            var broken = TestCells.Copy(good, good.InitialNegativeStoichiometry, good.InitialPositiveStoichiometry,
                theta => theta < 0.8 ? double.NaN : Chen2020Functions.GraphiteOcp_V(theta));
            var sys = new DfnSystem(broken, DfnMeshOptions.Default);
            var e = Assert.Throws<DfnSolverException>(() => new DfnIntegrator(sys, broken, DfnSolverOptions.Default)
                .Run(sys.InitialState(), 0, new[] { 3600.0 }, new[] { 5.0 }, null, false, true));
            Assert.Contains("Newton", e.Cause);
            Assert.True(e.TimeReached_s > 10, $"time reached {e.TimeReached_s}");
        }

        [Fact]
        public void Electrolyte_depletion_ends_the_run_with_a_reason_not_nan()
        {
            // 10C from a mid SOC with no voltage cut-off drives c_e to zero in the positive electrode.
            var model = new DfnModel();
            var r = model.Simulate(new CellParameters(), CurrentProfile.Constant(50.0, 600),
                new SimulationOptions { InitialSoc = 0.6, StopAtVoltageCutoffs = false });
            Assert.True(r.Termination is TerminationReason.ElectrolyteDepleted or TerminationReason.StoichiometryLimit, r.TerminationMessage);
            Assert.All(r.Voltage_V, v => Assert.True(double.IsFinite(v)));
            Assert.Contains("t = ", r.TerminationMessage);
        }
    }
}

using CellVar.Bms.Dfn.Numerics;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Simulation;
using Xunit.Abstractions;

namespace CellVar.Bms.Dfn.Tests
{
    /// <summary>
    /// 1C discharge from the parameter file's concentrations against the independent numpy/scipy DFN of
    /// pybamm-models.md §6 (same equations and mesh, rtol 1e-8; not a PyBaMM output, given to 0.1 mV).
    /// </summary>
    public class CheckValueTests(ITestOutputHelper output)
    {
        private static readonly double[] Times = [0, 10, 60, 300, 600, 1200, 1800, 2400, 3000];
        private static readonly double[] Reference_V = [4.0377, 3.9991, 3.9454, 3.8986, 3.8155, 3.6623, 3.5124, 3.3935, 3.2259];

        [Fact]
        public void One_c_discharge_matches_check_values_and_stops_at_2_5_V()
        {
            var props = TestCells.FileInitialState();
            var sys = new DfnSystem(props, DfnMeshOptions.Default);
            var run = new DfnIntegrator(sys, props, DfnSolverOptions.Default)
                .Run(sys.InitialState(), 0, new[] { 4000.0 }, new[] { 5.0 }, Times, false, true);

            for (int k = 0; k < Times.Length; k++)
            {
                output.WriteLine($"t={Times[k]} V={run.Voltage_V[k]:F5} ref={Reference_V[k]}");
                // 0.05 mV rounding of the table + ≤ 0.13 mV from rtol 1e-4 (measured against rtol 1e-7) + margin.
                Assert.InRange(run.Voltage_V[k], Reference_V[k] - 0.4e-3, Reference_V[k] + 0.4e-3);
            }
            Assert.Equal(TerminationReason.LowerVoltageCutoff, run.Termination);
            // The table gives t(2.5 V) = 3555.5 s to 0.1 s; the voltage falls at ~2 mV/s there, so 1 s is generous.
            Assert.InRange(run.EndTime_s, 3554.5, 3556.5);
            // The event is located to 0.1 µV.
            Assert.InRange(run.EndVoltage_V, 2.5 - 1e-6, 2.5 + 1e-6);
            Assert.Contains("lower cut-off", run.Message);
        }

        [Fact]
        public void Charge_stops_at_upper_cut_off()
        {
            var props = DfnParameterMapping.FromModel(new Model.Parameters.CellParameters(), 0.8);
            var sys = new DfnSystem(props, DfnMeshOptions.Default);
            // From SOC 0.8 a 0.5C charge reaches 4.2 V before SOC 1, i.e. within 0.2·5.15 A h / 2.5 A ≈ 1484 s.
            var run = new DfnIntegrator(sys, props, DfnSolverOptions.Default)
                .Run(sys.InitialState(), 0, new[] { 3600.0 }, new[] { -2.5 }, null, true, true);
            output.WriteLine(run.Message);
            Assert.Equal(TerminationReason.UpperVoltageCutoff, run.Termination);
            Assert.InRange(run.EndVoltage_V, 4.2 - 1e-6, 4.2 + 1e-6);
            Assert.InRange(run.EndTime_s, 1.0, 1484.0);
            Assert.Equal(run.EndTime_s, run.Time_s[^1]);
        }

        [Fact]
        public void Starting_beyond_a_cut_off_stops_at_once()
        {
            // The file's state sits at OCV 4.18 V; under a 1C charge the terminal voltage starts at ≈ 4.32 V.
            var props = TestCells.FileInitialState();
            var sys = new DfnSystem(props, DfnMeshOptions.Default);
            var run = new DfnIntegrator(sys, props, DfnSolverOptions.Default)
                .Run(sys.InitialState(), 0, new[] { 600.0 }, new[] { -5.0 }, null, true, true);
            Assert.Equal(TerminationReason.UpperVoltageCutoff, run.Termination);
            Assert.Equal(0.0, run.EndTime_s);
            Assert.True(run.EndVoltage_V > 4.2);
        }
    }
}

using CellVar.Bms.Model.Parameters;
using Xunit.Abstractions;

namespace CellVar.Bms.Dfn.Tests
{
    public class MeshConvergenceTests(ITestOutputHelper output)
    {
        [Fact]
        public void Halving_every_cell_changes_voltage_by_less_than_3_mV_and_converges()
        {
            var data = PybammData.Load("dfn_charge_discharge_75.csv");
            var options = TestCells.OptionsAt(data.Time_s);
            var coarse = new DfnModel().Simulate(new CellParameters(), TestCells.ChargeDischargeProfile, options);
            var fine = new DfnModel(DfnMeshOptions.Default.Refined(2), DfnSolverOptions.Default)
                .Simulate(new CellParameters(), TestCells.ChargeDischargeProfile, options);
            double max = TestCells.Max_mV(coarse.Voltage_V, fine.Voltage_V), rms = TestCells.Rms_mV(coarse.Voltage_V, fine.Voltage_V);
            output.WriteLine($"20 → 40 cells per domain and particle: max {max:F3} mV, rms {rms:F3} mV");
            // Stated bound: halving all cell sizes moves V by < 3 mV anywhere (the largest change sits in the first
            // seconds after a current step, where the particle surface gradient is steepest) and < 1 mV rms.
            Assert.True(max < 3.0, $"max {max:F3} mV");
            Assert.True(rms < 1.0, $"rms {rms:F3} mV");
            // A converging discretisation changes the answer, but by far less than the model gap to the SPMe.
            Assert.True(max > 0.01, "refinement had no effect at all: the mesh options are not being used");

            // Halving again must move the answer less. The observed rms ratio is ≈ 3.3 (close to second order); only
            // "smaller" is asserted, because the steep transients after current steps make the ratio mesh-dependent.
            var finer = new DfnModel(DfnMeshOptions.Default.Refined(4), DfnSolverOptions.Default)
                .Simulate(new CellParameters(), TestCells.ChargeDischargeProfile, options);
            double rmsNext = TestCells.Rms_mV(fine.Voltage_V, finer.Voltage_V);
            output.WriteLine($"40 → 80: max {TestCells.Max_mV(fine.Voltage_V, finer.Voltage_V):F3} mV, rms {rmsNext:F3} mV (ratio {rms / rmsNext:F2})");
            Assert.True(rmsNext < rms, $"rms change grew from {rms:F3} to {rmsNext:F3} mV on refinement");
        }
    }
}

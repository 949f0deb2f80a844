using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using Xunit.Abstractions;

namespace CellVar.Bms.Dfn.Tests
{
    /// <summary>Where the DFN is needed: high rates and thick electrodes, where electrolyte transport limits the cell.</summary>
    public class HighRateTests(ITestOutputHelper output)
    {
        [Fact]
        public void Capacity_falls_with_rate_and_thick_electrodes_deplete_the_electrolyte()
        {
            var p = new CellParameters();
            var thick = p with { NegativeElectrodeThickness_m = 2 * p.NegativeElectrodeThickness_m, PositiveElectrodeThickness_m = 2 * p.PositiveElectrodeThickness_m };
            var fast = new SimulationOptions { InitialSoc = 1.0, TimeStep_s = 1e9, RecordTrace = false, RecordInternals = false };
            var dfn = new DfnModel();
            double q1 = dfn.Simulate(p, CurrentProfile.Constant(5, 7200), fast).DischargedCharge_Ah;
            var r3 = dfn.Simulate(p, CurrentProfile.Constant(15, 7200), fast);
            double q3 = r3.DischargedCharge_Ah;
            output.WriteLine($"Chen2020: 1C {q1:F4} A h, 3C {q3:F4} A h ({r3.TerminationMessage})");
            Assert.Equal(TerminationReason.LowerVoltageCutoff, r3.Termination);
            Assert.True(q3 < q1 - 0.05, "3C must deliver visibly less than 1C");

            // Doubled coatings at 2C of the doubled capacity (20 A): transport through the thick positive coating cannot
            // keep up and the electrolyte there runs dry. The run must say so (not fail, not return NaN).
            var dThick = dfn.Simulate(thick, CurrentProfile.Constant(20, 7200), fast with { RecordTrace = true, TimeStep_s = 10 });
            output.WriteLine($"thick 2C: DFN {dThick.DischargedCharge_Ah:F4} A h ({dThick.TerminationMessage})");
            Assert.Equal(TerminationReason.ElectrolyteDepleted, dThick.Termination);
            Assert.Contains("electrolyte depleted", dThick.TerminationMessage);
            Assert.All(dThick.Voltage_V, v => Assert.True(double.IsFinite(v) && v > 0));
            Assert.True(dThick.TerminationTime_s > 1, "depletion needs time to develop");
        }
    }
}

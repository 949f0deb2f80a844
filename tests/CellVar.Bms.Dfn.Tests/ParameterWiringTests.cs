using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Tests
{
    /// <summary>Shared parameters reach the DFN equations with the right effect.</summary>
    public class ParameterWiringTests
    {
        private static readonly double[] Times = [0, 30, 300, 900, 1500];
        private static readonly CurrentProfile Discharge = CurrentProfile.Constant(5.0, 1500);
        private static readonly SimulationOptions Options = new() { InitialSoc = 0.8, OutputTimes_s = Times };

        [Fact]
        public void Contact_resistance_is_a_pure_series_drop()
        {
            var p = new CellParameters();
            var a = new DfnModel().Simulate(p, Discharge, Options);
            var b = new DfnModel().Simulate(p with { ContactResistance_Ohm = 0.01 }, Discharge, Options);
            // The contact resistance sits outside the electrochemistry: V drops by exactly I·R = 5 A · 10 mΩ = 50 mV.
            // Both runs take the same steps, so only round-off (far below 1 µV) separates them.
            for (int k = 0; k < Times.Length; k++)
                Assert.Equal(a.Voltage_V[k] - 0.05, b.Voltage_V[k], 1e-9);
        }

        [Fact]
        public void Lower_porosity_and_exchange_current_lower_the_loaded_voltage()
        {
            var p = new CellParameters();
            var baseRun = new DfnModel().Simulate(p, Discharge, Options);
            var denseSep = new DfnModel().Simulate(p with { SeparatorPorosity = 0.25 }, Discharge, Options);
            var slowKinetics = new DfnModel().Simulate(p with { NegativeExchangeCurrentCoefficient = p.NegativeExchangeCurrentCoefficient / 4 }, Discharge, Options);
            for (int k = 1; k < Times.Length; k++)
            {
                // Bruggeman: separator conductance ~ ε^1.5, so lower porosity costs voltage under load.
                Assert.True(denseSep.Voltage_V[k] < baseRun.Voltage_V[k], $"separator porosity at t={Times[k]}");
                // Butler–Volmer: η = 2RT/F·asinh(j/2j0). With j/2j0 ≈ 3.7 (1C, uniform reaction) a 4× smaller j0 adds
                // 0.0514 V·(asinh 14.7 − asinh 3.7) ≈ 70 mV; the range allows for the SOC and the non-uniform reaction.
                double drop = baseRun.Voltage_V[k] - slowKinetics.Voltage_V[k];
                Assert.InRange(drop, 0.03, 0.09);
            }
            // At t = 0 the concentrations are uniform but the 5 A load already acts through the kinetics.
            Assert.True(slowKinetics.Voltage_V[0] < baseRun.Voltage_V[0]);
        }
    }
}

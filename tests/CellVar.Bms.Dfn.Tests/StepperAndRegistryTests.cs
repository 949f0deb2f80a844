using System;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Tests
{
    public class StepperAndRegistryTests
    {
        [Fact]
        public void Registry_creates_the_dfn_model_by_name()
        {
            // No Register call: the registry must find [assembly: CellModel(typeof(DfnModel))] by itself, which is how
            // `cellvar cell --model dfn` finds it beside the CLI.
            var model = CellModelRegistry.Create("DFN");
            Assert.IsType<DfnModel>(model);
            Assert.Contains("dfn", CellModelRegistry.Names);
        }

        [Fact]
        public void Stepper_driven_by_the_shared_simulator_agrees_with_the_adaptive_run()
        {
            var p = new CellParameters();
            var profile = CurrentProfile.Steps((600, 5.0), (300, 0.0), (300, -2.5));
            double[] times = [0, 60, 300, 600, 700, 900, 1000, 1200];
            var options = new SimulationOptions { InitialSoc = 0.6, OutputTimes_s = times, TimeStep_s = 30 };
            var model = new DfnModel();
            var adaptive = model.Simulate(p, profile, options);
            // CellSimulator calls Step once per 30 s interval; each call restarts the BDF history.
            var stepped = CellSimulator.Run("dfn", model.CreateStepper(p, 0.6), p, profile, options);
            Assert.Equal(adaptive.Count, stepped.Count);
            // Both are integrated to rtol 1e-4 (≤ 0.13 mV from the exact solution each); 0.5 mV covers both plus
            // the quadratic interpolation of the adaptive run between its steps.
            Assert.True(TestCells.Max_mV(adaptive.Voltage_V, stepped.Voltage_V) < 0.5,
                $"max {TestCells.Max_mV(adaptive.Voltage_V, stepped.Voltage_V):F3} mV");
            for (int k = 0; k < adaptive.Count; k++) Assert.Equal(adaptive.Soc[k], stepped.Soc[k], 4);
        }

        [Fact]
        public void Save_and_restore_reproduce_a_step_exactly()
        {
            var cell = new DfnModel().CreateStepper(new CellParameters(), 0.5);
            cell.Step(5.0, 100);
            var saved = new double[cell.StateSize];
            cell.SaveState(saved);
            cell.Step(5.0, 50);
            double continued = cell.Voltage_V; // continues the BDF history of the previous Step
            cell.RestoreState(saved);
            cell.Step(5.0, 50);
            double v1 = cell.Voltage_V;        // restarts the history from the restored state
            cell.RestoreState(saved);
            cell.Step(5.0, 50);
            Assert.Equal(v1, cell.Voltage_V, 12);
            // Continued and restarted integrations differ only by the integration error (rtol 1e-4 → ≤ 0.13 mV each).
            Assert.InRange(continued - v1, -3e-4, 3e-4);
            Assert.Null(cell.StateViolation);
            Assert.Contains("MinElectrolyteConcentration_mol_m3", cell.InternalNames);
            var row = new double[cell.InternalNames.Count];
            cell.ReadInternals(row);
            Assert.All(row, x => Assert.True(double.IsFinite(x)));
        }

        [Fact]
        public void Simulate_records_physical_internals_at_every_point()
        {
            var r = new DfnModel().Simulate(new CellParameters(), CurrentProfile.Constant(5.0, 1200),
                new SimulationOptions { InitialSoc = 0.8, OutputTimes_s = [0, 100, 600, 1200] });
            double[] sn = r.Internal("NegativeSurfaceStoichiometry"), xn = r.Internal("NegativeAverageStoichiometry");
            double[] cMin = r.Internal("MinElectrolyteConcentration_mol_m3"), cMax = r.Internal("MaxElectrolyteConcentration_mol_m3");
            double[] ocv = r.Internal("OpenCircuitVoltage_V");
            Assert.Equal(r.Count, sn.Length);
            for (int k = 1; k < r.Count; k++)
            {
                // Discharging empties the graphite surface first and polarises the electrolyte around c_e0 = 1000.
                Assert.True(sn[k] < xn[k], $"surface {sn[k]} vs bulk {xn[k]} at t={r.Time_s[k]}");
                Assert.True(cMin[k] < 1000 && cMax[k] > 1000, $"c_e range [{cMin[k]}, {cMax[k]}]");
                Assert.True(r.Voltage_V[k] < ocv[k], "loaded voltage below OCV");
            }
            // Bulk stoichiometry follows the charge passed: 1200 s at 5 A over Q_n = 5.8276 A h moves x by 0.2860.
            Assert.Equal(xn[0] - 5.0 * 1200 / 3600 / 5.827615, xn[^1], 1e-4);
        }

        [Fact]
        public void Rest_relaxes_towards_open_circuit_voltage()
        {
            var cell = new DfnModel().CreateStepper(new CellParameters(), 0.5);
            cell.Step(5.0, 300);
            double gapLoaded = Math.Abs(cell.OpenCircuitVoltage_V - cell.Voltage_V);
            cell.Step(0.0, 3600);
            double gapRest = Math.Abs(cell.OpenCircuitVoltage_V - cell.Voltage_V);
            // Under 1C the overpotential is tens of mV; after an hour's rest the particles have relaxed to < 1 mV.
            Assert.True(gapLoaded > 0.02, $"loaded gap {gapLoaded}");
            Assert.True(gapRest < 1e-3, $"rest gap {gapRest}");
        }
    }
}

using System;
using CellVar.Bms.Evaluation.Scenarios;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.Evaluation.Tests
{
    public class ScenarioFactoryTests
    {
        [Fact]
        public void HealthyScenarioIsTheRigSimulatorsPackUnchanged()
        {
            ScenarioInstance run = ScenarioFactory.Create("h", ScenarioKind.Healthy, 0, 42, 8, 1.0);
            SimulatedPack pack = PackSimulator.Run(new PackSimulationOptions { CellCount = 8, Seed = 42 });
            for (int c = 0; c < 8; c++) Assert.Equal(pack.Log.CellVoltage_V[c], run.Log.CellVoltage_V[c]);
            Assert.Equal(pack.Log.Current_A, run.Log.Current_A);
            Assert.Empty(run.SpecialCells);
        }

        [Fact]
        public void WeldStepAddsMinusTrueCurrentTimesDeltaROnlyOnTheDefectCellAfterOnset()
        {
            const double size = 0.05, onset = 2500;
            ScenarioInstance healthy = ScenarioFactory.Create("h", ScenarioKind.Healthy, 0, 7, 9, 1.0);
            ScenarioInstance weld = ScenarioFactory.Create("w", ScenarioKind.WeldStep, size, 7, 9, 1.0, onset);
            int d = Assert.Single(weld.SpecialCells);
            Assert.Equal(9 / 3, d);
            double[] current = CurrentProfile.Standard(1.0);
            double dR = size * new PackSimulationOptions().NominalR0_mOhm * 1e-3;
            for (int k = 0; k < current.Length; k++)
            {
                double t = weld.Log.Time_s[k];
                double expected = t < onset ? 0 : -current[k] * dR;
                // 1e-12 V: only floating-point rounding of a subtraction of two ~3.7 V numbers.
                Assert.Equal(expected, weld.Log.CellVoltage_V[d][k] - healthy.Log.CellVoltage_V[d][k], 1e-12);
                Assert.Equal(healthy.Log.CellVoltage_V[0][k], weld.Log.CellVoltage_V[0][k]);
            }
        }

        [Fact]
        public void OpenWireReadsNearZeroOnOneCellAndTheSumOnTheNext()
        {
            ScenarioInstance healthy = ScenarioFactory.Create("h", ScenarioKind.Healthy, 0, 3, 8, 1.0);
            ScenarioInstance open = ScenarioFactory.Create("o", ScenarioKind.OpenWire, 1, 3, 8, 1.0, 3000);
            Assert.Equal(new[] { 3, 4 }, open.SpecialCells);
            int k = Array.FindIndex(open.Log.Time_s, t => t >= 3000);
            Assert.Equal(0.2, open.Log.CellVoltage_V[3][k]);
            Assert.Equal(healthy.Log.CellVoltage_V[3][k] + healthy.Log.CellVoltage_V[4][k] - 0.2, open.Log.CellVoltage_V[4][k], 1e-12);
            Assert.Equal(healthy.Log.CellVoltage_V[3][k - 1], open.Log.CellVoltage_V[3][k - 1]);
        }

        [Fact]
        public void TemperatureSwingMovesSensorsByTheSwingWithAGradient()
        {
            ScenarioInstance healthy = ScenarioFactory.Create("h", ScenarioKind.Healthy, 0, 5, 5, 1.0);
            ScenarioInstance swing = ScenarioFactory.Create("s", ScenarioKind.TemperatureSwing, 4.0, 5, 5, 1.0);
            int k = Array.FindIndex(swing.Log.Time_s, t => t >= ScenarioFactory.SwingPeriod_s / 4); // sine peak
            double first = swing.Log.Temperature_C[0][k] - healthy.Log.Temperature_C[0][k];
            double last = swing.Log.Temperature_C[4][k] - healthy.Log.Temperature_C[4][k];
            // Gains 0.5 and 1.5 at the ends; 0.01 K covers the 1 s sampling offset from the exact peak.
            Assert.Equal(2.0, first, 0.01);
            Assert.Equal(6.0, last, 0.01);
        }
    }
}

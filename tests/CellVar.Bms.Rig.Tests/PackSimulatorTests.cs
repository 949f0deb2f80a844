using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.Rig.Tests
{
    public class PackSimulatorTests
    {
        private static SimulatedPack Run(RigScenario s, int seed = 1, int cells = 16) =>
            PackSimulator.Run(new PackSimulationOptions { Scenario = s, Seed = seed, CellCount = cells });

        [Fact]
        public void Same_Seed_Gives_The_Same_Log_And_Another_Seed_Does_Not()
        {
            RigLog a = Run(RigScenario.Healthy, 3, 4).Log, b = Run(RigScenario.Healthy, 3, 4).Log, c = Run(RigScenario.Healthy, 4, 4).Log;
            Assert.Equal(a.CellVoltage_V, b.CellVoltage_V);
            Assert.NotEqual(a.CellVoltage_V[0], c.CellVoltage_V[0]);
        }

        /// <summary>Host-side ΔV/ΔI at every large current step, median per cell (independent of the device code).</summary>
        internal static double[] StepResistance_mOhm(RigLog log)
        {
            var r = new double[log.CellCount];
            for (int c = 0; c < log.CellCount; c++)
            {
                var steps = new List<double>();
                for (int k = 1; k < log.RowCount; k++)
                {
                    double dI = log.Current_A[k] - log.Current_A[k - 1];
                    if (Math.Abs(dI) < 4) continue;
                    steps.Add(-(log.CellVoltage_V[c][k] - log.CellVoltage_V[c][k - 1]) / dI * 1000);
                }
                steps.Sort();
                r[c] = steps[steps.Count / 2];
            }
            return r;
        }

        [Fact]
        public void Step_Resistance_Tracks_Each_Cells_True_Tap_Resistance()
        {
            SimulatedPack weld = Run(RigScenario.Weld);
            double[] est = StepResistance_mOhm(weld.Log);
            // ΔV/ΔI over one sample also contains the RC pair's 1-s response and the Arrhenius factor; both are nearly the
            // same for every cell, so est − truth is a common offset. 0.25 mΩ bounds the per-cell spread of that offset:
            // noise σ ≈ √2·1 mV/7.5 A ≈ 0.19 mΩ per step, median over ~135 steps → ~0.02 mΩ, plus R1 scatter 2 % × 10 mΩ × 3 %.
            double[] offset = est.Select((e, i) => e - weld.Cells[i].TapResistance_Ohm * 1000).ToArray();
            double med = offset.OrderBy(x => x).ElementAt(offset.Length / 2);
            Assert.All(offset, o => Assert.InRange(o - med, -0.25, 0.25));
            // The weld cell stands out by about the contact resistance (3.6 mΩ).
            int weldIndex = weld.DefectCell - 1;
            double others = est.Where((_, i) => i != weldIndex).OrderBy(x => x).ElementAt(7);
            Assert.InRange(est[weldIndex] - others, 3.0, 4.2);
        }

        [Fact]
        public void Hot_Cell_Is_Hottest_By_Several_Kelvin_And_Heats_Its_Neighbours_Less()
        {
            SimulatedPack hot = Run(RigScenario.Hot);
            int h = hot.DefectCell - 1;
            int end = (int)((CurrentProfile.RestDuration_s + CurrentProfile.Drive1Duration_s) / hot.Options.SamplePeriod_s) - 1;
            double[] t = hot.Log.Temperature_C.Select(col => col[end]).ToArray();
            double othersMedian = t.Where((_, i) => i != h).OrderBy(x => x).ElementAt(7);
            // The internal heat has been on since t = 0, far longer than the thermal time constant (C/(1/Rth + 2G) ≈ 270 s).
            // Steady-state excess lies between P/(1/Rth + 2G) (neighbours pinned at the pack's temperature) and P·Rth
            // (no heat through the neighbours); 0.3 K margin covers thermal-resistance scatter (3 %) and sensor offsets (0.1 K).
            var o = hot.Options;
            double low = o.HotCellHeat_W / (1 / o.ThermalResistance_KPerW + 2 * o.NeighbourConductance_WPerK) * (1 - 3 * o.ThermalResistanceCoV) - 0.3;
            double high = o.HotCellHeat_W * o.ThermalResistance_KPerW * (1 + 3 * o.ThermalResistanceCoV) + 0.3;
            Assert.InRange(t[h] - othersMedian, low, high);
            Assert.True(t[h - 1] - othersMedian < t[h] - othersMedian - 3, "neighbour must be far cooler than the hot cell");
        }

        [Fact]
        public void Healthy_Pack_Discharges_About_29_Percent_In_The_First_Drive()
        {
            // Net 350 A·s per 120-s drive period × 15 periods = 1.458 Ah of 5 Ah.
            RigLog log = Run(RigScenario.Healthy).Log;
            double ah = 0;
            int start = (int)CurrentProfile.RestDuration_s, end = start + (int)CurrentProfile.Drive1Duration_s;
            for (int k = start; k < end; k++) ah += log.Current_A[k] / 3600.0;
            Assert.InRange(ah / 5.0, 0.28, 0.30);
        }

        [Fact]
        public void Defect_Cell_Defaults_Follow_The_Documented_Rule()
        {
            Assert.Equal(6, new PackSimulationOptions { Scenario = RigScenario.Weld, CellCount = 16 }.EffectiveDefectCell);
            Assert.Equal(11, new PackSimulationOptions { Scenario = RigScenario.Hot, CellCount = 16 }.EffectiveDefectCell);
            Assert.Equal(0, new PackSimulationOptions { Scenario = RigScenario.Healthy }.EffectiveDefectCell);
            Assert.Throws<ArgumentException>(() => new PackSimulationOptions { CellCount = 4, DefectCell = 5 }.Validate());
        }
    }
}

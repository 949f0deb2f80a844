using System;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    public class DriftAndNoiseTests
    {
        private static void Step(PackHarness h, int k)
        {
            h.Pack.Current_A = k % 2 == 0 ? 5.0 : 15.0;
            h.Tick();
        }

        /// <summary>
        /// After the baselines freeze (200 steps) the whole pack ages by 5 % and cell 3 by 20 %: only cell 3's
        /// growth beyond the pack's median growth (≈ 14 % &gt; 10 %) raises Drift.
        /// </summary>
        [Fact]
        public void Drift_Is_Growth_Beyond_The_Packs_Own_Ageing()
        {
            var cfg = MonitorConfig.CreateVirtual(8, 0);
            var h = new PackHarness(cfg, 8);
            h.Pack.VoltageNoisePerConversion_V = 0.002;
            int k = 0;
            for (; k < 300; k++) Step(h, k);
            Assert.Empty(h.AlertLog);
            for (int j = 0; j < 1000; j++, k++)
            {
                double f = Math.Min(1.0, j / 500.0);
                for (int i = 0; i < 8; i++) h.Pack.Resistance_Ohm[i] = 0.015 * (1 + f * (i == 3 ? 0.20 : 0.05));
                Step(h, k);
            }
            Assert.True(h.Monitor.IsAlertActive(3, AlertKind.Drift));
            Assert.InRange(h.Monitor.GetDrift_ppm(3), 120000, 160000);
            for (int i = 0; i < 8; i++)
                if (i != 3) Assert.False(h.Monitor.IsAlertActive(i, AlertKind.Drift), $"cell {i}");
            var drift = h.AlertLog.Find(a => a.Kind == AlertKind.Drift);
            Assert.Equal(AlertUnit.PartsPerMillion, drift.Unit);
            Assert.Equal(100000, drift.Threshold);
        }

        /// <summary>
        /// Raw, unaveraged ESP32-class noise (20 mV σ per sample → 28 mV on ΔV, 7× the detection test): early estimates
        /// are wild, but the test statistic is standardized by the estimated noise, so 20,000 ticks × 16 cells stay silent,
        /// while a gross weld defect (+50 %) is still found.
        /// </summary>
        [Fact]
        public void Very_Noisy_Measurements_Do_Not_Alarm_But_Gross_Defects_Are_Found()
        {
            var cfg = MonitorConfig.CreateVirtual(16, 0);
            var h = new PackHarness(cfg, 9);
            h.Pack.VoltageNoisePerConversion_V = 0.020;
            for (int i = 0; i < 16; i++) h.Pack.Resistance_Ohm[i] = 0.015 * (1 + 0.005 * h.Pack.Gaussian());
            for (int k = 0; k < 20000; k++) Step(h, k);
            Assert.Empty(h.AlertLog);
            // √2·20 mV = 28.3 mV ± 3 standard errors of the 128-step noise estimate (≈ 4.7 % each).
            for (int i = 0; i < 16; i++) Assert.InRange(h.Monitor.GetResistanceNoise_uV(i), 24300, 32300);

            h.Pack.Resistance_Ohm[11] *= 1.5;
            for (int k = 0; k < 300; k++) Step(h, k);
            Assert.True(h.Monitor.IsAlertActive(11, AlertKind.ResistanceOutlier));
            // The same change also shows as drift against its own baseline; nothing is said about other cells.
            Assert.All(h.AlertLog, a => Assert.Equal(11, a.Cell));
            Assert.Contains(h.AlertLog, a => a.Kind == AlertKind.Drift);
        }
    }
}

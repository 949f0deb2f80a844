using System;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    public class CapacityAndTemperatureTests
    {
        private static readonly double[] OcvTable = { 3.000, 3.450, 3.560, 3.620, 3.670, 3.730, 3.810, 3.900, 3.990, 4.080, 4.180 };

        private static double Ocv(double soc)
        {
            soc = Math.Clamp(soc, 0, 1) * 10;
            int i = Math.Min(9, (int)soc);
            return OcvTable[i] + (OcvTable[i + 1] - OcvTable[i]) * (soc - i);
        }

        /// <summary>
        /// 8 cells of 3000 mAh (±0.5 %) and one of 2400 mAh; three cycles of 40 min at ±3 A with 35 min rests, 10 s ticks.
        /// The sim uses the same OCV curve as the device table, with 2 mV noise, so the estimate should land within 3 %
        /// (SOC noise ≈ 0.3 % at 6 mV/% slope, on ≥ 66 % swings).
        /// </summary>
        [Fact]
        public void Capacity_From_Coulomb_Counting_Between_Rest_Points_And_Weak_Cell_Alert()
        {
            var cfg = MonitorConfig.CreateVirtual(8, 0);
            var h = new PackHarness(cfg, 21) { TickPeriod_ms = 10000 };
            h.Pack.VoltageNoisePerConversion_V = 0.002;
            var cap = new double[8];
            var soc = new double[8];
            for (int i = 0; i < 8; i++) { cap[i] = 3.0 * (1 + 0.005 * h.Pack.Gaussian()); soc[i] = 0.95; }
            cap[2] = 2.4;
            void Run(double amps, int minutes)
            {
                for (int t = 0; t < minutes * 6; t++)
                {
                    h.Pack.Current_A = amps;
                    for (int i = 0; i < 8; i++)
                    {
                        h.Pack.Ocv_V[i] = Ocv(soc[i]);
                    }
                    h.Tick();
                    for (int i = 0; i < 8; i++) soc[i] -= amps * (10.0 / 3600.0) / cap[i];
                }
            }
            Run(0, 35);
            for (int cycle = 0; cycle < 3; cycle++)
            {
                Run(3.0, 40);
                Run(0, 35);
                Run(-3.0, 40);
                Run(0, 35);
            }
            for (int i = 0; i < 8; i++)
            {
                double est = h.Monitor.GetCapacity_mAh(i) / 1000.0;
                Assert.InRange(est / cap[i], 0.97, 1.03);
                Assert.True(h.Monitor.GetCapacitySe_mAh(i) < 100);
            }
            Assert.True(h.Monitor.IsAlertActive(2, AlertKind.CapacityOutlier));
            var alerts = h.AlertLog.FindAll(a => a.Kind == AlertKind.CapacityOutlier);
            Assert.Single(alerts);
            Assert.Equal(2, alerts[0].Cell);
            Assert.Equal(AlertUnit.MilliAmpereHour, alerts[0].Unit);
            Assert.True(alerts[0].Value < alerts[0].Threshold);
            Assert.True(h.Monitor.GetCapacityScore_Q16(2) < -3 * 65536);
        }

        /// <summary>
        /// 8 cells, 8 sensors at 25 °C (0.1 K noise). Cell 6 has twice the resistance and is exactly as warm as its
        /// extra I²R explains (Rth 5 K/W) → no hot-cell alert; cell 4 is 8 K warmer with normal resistance → hot.
        /// </summary>
        [Fact]
        public void Hot_Cell_Is_Flagged_Against_Neighbours_After_Expected_I2R_And_Clears()
        {
            var cfg = MonitorConfig.CreateVirtual(8, 8);
            cfg.ResistanceArrheniusB_K = 0; // the simulated cells' resistance does not depend on temperature (B = 0)
            var h = new PackHarness(cfg, 31);
            h.Pack.VoltageNoisePerConversion_V = 0.002;
            h.Pack.TemperatureNoise_C = 0.1;
            h.Pack.Resistance_Ohm[6] = 0.030;
            double meanI2 = (5.0 * 5.0 + 15.0 * 15.0) / 2;  // A², current alternates 5/15 A
            double explained = 5.0 * meanI2 * (0.030 - 0.015); // Rth[K/W]·I²·ΔR = 9.4 K
            int k = 0;
            void Step()
            {
                h.Pack.Current_A = k++ % 2 == 0 ? 5.0 : 15.0;
                h.Tick();
            }
            for (int j = 0; j < 100; j++) Step();
            h.Pack.Temperature_C[6] = 25 + explained;
            h.Pack.Temperature_C[4] = 33;
            for (int j = 0; j < 200; j++) Step();
            Assert.True(h.Monitor.IsAlertActive(4, AlertKind.HotCell));
            Assert.False(h.Monitor.IsAlertActive(6, AlertKind.HotCell));
            Assert.InRange(h.Monitor.GetTemperatureExcess_dC(4), 70, 90);
            Assert.InRange(h.Monitor.GetTemperatureExcess_dC(6), -10, 10);
            h.Pack.Temperature_C[4] = 25;
            for (int j = 0; j < 100; j++) Step();
            Assert.False(h.Monitor.IsAlertActive(4, AlertKind.HotCell));
            var hot = h.AlertLog.FindAll(a => a.Kind == AlertKind.HotCell);
            Assert.Equal(2, hot.Count);
            Assert.True(hot[0].Raised && hot[0].Cell == 4 && hot[0].Unit == AlertUnit.DeciCelsius && hot[0].Threshold == 50);
            Assert.False(hot[1].Raised);
        }
    }
}

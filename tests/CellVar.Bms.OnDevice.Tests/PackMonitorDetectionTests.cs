using System;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>
    /// 16-cell pack, ESP32-like noise: 6 mV σ per conversion, 4 conversions → trimmed mean of the middle 2 (the default
    /// <see cref="Measurement.ConversionAveraging.TrimExtremes"/>) → 3.3 mV σ per sample (→ 4.6 mV σ on ΔV),
    /// current noise 20 mA per conversion. 15 mΩ nominal cells with 0.5 % manufacturing scatter
    /// (the 0.45 % impedance spread reported by Wildfeuer &amp; Lienkamp), current alternating 5 A ↔ 15 A every tick,
    /// so every tick is a 10 A step. A weld defect adds 5 % of nominal (0.75 mΩ → 7.5 mV per step, 1.6 σ of ΔV noise).
    /// Default settings: no prior → alarm above pack median + 2.5 %, CUSUM k = 0.25 σ, h = 10 σ.
    /// </summary>
    public class PackMonitorDetectionTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _out;
        public PackMonitorDetectionTests(Xunit.Abstractions.ITestOutputHelper output) { _out = output; }

        private const double Nominal_Ohm = 0.015;

        private static PackHarness Build(int seed, int weldCell)
        {
            var cfg = MonitorConfig.CreateVirtual(16, 0);
            cfg.AveragingCount = 4;
            var h = new PackHarness(cfg, seed);
            h.Pack.VoltageNoisePerConversion_V = 0.006;
            h.Pack.CurrentNoisePerConversion_A = 0.020;
            for (int i = 0; i < 16; i++)
                h.Pack.Resistance_Ohm[i] = Nominal_Ohm * (1 + 0.005 * h.Pack.Gaussian());
            if (weldCell >= 0) h.Pack.Resistance_Ohm[weldCell] += 0.05 * Nominal_Ohm;
            return h;
        }

        private static void Step(PackHarness h, int k)
        {
            h.Pack.Current_A = k % 2 == 0 ? 5.0 : 15.0;
            h.Tick();
        }

        [Theory]
        [InlineData(101)]
        [InlineData(102)]
        [InlineData(103)]
        [InlineData(104)]
        [InlineData(105)]
        [InlineData(106)]
        [InlineData(107)]
        [InlineData(108)]
        [InlineData(109)]
        [InlineData(110)]
        public void Weld_Defect_Of_5_Percent_Is_Flagged_Within_100_Steps(int seed)
        {
            const int weld = 6;
            var h = Build(seed, weld);
            int flaggedAt = -1;
            // Tick 0 has no previous sample, so step k happens at tick k (k ≥ 1).
            for (int k = 0; k <= 100 && flaggedAt < 0; k++)
            {
                Step(h, k);
                if (h.Monitor.IsAlertActive(weld, AlertKind.ResistanceOutlier)) flaggedAt = k;
            }
            Assert.True(flaggedAt > 0, $"seed {seed}: not flagged within 100 steps; cusum {h.Monitor.GetResistanceCusum_Q16(weld) / 65536.0:F2}");
            _out.WriteLine($"seed {seed}: weld flagged at step {flaggedAt}");
            // Only the weld cell is flagged, with a threshold between the healthy median and the defect.
            foreach (var a in h.AlertLog)
                Assert.True(a.Kind == AlertKind.ResistanceOutlier && a.Cell == weld, $"unexpected alert {a.Kind} cell {a.Cell}");
            var alert = h.AlertLog[0];
            Assert.Equal(AlertUnit.MicroOhm, alert.Unit);
            // Threshold = pack median × 1.025 ≈ 15.4 mΩ; the estimate sits near the true 15.75 mΩ (± scatter and noise).
            Assert.InRange(alert.Threshold, 15200, 15600);
            Assert.InRange(alert.Value, 15300, 16300);
            Assert.True(alert.Confidence_permille >= 500, $"confidence {alert.Confidence_permille}");
            Assert.True(alert.Raised && alert.Sequence == 1);
        }

        /// <summary>
        /// 62,500 ticks × 16 healthy cells = 10^6 cell-steps at the default setting: no alert of any kind.
        /// (Per-cell drift of the CUSUM is about −1.1 σ per step for a typical cell, −0.6 σ for one at +1.5 %, so a false alarm is astronomically unlikely; a
        /// mis-standardized or biased statistic would alarm quickly, which is what this guards against.)
        /// </summary>
        [Fact]
        public void Healthy_Pack_Raises_No_Alarm_Over_A_Million_Cell_Steps()
        {
            var h = Build(7, -1);
            int steps = 0;
            for (int k = 0; k < 62501; k++)
            {
                Step(h, k);
                if (k > 0) steps += 16;
            }
            Assert.True(steps >= 1000000);
            Assert.Empty(h.AlertLog);
            // The estimates are good: every cell within 1 % of its true resistance.
            for (int i = 0; i < 16; i++)
            {
                double est = h.Monitor.GetResistance_uOhm(i) * 1e-6;
                Assert.InRange(est / h.Pack.Resistance_Ohm[i], 0.99, 1.01);
                Assert.True(h.Monitor.GetResistanceSe_uOhm(i) < 150, "standard error below 1 %");
            }
        }

        [Fact]
        public void Alert_Clears_With_Hysteresis_When_The_Defect_Goes_Away()
        {
            const int weld = 3;
            var h = Build(55, weld);
            int k = 0;
            for (; k < 200; k++) Step(h, k);
            Assert.True(h.Monitor.IsAlertActive(weld, AlertKind.ResistanceOutlier));
            h.Pack.Resistance_Ohm[weld] -= 0.05 * Nominal_Ohm; // weld repaired
            int clearedAfter = -1;
            for (int j = 0; j < 2000 && clearedAfter < 0; j++, k++)
            {
                Step(h, k);
                if (!h.Monitor.IsAlertActive(weld, AlertKind.ResistanceOutlier)) clearedAfter = j;
            }
            Assert.True(clearedAfter > 0, "never cleared");
            Assert.Equal(1, h.Count(AlertKind.ResistanceOutlier, true));
            Assert.Equal(1, h.Count(AlertKind.ResistanceOutlier, false));
        }
    }
}

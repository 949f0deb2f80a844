using System;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>Host-converted priors drive thresholds and scores; per-cell overrides shift them.</summary>
    public class PriorTests
    {
        private const int Weld = 6;

        private static PackHarness Run(Action<PackMonitor> setPriors, int steps = 150)
        {
            var cfg = MonitorConfig.CreateVirtual(16, 0);
            cfg.AveragingCount = 4;
            var h = new PackHarness(cfg, 404);
            h.Pack.VoltageNoisePerConversion_V = 0.006;
            for (int i = 0; i < 16; i++) h.Pack.Resistance_Ohm[i] = 0.015 * (1 + 0.003 * h.Pack.Gaussian());
            h.Pack.Resistance_Ohm[Weld] = 0.01575;
            setPriors(h.Monitor);
            for (int k = 0; k < steps; k++)
            {
                h.Pack.Current_A = k % 2 == 0 ? 5.0 : 15.0;
                h.Tick();
            }
            return h;
        }

        [Fact]
        public void Host_Threshold_Of_A_Heavy_Tailed_Prior_Decides()
        {
            // Bulk normal 15 mΩ ± 150 µΩ with a defect component; the host put the healthy 1e-4 quantile at 15.4 mΩ.
            var low = Run(m => m.SetPrior(PriorQuantity.Resistance, Prior.Create(PriorFamily.NormalDefectMixture, 15000, 150, 15400, Prior.NoThresholdLow)));
            Assert.True(low.Monitor.IsAlertActive(Weld, AlertKind.ResistanceOutlier));
            Assert.Equal(15400, low.AlertLog.Find(a => a.Kind == AlertKind.ResistanceOutlier).Threshold);
            Assert.Single(low.AlertLog);
            // Same data, threshold above the weld: nothing is flagged, so the threshold (not the family) decides.
            var high = Run(m => m.SetPrior(PriorQuantity.Resistance, Prior.Create(PriorFamily.NormalDefectMixture, 15000, 150, 16200, Prior.NoThresholdLow)));
            Assert.Empty(high.AlertLog);
            // Score = (R − 15000)/√(150² + se²): about +5 for the weld, near 0 for healthy cells.
            Assert.InRange(high.Monitor.GetResistanceScore_Q16(Weld) / 65536.0, 4.0, 5.2);
            Assert.InRange(high.Monitor.GetResistanceScore_Q16(0) / 65536.0, -2.0, 2.0);
        }

        [Fact]
        public void LogNormal_Prior_Scores_On_The_Log_Scale()
        {
            // median 15 mΩ, σ(ln R) = 0.01 → ln(1.05)/0.01 ≈ 4.9 for the weld (a little less with estimation error in the denominator).
            var h = Run(m => m.SetPrior(PriorQuantity.Resistance, Prior.Create(PriorFamily.LogNormal, 15000, 655, Prior.NoThresholdHigh, Prior.NoThresholdLow)));
            Assert.InRange(h.Monitor.GetResistanceScore_Q16(Weld) / 65536.0, 4.0, 5.0);
            // Without a host threshold the log-normal default is median·exp(3σ) = 15.457 mΩ.
            Assert.InRange(h.Monitor.GetResistanceThreshold_uOhm(Weld), 15450, 15465);
            Assert.True(h.Monitor.IsAlertActive(Weld, AlertKind.ResistanceOutlier));
        }

        [Fact]
        public void Per_Cell_Prior_Moves_That_Cells_Threshold()
        {
            var h = Run(m =>
            {
                m.SetPrior(PriorQuantity.Resistance, Prior.Create(PriorFamily.Normal, 15000, 150, 15400, Prior.NoThresholdLow));
                m.SetCellPrior(PriorQuantity.Resistance, Weld, 15750, 150); // this cell is known to sit high (e.g. longer busbar)
            });
            Assert.Equal(16150, h.Monitor.GetResistanceThreshold_uOhm(Weld));
            Assert.Empty(h.AlertLog);
        }

        [Fact]
        public void Without_Priors_The_Pack_Median_Is_The_Reference()
        {
            var h = Run(m => { });
            Assert.False(h.Monitor.GetPrior(PriorQuantity.Resistance).IsSet);
            int med = h.Monitor.ResistanceMedian_uOhm;
            Assert.InRange(med, 14900, 15100);
            Assert.Equal(med + (int)Math.Round(med * 0.025), h.Monitor.GetResistanceThreshold_uOhm(0), 1.0);
            Assert.True(h.Monitor.IsAlertActive(Weld, AlertKind.ResistanceOutlier));
        }
    }
}

using CellVar.Bms.Evaluation.Estimation;

namespace CellVar.Bms.Evaluation.Tests
{
    public class EstimatorEfficiencyTests
    {
        [Fact]
        public void DeviceEstimatorIsNearlyEfficientAndFixedPointMatchesDouble()
        {
            EfficiencyRow[] rows = EstimatorEfficiency.Run([1.0, 10.0], 400, 11);
            foreach (EfficiencyRow r in rows)
            {
                // 400 replicates: the MSE estimate has relative SE √(2/400) ≈ 7 %; ±25 % is > 3 SE around an efficiency
                // near 0.98 (the forgetting-window loss is 2 %), so a broken estimator (e.g. biased or ignoring steps) fails.
                Assert.InRange(r.EfficiencyVsCrb, 0.75, 1.25);
                Assert.InRange(r.ForgettingBoundSd_uOhm / r.CrbSd_uOhm, 1.0, 1.1);
                // Bias within 3 standard errors of the mean of 400 replicates.
                Assert.InRange(r.DeviceBias_uOhm, -3 * r.DeviceRmse_uOhm / 20, 3 * r.DeviceRmse_uOhm / 20);
                // 10 µV ADC counts on ≥ 5 A steps move one step's R by ≤ 2 µΩ; averaged over 136 steps the RMS is well under 1 µΩ.
                Assert.True(r.FixedVsDoubleRms_uOhm < 1.0, $"fixed vs double RMS {r.FixedVsDoubleRms_uOhm} µΩ");
            }
            // CRB scales with σ.
            Assert.Equal(10.0, rows[1].CrbSd_uOhm / rows[0].CrbSd_uOhm, 9);
        }
    }
}

using CellVar.Bms.Inference.Fitting;

namespace CellVar.Bms.Inference.Tests.Fitting
{
    public class BaumhoferFitTests
    {
        [Fact]
        public void InitialCapacityIsAcceptedAsNormal()
        {
            double[] cap = BaumhoferData.Column("cap_initial_Ah");
            Assert.Equal(47, cap.Length); // one cell has no check-up 0 value
            var sample = new ObservedSample(cap, null, "cap_initial_Ah");
            FitComparison c = DistributionFitter.Compare(sample, bootstrap: 0);
            FamilyFit normal = c.Get("normal")!;
            // 5 % test level: normality not rejected (Shapiro–Wilk on the same data gives p = 0.54).
            GoodnessOfFitResult gof = GoodnessOfFit.Test(normal.Fit, sample, 199, 7)!;
            Assert.True(gof.PValue > 0.05, $"normal AD p = {gof.PValue}");
            Assert.Equal(199, gof.Replicates);
            // No alternative is meaningfully better: delta AIC below 2 means "equally supported".
            Assert.True(c.DeltaAic(normal) < 2, $"normal delta AIC = {c.DeltaAic(normal)}");
            Assert.InRange(normal.Fit.Parameters[0], 1.8379 - 0.0005, 1.8379 + 0.0005); // mean quoted in data README to 4 decimals
        }

        [Fact]
        public void CyclesToEndOfLifeAreRightSkewedNotNormal()
        {
            double[] life = BaumhoferData.Column("cyc_end");
            Assert.Equal(48, life.Length);
            FitComparison c = DistributionFitter.Compare(new ObservedSample(life, null, "cyc_end"), bootstrap: 0);
            double normalAic = c.Get("normal")!.Fit.Aic;
            double skewedAic = System.Math.Min(c.Get("weibull")!.Fit.Aic, c.Get("lognormal")!.Fit.Aic);
            Assert.True(skewedAic < normalAic, $"best skewed AIC {skewedAic} vs normal {normalAic}");
        }
    }
}

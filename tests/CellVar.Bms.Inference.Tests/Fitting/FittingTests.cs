using System;
using System.Linq;
using CellVar.Bms.Inference.Fitting;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Tests.Fitting
{
    public class FittingTests
    {
        [Fact]
        public void RightCensoredWeibullIsUnbiasedAndIgnoringCensoringIsNot()
        {
            // 40 test campaigns of 300 cells with Weibull(k 2, λ 100) lives, stopped at t = 110 (~30 % censored).
            var rng = new Random(5);
            double sumK = 0, sumL = 0, sumNaiveL = 0;
            const int reps = 40;
            for (int r = 0; r < reps; r++)
            {
                double[] t = Enumerable.Range(0, 300).Select(_ => Weibull.Sample(rng, 2, 100)).ToArray();
                bool[] cens = t.Select(v => v > 110).ToArray();
                double[] obs = t.Select(v => Math.Min(v, 110)).ToArray();
                FittedDistribution fit = new WeibullFamily().Fit(new ObservedSample(obs, cens, "life"));
                sumK += fit.Parameters[0];
                sumL += fit.Parameters[1];
                sumNaiveL += new WeibullFamily().Fit(new ObservedSample(obs, null, "life")).Parameters[1];
            }
            // Per-campaign sd of k̂ ≈ 0.11 and of λ̂ ≈ 3.6, so the means over 40 have sd ≈ 0.017 and 0.6:
            // ±0.07 and ±2.5 are about 4 sd (plus the small O(1/n) ML bias).
            Assert.InRange(sumK / reps, 1.93, 2.07);
            Assert.InRange(sumL / reps, 97.5, 102.5);
            // Treating the censored cells as failures at 110 shortens the life scale far beyond that noise.
            Assert.True(sumNaiveL / reps < 95, $"naive scale {sumNaiveL / reps}");
        }

        [Fact]
        public void DefectMixtureFindsRareHeavyTailedWelds()
        {
            // 3000 welds: bulk N(20, 0.6) mΩ, 1 % defects LogNormal(median 30, σ_log 0.3).
            var rng = new Random(11);
            double[] r = Enumerable.Range(0, 3000).Select(_ => rng.NextDouble() < 0.01 ? LogNormal.Sample(rng, Math.Log(30), 0.3) : Normal.Sample(rng, 20, 0.6)).ToArray();
            FitComparison c = DistributionFitter.Compare(new ObservedSample(r, null, "weld_mOhm"), bootstrap: 0);
            Assert.Equal("normal_defect_mixture", c.Ranked[0].Fit.Family.Name);
            FittedDistribution m = c.Ranked[0].Fit;
            Assert.InRange(m.Parameters[0], 19.95, 20.05); // bulk mean: sd/sqrt(n) ≈ 0.011, ±4.5 sd
            Assert.InRange(m.Parameters[2], 0.005, 0.016); // 30 expected defects: Poisson sd 5.5, about ±3 sd
            Assert.InRange(m.Parameters[3], 25, 36);       // defect median: σ_log 0.3/sqrt(30) ≈ 5.5 %, ±3.5 sd
            // A 35 mΩ weld: the normal fit calls it impossible (z ≈ 10), the mixture gives ~1 % × P(defect > 35) ≈ 0.3 %.
            double pNormal = 1 - c.Get("normal")!.Fit.Cdf(35);
            double pMix = 1 - m.Cdf(35);
            Assert.True(pMix > 0.001 && pMix > 1000 * pNormal, $"mixture {pMix} vs normal {pNormal}");
        }

        [Fact]
        public void GeneralizedParetoTailRecoversShapeAndExceedanceProbability()
        {
            // Standard GPD(ξ 0.3, β 1) sample: above any threshold the exceedances are again GPD with the same ξ.
            var rng = new Random(1);
            double[] z = Enumerable.Range(0, 4000).Select(_ => (Math.Pow(1 - rng.NextDouble(), -0.3) - 1) / 0.3).ToArray();
            TailEstimate t = TailEstimate.Fit(z, 0.9);
            Assert.InRange(0.3, t.Xi - 3 * t.XiSe, t.Xi + 3 * t.XiSe);
            double truth = Math.Pow(1 + 0.3 * 20, -1 / 0.3);
            double est = t.ExceedanceProbability(20);
            Assert.InRange(est / truth, 0.5, 2.0); // a factor-2 band: 400 exceedances extrapolated ~5x beyond the threshold
        }

        [Fact]
        public void NormalSampleParametersAndIntervals()
        {
            var rng = new Random(2);
            double[] x = Enumerable.Range(0, 500).Select(_ => Normal.Sample(rng, 3.7, 0.05)).ToArray();
            FittedDistribution f = new NormalFamily().Fit(new ObservedSample(x));
            Assert.InRange(f.Parameters[0], 3.7 - 4 * 0.05 / Math.Sqrt(500), 3.7 + 4 * 0.05 / Math.Sqrt(500));
            Assert.InRange(0.05, f.Lower95[1], f.Upper95[1]);
            Assert.Equal(2, f.ParameterCount);
            Assert.Equal(2 * 2 - 2 * f.LogLikelihood, f.Aic, 9);
        }

        [Fact]
        public void AllEqualValuesAreExplained()
        {
            var ex = Assert.Throws<InvalidInputException>(() => DistributionFitter.Compare(new ObservedSample(Enumerable.Repeat(1.84, 20).ToArray(), null, "cap")));
            Assert.Contains("equal 1.84", ex.Problem);
            Assert.Contains("resolution", ex.Fix);
        }

        [Fact]
        public void TooFewObservationsAreExplained()
        {
            var s = new ObservedSample(new[] { 1.0, 2.0, 3.0 }, null, "x");
            var ex = Assert.Throws<InvalidInputException>(() => DistributionFitter.Compare(s, new[] { DistributionFitter.Family("normal") }));
            Assert.Contains("at least 6", ex.Problem); // three per parameter
            ex = Assert.Throws<InvalidInputException>(() => DistributionFitter.Compare(s));
            Assert.Contains("No family could be fitted", ex.Problem);
        }

        [Fact]
        public void NonPositiveDataForLogFamiliesIsExplainedOrSkipped()
        {
            var rng = new Random(3);
            double[] x = Enumerable.Range(0, 50).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
            var s = new ObservedSample(x, null, "offset_mV");
            var ex = Assert.Throws<InvalidInputException>(() => DistributionFitter.Compare(s, new[] { DistributionFitter.Family("lognormal") }));
            Assert.Contains("strictly positive", ex.Problem);
            FitComparison c = DistributionFitter.Compare(s, bootstrap: 0);
            Assert.Contains(c.Skipped, k => k.Family == "weibull" && k.Reason.Contains("positive"));
            Assert.NotNull(c.Get("normal"));
        }

        [Fact]
        public void UnknownFamilyListsTheValidOnes()
        {
            var ex = Assert.Throws<InvalidInputException>(() => DistributionFitter.Family("cauchy"));
            Assert.Contains("weibull", ex.Fix);
        }
    }
}

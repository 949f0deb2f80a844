using System;
using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// <see cref="MemoryGrowthCheck"/> on synthetic series whose truth is known: 2 samples/s for 60 s, 10 s warm-up,
    /// 10 s windows, limits 6 MB/min and 5 MB unless a test says otherwise. Noise is seeded Gaussian.
    /// </summary>
    public class MemoryGrowthCheckTests
    {
        private static readonly MemoryGrowthCheck Rule = new(warmUp_s: 10, window_s: 10, maxSlope_MBPerMin: 6, maxGrowth_MB: 5);

        private static List<MemorySample> Series(Func<double, double> value_MB, double seconds = 60, double perSecond = 2) =>
            Enumerable.Range(0, (int)(seconds * perSecond)).Select(i => i / perSecond).Select(t => new MemorySample(t, value_MB(t))).ToList();

        private static Func<double, double> Noise(int seed, double sigma_MB)
        {
            var rng = new Random(seed);
            return _ =>
            {
                // Box–Muller: one standard normal per call.
                double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
                return sigma_MB * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            };
        }

        [Fact]
        public void Flat_IsBounded_WithZeroTrendAndGrowth()
        {
            MemoryGrowthVerdict v = Rule.Check(Series(_ => 120));
            Assert.True(v.Bounded, v.Reason);
            Assert.Equal(0, v.Slope_MBPerMin, 12);
            Assert.Equal(0, v.Growth_MB, 12);
            Assert.Equal(100, v.SamplesAfterWarmUp);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void NoisyFlat_IsBounded(int seed)
        {
            // σ = 1.5 MB on 100 judged samples over 50 s: the slope's standard error is ~0.7 MB/min (OLS 0.62, Theil–Sen
            // ~10 % wider), so 6 MB/min is ~8 SE away; a 20-sample median has SE ~0.42 MB, a difference of two ~0.6 MB,
            // so 5 MB is ~8 SE away. A false alarm here would mean the rule is too tight for its own noise.
            var noise = Noise(seed, 1.5);
            MemoryGrowthVerdict v = Rule.Check(Series(_ => 120 + noise(0)));
            Assert.True(v.Bounded, v.Reason);
            Assert.InRange(v.Slope_MBPerMin, -3, 3);   // ±~4 SE
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void NoisyLeak_FailsBothRules_AndEstimatesTheRate(int seed)
        {
            // 12 MB/min = 2× the slope limit; over the 50 judged seconds it adds 10 MB, 2× the growth limit.
            var noise = Noise(seed, 1.5);
            MemoryGrowthVerdict v = Rule.Check(Series(t => 120 + 0.2 * t + noise(0)));
            Assert.False(v.Bounded);
            Assert.InRange(v.Slope_MBPerMin, 12 - 3, 12 + 3);   // ±~4 SE (see NoisyFlat)
            Assert.Contains("trend", v.Reason);
            Assert.Contains("above the post-warm-up", v.Reason);
        }

        [Fact]
        public void WarmUpRiseAndSpike_AreIgnored()
        {
            // 60 → 120 MB in the first 8 s (JIT, caches, GC sizing) with a 200 MB spike at 5 s, then flat.
            MemoryGrowthVerdict v = Rule.Check(Series(t => t == 5 ? 200 : t < 8 ? 60 + 7.5 * t : 120));
            Assert.True(v.Bounded, v.Reason);
            Assert.Equal(120, v.Baseline_MB, 12);
        }

        [Fact]
        public void SingleSpikeAfterWarmUp_DoesNotFail_ButIsThePeak()
        {
            // One GC-timing outlier must not decide the verdict: Theil–Sen and the window medians ignore it.
            MemoryGrowthVerdict v = Rule.Check(Series(t => t == 30 ? 170 : 120));
            Assert.True(v.Bounded, v.Reason);
            Assert.Equal(170, v.Peak_MB, 12);
        }

        [Fact]
        public void GcSawtoothWithoutLeak_IsBounded()
        {
            // Heap after GC: rises 0.5 MB per collection for 8 collections (4 s), then a gen1 collection drops it back.
            MemoryGrowthVerdict v = Rule.Check(Series(t => 100 + 0.5 * ((int)(t * 2) % 8)));
            Assert.True(v.Bounded, v.Reason);
        }

        [Fact]
        public void GcSawtoothOverALeak_Fails()
        {
            // The same teeth on troughs that rise 12 MB/min: the trend is found under the sawtooth.
            MemoryGrowthVerdict v = Rule.Check(Series(t => 100 + 0.2 * t + 0.5 * ((int)(t * 2) % 8)));
            Assert.False(v.Bounded);
            Assert.InRange(v.Slope_MBPerMin, 10, 14);   // a 4 s tooth of 3.5 MB shifts a 50 s pairwise median by < 2 MB/min
        }

        [Fact]
        public void LateStep_FailsTheGrowthRule()
        {
            // Flat, then +8 MB in the last 8 s: too short to move the median slope past 6 MB/min, but the end level is 8 MB up.
            MemoryGrowthVerdict v = Rule.Check(Series(t => t >= 52 ? 128 : 120));
            Assert.False(v.Bounded);
            Assert.Contains("above the post-warm-up", v.Reason);
            Assert.DoesNotContain("trend", v.Reason);
        }

        [Fact]
        public void SlowLeakBelowBothLimits_Passes_SoTheLimitsAreWhatTheyClaim()
        {
            // 3 MB/min (half the slope limit) adds 2.5 MB over 50 s (half the growth limit): bounded by this rule.
            MemoryGrowthVerdict v = Rule.Check(Series(t => 120 + 0.05 * t));
            Assert.True(v.Bounded, v.Reason);
            Assert.Equal(3, v.Slope_MBPerMin, 9);
        }

        [Fact]
        public void OrderOfSamples_DoesNotMatter()
        {
            var s = Series(t => 120 + 0.2 * t);
            var shuffled = s.OrderBy(x => (x.Time_s * 7919) % 13).ToList();
            Assert.Equal(Rule.Check(s), Rule.Check(shuffled));
        }

        [Fact]
        public void TooFewSamplesAfterWarmUp_IsAClearError()
        {
            var e = Assert.Throws<ArgumentException>(() => Rule.Check(Series(_ => 120, seconds: 13)));
            Assert.Contains("6 samples after the 10 s warm-up; at least 8", e.Message);
        }

        [Fact]
        public void NonFiniteSample_IsAClearError()
        {
            var s = Series(_ => 120);
            s[40] = new MemorySample(20, double.NaN);
            var e = Assert.Throws<ArgumentException>(() => Rule.Check(s));
            Assert.Contains("sample 40 is not finite", e.Message);
        }

        [Theory]
        [InlineData(-1, 10, 6, 5, "warmUp_s")]
        [InlineData(10, 0, 6, 5, "window_s")]
        [InlineData(10, 10, double.NaN, 5, "maxSlope_MBPerMin")]
        [InlineData(10, 10, 6, double.PositiveInfinity, "maxGrowth_MB")]
        public void BadLimits_AreRejectedByName(double warmUp, double window, double slope, double growth, string param)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryGrowthCheck(warmUp, window, slope, growth));
            Assert.Equal(param, e.ParamName);
        }

        [Fact]
        public void SoakLimits_SlopeLimitIsGrowthOverJudgedMinutes()
        {
            // The soak's rule: a trend may not carry the figure more than its growth limit above the baseline within the run.
            MemoryGrowthCheck ci = SoakLimits.Heap(SoakLimits.WarmUp_s(30), 30);
            Assert.Equal(10, ci.WarmUp_s);
            Assert.Equal(SoakLimits.HeapGrowth_MB / (20 / 60.0), ci.MaxSlope_MBPerMin, 9);
            MemoryGrowthCheck full = SoakLimits.Rss(SoakLimits.WarmUp_s(600), 600);
            Assert.Equal(60, full.WarmUp_s);
            Assert.Equal(SoakLimits.RssGrowth_MB / 9, full.MaxSlope_MBPerMin, 9);
            Assert.Throws<ArgumentOutOfRangeException>(() => SoakLimits.Rss(10, 10));
        }
    }
}

using System;
using System.Linq;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Sampling;

namespace CellVar.Bms.Population.Tests
{
    public class SamplingDesignTests
    {
        [Fact]
        public void LatinHypercubeHasOnePointPerBinInEveryDimension()
        {
            const int n = 257, d = 6;
            var lhs = new LatinHypercube(d, n, seed: 9);
            var u = new double[d];
            var seen = new bool[d, n];
            for (int i = 0; i < n; i++)
            {
                lhs.Point(i, u);
                for (int k = 0; k < d; k++)
                {
                    int bin = (int)(u[k] * n);
                    Assert.False(seen[k, bin]);
                    seen[k, bin] = true;
                }
            }
        }

        [Fact]
        public void SobolFirstPowerOfTwoPointsStratifyEveryDimension()
        {
            const int m = 10, n = 1 << m, d = 20;
            var s = new SobolSequence(d, shiftSeed: 123);
            var u = new double[d];
            var seen = new bool[d, n];
            for (int i = 0; i < n; i++)
            {
                s.Point(i, u);
                for (int k = 0; k < d; k++)
                {
                    int bin = (int)(u[k] * n);
                    Assert.False(seen[k, bin], $"dim {k} bin {bin} hit twice");
                    seen[k, bin] = true;
                }
            }
        }

        [Fact]
        public void SobolTwoDimensionalProjectionsAreStratifiedToo()
        {
            // A (0,m,2)-net property of Sobol' dims 1–2: 256 points, one in each 16×16 square.
            const int n = 256;
            var s = new SobolSequence(2, shiftSeed: 0);
            var u = new double[2];
            var seen = new bool[16, 16];
            for (int i = 0; i < n; i++)
            {
                s.Point(i, u);
                int a = (int)(u[0] * 16), b = (int)(u[1] * 16);
                Assert.False(seen[a, b]);
                seen[a, b] = true;
            }
        }

        [Fact]
        public void SobolEstimatesASmoothMeanBetterThanPlainMonteCarlo()
        {
            // E[Π (1 + (u_k − ½))] = 1 in 5 dims; QMC error ~ 1/n vs MC ~ 1/√n.
            const int n = 4096, d = 5;
            var s = new SobolSequence(d, shiftSeed: 77);
            var u = new double[d];
            double sum = 0;
            for (int i = 0; i < n; i++) { s.Point(i, u); sum += u.Aggregate(1.0, (p, x) => p * (0.5 + x)); }
            double qmcError = Math.Abs(sum / n - 1);
            // Plain MC standard error here is √(Var/n) ≈ √((1+1/12)^5 − 1)/64 ≈ 0.0107; QMC must beat a tenth of it.
            Assert.True(qmcError < 0.00107, $"QMC error {qmcError}");
        }

        [Fact]
        public void DefectMixtureQuantileInvertsTheCdfAndDefectRateMatches()
        {
            var m = new DefectMixtureMarginal(0.2e-3, 0.02e-3, 0.01, 2e-3, 0.8);
            foreach (double p in new[] { 1e-6, 0.01, 0.5, 0.98, 0.995, 0.999999 })
                Assert.Equal(p, m.Cdf(m.Quantile(p)), 9);
            var rng = new Random(1);
            const int n = 100_000;
            int defects = 0;
            for (int i = 0; i < n; i++) if (m.FromLatent(LatentMath.StandardNormal(rng), rng) > 0.5e-3) defects++;
            // Bulk never exceeds 0.5 mΩ (15 sd); lognormal defect exceeds it with P = Φ(ln4/0.8) ≈ 0.958. Binomial SE ≈ 31 of 958; ±150.
            Assert.InRange(defects, 958 - 150, 958 + 150);
        }

        [Fact]
        public void ContinuousFamiliesMatchTheirMeansThroughTheLatentMap()
        {
            var rng = new Random(2);
            IMarginal[] ms = { new LogNormalMarginal(2.0, 0.3), new WeibullMarginal(3.0, 2.0), new StudentTMarginal(1.0, 0.5, 5) };
            foreach (var m in ms)
            {
                const int n = 40_000;
                double sum = 0;
                for (int i = 0; i < n; i++) sum += m.FromLatent(LatentMath.StandardNormal(rng), rng);
                // 5 standard errors of the sample mean.
                Assert.InRange(sum / n, m.Mean - 5 * Math.Sqrt(m.Variance / n), m.Mean + 5 * Math.Sqrt(m.Variance / n));
            }
        }
    }
}

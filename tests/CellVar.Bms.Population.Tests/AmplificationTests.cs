using System;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.Physics;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.Tests
{
    public class AmplificationTests
    {
        private static readonly CellParameters Nominal = ParameterSets.Chen2020;

        [Fact]
        public void SeparatorResistanceIsLinearInThickness()
        {
            double r1 = DerivedParameters.Compute(Nominal with { SeparatorThickness_m = 10e-6 }).SeparatorResistance_Ohm;
            double r2 = DerivedParameters.Compute(Nominal with { SeparatorThickness_m = 20e-6 }).SeparatorResistance_Ohm;
            double r3 = DerivedParameters.Compute(Nominal with { SeparatorThickness_m = 30e-6 }).SeparatorResistance_Ohm;
            Assert.Equal(2.0, r2 / r1, 12);
            Assert.Equal(3.0, r3 / r1, 12);
        }

        [Fact]
        public void KappaEffCoVIsAboutBruggemanTimesPorosityCoV()
        {
            var rng = new Random(4);
            const int n = 40_000;
            const double mean = 0.47, sd = 0.0047; // 1 % CoV: small scatter
            var eps = new double[n]; var k = new double[n];
            for (int i = 0; i < n; i++)
            {
                eps[i] = mean + sd * Distributions.LatentMath.StandardNormal(rng);
                k[i] = DerivedParameters.Compute(Nominal with { SeparatorPorosity = eps[i] }).KappaEffSeparator_S_m;
            }
            double covEps = eps.StandardDeviation() / eps.Mean(), covK = k.StandardDeviation() / k.Mean();
            // Delta method: CoV(κ) ≈ b·CoV(ε) with b = 1.5; second-order terms are O(CoV²) ≈ 1e-4 relative, SE of a CoV ratio ~ 0.5 %.
            Assert.InRange(covK / covEps, 1.5 * 0.98, 1.5 * 1.02);
        }

        [Fact]
        public void GaussianExchangeCurrentGivesRightSkewedMeanShiftedOverpotential()
        {
            // Positive electrode (near-linear Butler–Volmer, η ∝ 1/j0): Gaussian j0 with 15 % CoV.
            var rng = new Random(5);
            const int n = 40_000;
            double m0 = Nominal.PositiveExchangeCurrentCoefficient;
            var eta = new double[n];
            for (int i = 0; i < n; i++)
            {
                double m = m0 * (1 + 0.15 * Distributions.LatentMath.StandardNormal(rng));
                if (m <= 0) m = m0 * 0.01;
                eta[i] = DerivedParameters.Compute(Nominal with { PositiveExchangeCurrentCoefficient = m }).EtaPositive1C_V;
            }
            double etaNominal = DerivedParameters.Compute(Nominal).EtaPositive1C_V;
            // SE of the sample skewness ≈ √(6/n) ≈ 0.012: skewness of 1/j0 at 15 % CoV is ≈ 0.9, so > 0.3 is decisive.
            Assert.True(eta.Skewness() > 0.3, $"skewness {eta.Skewness()}");
            // Jensen: E[1/X] > 1/E[X]; the expected shift is ≈ CoV² ≈ 2.3 %, SE of the mean ≈ 0.08 %.
            Assert.True(eta.Mean() > etaNominal * 1.01, $"mean {eta.Mean()} vs nominal {etaNominal}");
        }
    }
}

using System;
using CellVar.Bms.OnDevice.FixedPoint;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>Each fixed-point function against a double reference, with the worst-case error stated in FixedMath's docs.</summary>
    public class FixedMathTests
    {
        private const double Q = 65536.0;

        private static int[] Q16Samples(int seed, int count, double lo, double hi)
        {
            var rng = new Random(seed);
            var a = new int[count];
            for (int i = 0; i < count; i++) a[i] = (int)Math.Round((lo + (hi - lo) * rng.NextDouble()) * Q);
            return a;
        }

        [Fact]
        public void MulQ16_Is_Correctly_Rounded_And_Saturates()
        {
            var a = Q16Samples(1, 20000, -180, 180);
            var b = Q16Samples(2, 20000, -180, 180);
            double worst = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double exact = (double)a[i] * b[i] / Q; // in LSB
                double clamped = Math.Clamp(exact, int.MinValue, int.MaxValue);
                double err = Math.Abs(FixedMath.MulQ16(a[i], b[i]) - clamped);
                worst = Math.Max(worst, err);
            }
            // Correct rounding: at most half an LSB.
            Assert.True(worst <= 0.5, $"worst {worst} LSB");
            Assert.Equal(int.MaxValue, FixedMath.MulQ16(int.MaxValue, 2 * 65536));
            Assert.Equal(int.MinValue, FixedMath.MulQ16(int.MaxValue, -2 * 65536));
        }

        [Fact]
        public void DivQ16_And_DivRound_Are_Correctly_Rounded()
        {
            var a = Q16Samples(3, 20000, -1000, 1000);
            var b = Q16Samples(4, 20000, -50, 50);
            double worst = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (b[i] == 0) continue;
                double exact = Math.Clamp((double)a[i] / b[i] * Q, int.MinValue, int.MaxValue);
                worst = Math.Max(worst, Math.Abs(FixedMath.DivQ16(a[i], b[i]) - exact));
            }
            Assert.True(worst <= 0.5 + 1e-9, $"worst {worst} LSB");
            Assert.Equal(3, FixedMath.DivRound(5, 2));     // ties away from zero
            Assert.Equal(-3, FixedMath.DivRound(-5, 2));
            Assert.Equal(2, FixedMath.DivRound(7, 4));     // 1.75 → 2
            Assert.Equal(long.MaxValue, FixedMath.DivRound(1, 0));
            Assert.Equal(int.MaxValue, FixedMath.DivQ16(1, 0));
        }

        [Fact]
        public void MulDivRound_Matches_Exact_Decimal_Reference()
        {
            var rng = new Random(5);
            for (int i = 0; i < 20000; i++)
            {
                long a = (long)(rng.NextDouble() * Math.Pow(2, 40 * rng.NextDouble() + 1));
                long b = (long)(rng.NextDouble() * Math.Pow(2, 40 * rng.NextDouble() + 1));
                long c = 1 + (long)(rng.NextDouble() * Math.Pow(2, 50 * rng.NextDouble()));
                decimal exact = (decimal)a * b / c;
                if (exact > long.MaxValue / 2) continue;
                long got = FixedMath.MulDivRound(a, b, c);
                decimal err = Math.Abs(got - exact);
                // 128-bit intermediate: correctly rounded, so at most half a unit.
                Assert.True(err <= 0.5m, $"{a}*{b}/{c}: {got} vs {exact}");
                Assert.Equal(-got, FixedMath.MulDivRound(-a, b, c));
            }
        }

        [Fact]
        public void Isqrt_Is_Exact_Floor_And_IsqrtRound_Is_Nearest()
        {
            var rng = new Random(6);
            for (int i = 0; i < 50000; i++)
            {
                long v = (long)(rng.NextDouble() * Math.Pow(2, 62 * rng.NextDouble()));
                long r = FixedMath.Isqrt(v);
                Assert.True((decimal)r * r <= v && (decimal)(r + 1) * (r + 1) > v, $"isqrt({v})={r}");
                long rr = FixedMath.IsqrtRound(v);
                decimal exact = (decimal)Math.Sqrt((double)v);
                Assert.True(Math.Abs(rr - exact) <= 0.5m + 1e-6m * exact, $"isqrtRound({v})={rr}");
            }
            Assert.Equal(3037000499L, FixedMath.Isqrt(long.MaxValue));
            Assert.Equal(0, FixedMath.Isqrt(-5));
        }

        [Fact]
        public void SqrtQ16_Within_One_Lsb()
        {
            foreach (int x in Q16Samples(7, 20000, 0, 32000))
            {
                double exact = Math.Sqrt(x / Q) * Q;
                Assert.True(Math.Abs(FixedMath.SqrtQ16(x) - exact) <= 1.0, $"sqrt({x / Q})");
            }
        }

        [Fact]
        public void Log2_And_Ln_Within_Two_Lsb()
        {
            var rng = new Random(8);
            double worstLog2 = 0, worstLn = 0;
            for (int i = 0; i < 50000; i++)
            {
                int x = 1 + (int)(rng.NextDouble() * Math.Pow(2, 31 * rng.NextDouble()));
                if (x <= 0) continue;
                double v = x / Q;
                worstLog2 = Math.Max(worstLog2, Math.Abs(FixedMath.Log2Q16(x) - Math.Log2(v) * Q));
                worstLn = Math.Max(worstLn, Math.Abs(FixedMath.LnQ16(x) - Math.Log(v) * Q));
            }
            // Stated bound: 2 LSB (18 computed bits rounded to 16, plus the ln 2 scaling rounding).
            Assert.True(worstLog2 <= 2.0, $"log2 worst {worstLog2} LSB");
            Assert.True(worstLn <= 2.0, $"ln worst {worstLn} LSB");
            Assert.Equal(int.MinValue, FixedMath.Log2Q16(0));
            Assert.Equal(0, FixedMath.Log2Q16(65536));
        }

        [Fact]
        public void Exp_Within_Two_Lsb_Plus_Relative_2e_6()
        {
            var rng = new Random(9);
            double worst = 0;
            for (int i = 0; i < 50000; i++)
            {
                int x = (int)Math.Round((-17 + 27.5 * rng.NextDouble()) * Q);
                double exact = Math.Exp(x / Q) * Q;
                double got = FixedMath.ExpQ16(x);
                if (exact >= int.MaxValue) { Assert.Equal(int.MaxValue, FixedMath.ExpQ16(x)); continue; }
                // Stated bound: 2 LSB + 2^-20 relative (Q30 series; the final shift rounds).
                double err = Math.Abs(got - exact) - exact * Math.Pow(2, -20);
                worst = Math.Max(worst, err);
            }
            Assert.True(worst <= 2.0, $"exp worst {worst} LSB beyond the relative part");
            Assert.Equal(65536, FixedMath.ExpQ16(0));
            Assert.Equal(int.MaxValue, FixedMath.ExpQ16(int.MaxValue));
            Assert.Equal(0, FixedMath.ExpQ16(int.MinValue));
        }

        [Fact]
        public void NormalConfidence_Within_Eight_Permille_Of_Phi()
        {
            double worst = 0;
            for (double z = -8; z <= 8; z += 0.01)
            {
                double exact = 1000 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);
                int got = FixedMath.NormalConfidencePermille((int)Math.Round(z * Q));
                worst = Math.Max(worst, Math.Abs(got - exact));
            }
            // The approximation 1 − ½exp(−0.717z − 0.416z²) is good to ~0.6 %; plus 0.5 permille rounding.
            Assert.True(worst <= 8.0, $"worst {worst} permille");
        }

        [Theory]
        [InlineData(1, 2, 3)]
        [InlineData(int.MaxValue, 1, int.MaxValue)]
        [InlineData(int.MinValue, -1, int.MinValue)]
        [InlineData(int.MaxValue, int.MinValue, -1)]
        public void SaturatingAdd(int a, int b, int expected) => Assert.Equal(expected, SaturatingMath.Add(a, b));

        [Fact]
        public void Saturating_Sub_Mul_Abs_AddLong()
        {
            Assert.Equal(int.MinValue, SaturatingMath.Sub(int.MinValue, 1));
            Assert.Equal(int.MaxValue, SaturatingMath.Sub(int.MaxValue, -1));
            Assert.Equal(int.MaxValue, SaturatingMath.Mul(65536, 65536));
            Assert.Equal(int.MinValue, SaturatingMath.Mul(-65536, 65536));
            Assert.Equal(-6, SaturatingMath.Mul(-2, 3));
            Assert.Equal(int.MaxValue, SaturatingMath.Abs(int.MinValue));
            Assert.Equal(long.MaxValue, SaturatingMath.AddLong(long.MaxValue, 1));
            Assert.Equal(long.MinValue, SaturatingMath.AddLong(long.MinValue, -1));
            Assert.Equal(5, SaturatingMath.AddLong(2, 3));
        }
    }
}

using System;
using CellVar.Bms.Dfn.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Dfn.Tests
{
    public class BandedLuTests
    {
        [Theory]
        [InlineData(1, 2, 3, 1)]
        [InlineData(40, 5, 5, 2)]
        [InlineData(200, 5, 5, 3)]
        [InlineData(60, 2, 7, 4)]
        public void Solves_like_a_dense_lu_including_pivoting(int n, int kl, int ku, int seed)
        {
            var rng = new Random(seed);
            var band = new BandedLu(n, kl, ku);
            var dense = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i < n; i++)
            for (int j = Math.Max(0, i - kl); j <= Math.Min(n - 1, i + ku); j++)
            {
                // Small diagonal entries force row exchanges, which is what the DFN's potential rows need.
                double v = rng.NextDouble() * 2 - 1;
                band.Add(i, j, v);
                dense[i, j] = v;
            }
            var b = new double[n];
            for (int i = 0; i < n; i++) b[i] = rng.NextDouble();
            var expected = dense.Solve(Vector<double>.Build.DenseOfArray(b));
            Assert.True(band.Factor());
            band.Solve(b);
            for (int i = 0; i < n; i++)
                Assert.Equal(expected[i], b[i], 1e-8 * (1 + Math.Abs(expected[i]))); // round-off of two stable LUs
        }

        [Fact]
        public void Singular_matrix_is_reported_not_divided_by_zero()
        {
            var band = new BandedLu(3, 1, 1);
            band.Add(0, 0, 1); band.Add(1, 1, 1); // row 2 stays zero
            Assert.False(band.Factor());
        }

        [Fact]
        public void Entry_outside_the_band_is_an_error()
        {
            var band = new BandedLu(10, 1, 1);
            Assert.Throws<InvalidOperationException>(() => band.Add(0, 5, 1));
        }
    }
}

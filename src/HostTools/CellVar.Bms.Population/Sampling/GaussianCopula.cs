using System;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Population.Sampling
{
    /// <summary>
    /// Gaussian copula: turns independent standard normals into correlated ones via the Cholesky factor of the
    /// correlation matrix. Rejects non-symmetric, non-unit-diagonal, non-positive-definite or near-singular matrices.
    /// </summary>
    public sealed class GaussianCopula
    {
        /// <summary>Smallest eigenvalue accepted; below it the matrix is treated as singular (perfectly collinear variables).</summary>
        public const double MinEigenvalue = 1e-8;

        private readonly double[] _lower; // row-major lower triangle of L, n×n

        /// <summary>Factorises <paramref name="correlation"/>; throws <see cref="ArgumentException"/> with the reason if it is unusable.</summary>
        public GaussianCopula(double[,] correlation)
        {
            int n = correlation.GetLength(0);
            if (correlation.GetLength(1) != n) throw new ArgumentException("correlation matrix must be square");
            for (int i = 0; i < n; i++)
            {
                if (Math.Abs(correlation[i, i] - 1) > 1e-12) throw new ArgumentException($"correlation matrix diagonal [{i},{i}] must be 1");
                for (int j = 0; j < n; j++)
                {
                    double c = correlation[i, j];
                    if (!double.IsFinite(c) || Math.Abs(c) > 1) throw new ArgumentException($"correlation [{i},{j}] = {c} is not in [-1,1]");
                    if (Math.Abs(c - correlation[j, i]) > 1e-12) throw new ArgumentException($"correlation matrix is not symmetric at [{i},{j}]");
                }
            }
            var m = Matrix<double>.Build.DenseOfArray(correlation);
            double minEig = double.PositiveInfinity;
            foreach (var e in m.Evd(Symmetricity.Symmetric).EigenValues) minEig = Math.Min(minEig, e.Real);
            if (!(minEig > MinEigenvalue))
                throw new ArgumentException($"correlation matrix is singular or not positive definite (smallest eigenvalue {minEig:G3}); the requested correlations are mutually inconsistent");
            var l = m.Cholesky().Factor;
            Dimension = n;
            _lower = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) _lower[i * n + j] = l[i, j];
        }

        /// <summary>Number of variables.</summary>
        public int Dimension { get; }

        /// <summary>Writes L·z into <paramref name="output"/> (independent N(0,1) in, correlated N(0,1) out).</summary>
        public void Correlate(ReadOnlySpan<double> independent, Span<double> output)
        {
            int n = Dimension;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j <= i; j++) s += _lower[i * n + j] * independent[j];
                output[i] = s;
            }
        }
    }
}

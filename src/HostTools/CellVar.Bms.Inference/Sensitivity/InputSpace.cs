using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>
    /// The joint input distribution: marginals tied by a Gaussian copula with correlation matrix R
    /// (identity = independent). Sampling and conditional sampling work on the copula's normal scores.
    /// </summary>
    public sealed class InputSpace
    {
        private readonly Matrix<double> _r;
        private readonly Matrix<double> _cholesky;
        private readonly ConcurrentDictionary<int, ConditionalNormal> _conditionals = new();

        /// <summary>Creates the space; throws <see cref="InvalidInputException"/> if R is not a valid correlation matrix.</summary>
        public InputSpace(IReadOnlyList<InputVariable> inputs, double[,]? correlation = null)
        {
            if (inputs.Count == 0)
                throw new InvalidInputException("The spec lists no inputs.", "Add at least one entry to \"inputs\".");
            if (inputs.Count > 20)
                throw new InvalidInputException($"The spec lists {inputs.Count} inputs; at most 20 are supported.", "Screen inputs first (e.g. with Sobol' totals) and keep the important ones.");
            Inputs = inputs;
            int d = inputs.Count;
            if (correlation == null)
            {
                _r = Matrix<double>.Build.DenseIdentity(d);
            }
            else
            {
                if (correlation.GetLength(0) != d || correlation.GetLength(1) != d)
                    throw new InvalidInputException($"The correlation matrix is {correlation.GetLength(0)}x{correlation.GetLength(1)} but there are {d} inputs.", $"Give a {d}x{d} matrix in input order.");
                for (int i = 0; i < d; i++)
                {
                    if (Math.Abs(correlation[i, i] - 1) > 1e-12)
                        throw new InvalidInputException($"correlation[{i}][{i}] is {correlation[i, i]}, not 1.", "Put 1 on the diagonal.");
                    for (int j = 0; j < d; j++)
                    {
                        if (!double.IsFinite(correlation[i, j]) || Math.Abs(correlation[i, j]) > 1)
                            throw new InvalidInputException($"correlation[{i}][{j}] = {correlation[i, j]} is not in [-1, 1].", "Use correlations between -1 and 1.");
                        if (Math.Abs(correlation[i, j] - correlation[j, i]) > 1e-12)
                            throw new InvalidInputException($"The correlation matrix is not symmetric at [{i}][{j}] ({correlation[i, j]} vs {correlation[j, i]}).", "Make correlation[i][j] equal correlation[j][i].");
                    }
                }
                _r = Matrix<double>.Build.DenseOfArray(correlation);
            }
            double minEig = _r.Evd().EigenValues.Select(e => e.Real).Min();
            if (minEig <= 1e-10)
                throw new InvalidInputException(
                    $"The correlation matrix is not positive definite (smallest eigenvalue {minEig:G3}); such correlations cannot occur together.",
                    "Reduce the magnitude of the conflicting correlations (e.g. a chain 0.9/0.9/-0.9 is impossible) or use the nearest valid matrix.");
            _cholesky = _r.Cholesky().Factor;
            IsIndependent = Enumerable.Range(0, d).All(i => Enumerable.Range(0, d).All(j => i == j || _r[i, j] == 0));
        }

        /// <summary>The inputs in order.</summary>
        public IReadOnlyList<InputVariable> Inputs { get; }

        /// <summary>Number of inputs.</summary>
        public int Dimension => Inputs.Count;

        /// <summary>True when the copula correlation is the identity.</summary>
        public bool IsIndependent { get; }

        /// <summary>Copula correlation R[i, j].</summary>
        public double Correlation(int i, int j) => _r[i, j];

        /// <summary>Draws normal scores z ~ N(0, R) into <paramref name="z"/>.</summary>
        public void SampleScores(Random rng, double[] z)
        {
            int d = Dimension;
            Span<double> e = stackalloc double[d];
            for (int i = 0; i < d; i++) e[i] = Normal.Sample(rng, 0, 1);
            for (int i = 0; i < d; i++)
            {
                double s = 0;
                for (int k = 0; k <= i; k++) s += _cholesky[i, k] * e[k];
                z[i] = s;
            }
        }

        /// <summary>Maps normal scores to input values.</summary>
        public void ToInputs(double[] z, double[] x)
        {
            for (int i = 0; i < Dimension; i++) x[i] = Inputs[i].FromStandardNormal(z[i]);
        }

        /// <summary>
        /// Redraws the scores of the inputs in <paramref name="mask"/> (bit i = input i) from their conditional
        /// distribution given the other scores, which are left unchanged.
        /// </summary>
        public void ResampleConditional(int mask, Random rng, double[] z)
        {
            ConditionalNormal c = _conditionals.GetOrAdd(mask, m => new ConditionalNormal(_r, m));
            c.Resample(rng, z);
        }

        /// <summary>Gaussian conditional z_S | z_C: mean A z_C, covariance with Cholesky factor L.</summary>
        private sealed class ConditionalNormal
        {
            private readonly int[] _s;
            private readonly int[] _c;
            private readonly double[,] _a;
            private readonly double[,] _l;

            public ConditionalNormal(Matrix<double> r, int mask)
            {
                int d = r.RowCount;
                _s = Enumerable.Range(0, d).Where(i => (mask & (1 << i)) != 0).ToArray();
                _c = Enumerable.Range(0, d).Where(i => (mask & (1 << i)) == 0).ToArray();
                Matrix<double> rss = Sub(r, _s, _s);
                if (_c.Length == 0)
                {
                    _a = new double[_s.Length, 0];
                    _l = rss.Cholesky().Factor.ToArray();
                    return;
                }
                Matrix<double> rsc = Sub(r, _s, _c);
                Matrix<double> rcc = Sub(r, _c, _c);
                // A = R_SC R_CC^-1 through a Cholesky solve (no explicit inverse).
                Matrix<double> a = rcc.Cholesky().Solve(rsc.Transpose()).Transpose();
                Matrix<double> cov = rss - a * rsc.Transpose();
                cov = (cov + cov.Transpose()) * 0.5;
                _a = a.ToArray();
                _l = CholeskyOrZero(cov);
            }

            public void Resample(Random rng, double[] z)
            {
                int ns = _s.Length;
                Span<double> e = stackalloc double[ns];
                for (int i = 0; i < ns; i++) e[i] = Normal.Sample(rng, 0, 1);
                for (int i = 0; i < ns; i++)
                {
                    double m = 0;
                    for (int k = 0; k < _c.Length; k++) m += _a[i, k] * z[_c[k]];
                    for (int k = 0; k <= i; k++) m += _l[i, k] * e[k];
                    z[_s[i]] = m;
                }
            }

            private static Matrix<double> Sub(Matrix<double> r, int[] rows, int[] cols)
            {
                var m = Matrix<double>.Build.Dense(rows.Length, cols.Length);
                for (int i = 0; i < rows.Length; i++)
                    for (int j = 0; j < cols.Length; j++)
                        m[i, j] = r[rows[i], cols[j]];
                return m;
            }

            private static double[,] CholeskyOrZero(Matrix<double> cov)
            {
                // A conditional covariance can be numerically semi-definite (near-perfect correlation): add a tiny jitter.
                for (double jitter = 0; jitter < 1e-6; jitter = jitter == 0 ? 1e-14 : jitter * 100)
                {
                    try
                    {
                        return (cov + Matrix<double>.Build.DenseIdentity(cov.RowCount) * jitter).Cholesky().Factor.ToArray();
                    }
                    catch (ArgumentException)
                    {
                    }
                }
                return new double[cov.RowCount, cov.RowCount];
            }
        }
    }
}

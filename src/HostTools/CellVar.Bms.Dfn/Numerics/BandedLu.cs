using System;

namespace CellVar.Bms.Dfn.Numerics
{
    /// <summary>
    /// LU factorisation with partial pivoting of a square band matrix (the dgbtrf/dgbtrs algorithm).
    /// </summary>
    /// <remarks>
    /// Hand-written on purpose: MathNet.Numerics 5.0.0 (the only linear-algebra package on the mirror) has dense LU and
    /// iterative sparse solvers but no banded or sparse direct factorisation. After the particles are condensed out,
    /// the DFN Newton matrix ordered cell by cell along x has half-bandwidths of 5, so a band LU costs O(n·kl·(kl+ku))
    /// ≈ 10⁴ flops for the default mesh, against ≈ 10⁷ for a dense LU of the same 200 unknowns.
    /// Storage is row-major: row i keeps columns i−kl … i+kl+ku (the extra kl columns receive pivoting fill-in).
    /// </remarks>
    internal sealed class BandedLu
    {
        private readonly double[] _a;
        private readonly int[] _pivot;
        private readonly int _width;

        /// <summary>Creates an n×n band matrix with kl sub- and ku super-diagonals.</summary>
        public BandedLu(int n, int kl, int ku)
        {
            if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
            N = n; Kl = kl; Ku = ku;
            _width = 2 * kl + ku + 1;
            _a = new double[n * _width];
            _pivot = new int[n];
        }

        /// <summary>Order of the matrix.</summary>
        public int N { get; }

        /// <summary>Number of sub-diagonals.</summary>
        public int Kl { get; }

        /// <summary>Number of super-diagonals (before fill-in).</summary>
        public int Ku { get; }

        /// <summary>Sets every entry to zero before a new assembly.</summary>
        public void Clear() => Array.Clear(_a);

        /// <summary>Adds v to entry (row, col); the entry must lie inside the band.</summary>
        public void Add(int row, int col, double v)
        {
            int off = col - row;
            if (off < -Kl || off > Ku)
                throw new InvalidOperationException($"Entry ({row},{col}) lies outside the band (kl={Kl}, ku={Ku}).");
            _a[row * _width + off + Kl] += v;
        }

        /// <summary>Reads entry (row, col) of the assembled (not yet factorised) matrix; zero outside the band.</summary>
        public double Get(int row, int col)
        {
            int off = col - row;
            return off < -Kl || off > Ku ? 0.0 : _a[row * _width + off + Kl];
        }

        /// <summary>Factorises in place. Returns false if a pivot is exactly zero or not finite (singular matrix).</summary>
        public bool Factor()
        {
            int n = N, kl = Kl, w = _width, kuf = Kl + Ku;
            double[] a = _a;
            for (int k = 0; k < n; k++)
            {
                int last = Math.Min(n - 1, k + kl);
                int p = k;
                double best = Math.Abs(a[k * w + kl]);
                for (int r = k + 1; r <= last; r++)
                {
                    double v = Math.Abs(a[r * w + (k - r) + kl]);
                    if (v > best) { best = v; p = r; }
                }
                _pivot[k] = p;
                if (!(best > 0.0) || double.IsInfinity(best)) return false;
                int cmax = Math.Min(n - 1, k + kuf);
                if (p != k)
                {
                    for (int c = k; c <= cmax; c++)
                    {
                        int ik = k * w + (c - k) + kl, ip = p * w + (c - p) + kl;
                        (a[ik], a[ip]) = (a[ip], a[ik]);
                    }
                }
                double piv = a[k * w + kl];
                int len = cmax - k; // columns k+1 … cmax
                var pivotRow = new ReadOnlySpan<double>(a, k * w + kl + 1, len);
                for (int r = k + 1; r <= last; r++)
                {
                    int rk = r * w + (k - r) + kl;
                    double l = a[rk];
                    if (l == 0.0) continue;
                    l /= piv;
                    a[rk] = l;
                    // Spans let the JIT drop per-element bounds checks in this innermost loop.
                    var row = new Span<double>(a, rk + 1, len);
                    for (int c = 0; c < row.Length; c++)
                        row[c] -= l * pivotRow[c];
                }
            }
            return true;
        }

        /// <summary>Solves A x = b in place after <see cref="Factor"/>.</summary>
        public void Solve(Span<double> b)
        {
            int n = N, kl = Kl, w = _width, kuf = Kl + Ku;
            double[] a = _a;
            for (int k = 0; k < n; k++)
            {
                int p = _pivot[k];
                if (p != k) (b[k], b[p]) = (b[p], b[k]);
                double bk = b[k];
                if (bk == 0.0) continue;
                int last = Math.Min(n - 1, k + kl);
                for (int r = k + 1; r <= last; r++)
                    b[r] -= a[r * w + (k - r) + kl] * bk;
            }
            for (int k = n - 1; k >= 0; k--)
            {
                int row = k * w - k + kl;
                double s = b[k];
                int cmax = Math.Min(n - 1, k + kuf);
                for (int c = k + 1; c <= cmax; c++)
                    s -= a[row + c] * b[c];
                b[k] = s / a[row + k];
            }
        }
    }
}

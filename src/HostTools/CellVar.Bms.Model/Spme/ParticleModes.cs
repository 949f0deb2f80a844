using System;
using System.Collections.Concurrent;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CellVar.Bms.Model.Spme
{
    /// <summary>
    /// Eigen-decomposition of PyBaMM's finite-volume spherical diffusion operator on N uniform cells of the unit sphere.
    /// With ρ = r/R the operator of every particle is (D/R²)·Â, so one decomposition serves all particles and all cells of a
    /// population: in modal coordinates z the semi-discrete equations decouple, ż_k = (D/R²)λ_k z_k + g_k·b, with
    /// b = −j/(F R V̂_N) the surface-flux input. For a current that is constant over a step this is integrated exactly,
    /// so the particle solution does not depend on the step length.
    /// </summary>
    public sealed class ParticleModes
    {
        private static readonly ConcurrentDictionary<int, ParticleModes> Cache = new();

        private ParticleModes(int n)
        {
            CellCount = n;
            var vol = new double[n];
            for (int i = 0; i < n; i++)
            {
                double a = (double)i / n, b = (double)(i + 1) / n;
                vol[i] = (b * b * b - a * a * a) / 3.0;
            }
            // Symmetrised operator S = W^½ Â W^-½ with W = diag(V̂); interior edge i+½ sits at ρ = (i+1)/N, node spacing 1/N.
            var s = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i + 1 < n; i++)
            {
                double e = (double)(i + 1) / n;
                double k = e * e * n;
                double off = k / Math.Sqrt(vol[i] * vol[i + 1]);
                s[i, i + 1] = off;
                s[i + 1, i] = off;
                s[i, i] -= k / vol[i];
                s[i + 1, i + 1] -= k / vol[i + 1];
            }
            Evd<double> evd = s.Evd(Symmetricity.Symmetric);
            var q = evd.EigenVectors;
            Eigenvalues = new double[n];
            InputGain = new double[n];
            SurfaceWeight = new double[n];
            AverageWeight = new double[n];
            UniformToModal = new double[n];
            double sqrtVn = Math.Sqrt(vol[n - 1]), sqrtVn1 = Math.Sqrt(vol[n - 2]);
            for (int k = 0; k < n; k++)
            {
                double lambda = evd.EigenValues[k].Real;
                Eigenvalues[k] = lambda > -1e-10 ? 0.0 : lambda; // the conserved (mean) mode is exactly 0
                InputGain[k] = q[n - 1, k] * sqrtVn;
                // Surface value by linear extrapolation from the last two centres, (3c_N − c_{N−1})/2, as PyBaMM does.
                SurfaceWeight[k] = 1.5 * q[n - 1, k] / sqrtVn - 0.5 * q[n - 2, k] / sqrtVn1;
                double avg = 0, uni = 0;
                for (int i = 0; i < n; i++)
                {
                    double sv = Math.Sqrt(vol[i]);
                    avg += sv * q[i, k];
                    uni += sv * q[i, k];
                }
                AverageWeight[k] = 3.0 * avg; // volume average: Σ V̂ c / Σ V̂ with Σ V̂ = 1/3
                UniformToModal[k] = uni;
            }
            InputScale = 1.0 / vol[n - 1];
            Volumes = vol;
            Vectors = q.ToArray();
        }

        /// <summary>Modes for <paramref name="cellCount"/> radial cells (≥ 2); cached and thread-safe.</summary>
        public static ParticleModes ForCells(int cellCount)
        {
            if (cellCount < 2) throw new ArgumentOutOfRangeException(nameof(cellCount), "At least two radial cells are needed.");
            return Cache.GetOrAdd(cellCount, n => new ParticleModes(n));
        }

        /// <summary>Number of radial cells N.</summary>
        public int CellCount { get; }

        /// <summary>Eigenvalues λ_k ≤ 0 of the dimensionless operator (multiply by D/R² for s⁻¹).</summary>
        public double[] Eigenvalues { get; }

        /// <summary>g_k: how the surface-flux input b enters mode k.</summary>
        public double[] InputGain { get; }

        /// <summary>Weights giving the extrapolated surface concentration, c_ss = Σ w_k z_k.</summary>
        public double[] SurfaceWeight { get; }

        /// <summary>Weights giving the volume-averaged concentration, c̄ = Σ w_k z_k.</summary>
        public double[] AverageWeight { get; }

        /// <summary>Modal coordinates of a uniform concentration of 1 (scale by the concentration).</summary>
        public double[] UniformToModal { get; }

        /// <summary>1/V̂_N: b = −(j/F)·InputScale/R.</summary>
        public double InputScale { get; }

        /// <summary>Dimensionless cell volumes V̂_i.</summary>
        internal double[] Volumes { get; }

        /// <summary>Eigenvectors Q (column k is mode k) of the symmetrised operator.</summary>
        internal double[,] Vectors { get; }

        /// <summary>Reconstructs nodal concentrations c_i = (Q z)_i / √V̂_i.</summary>
        public void ToNodal(ReadOnlySpan<double> modal, Span<double> nodal)
        {
            for (int i = 0; i < CellCount; i++)
            {
                double s = 0;
                for (int k = 0; k < CellCount; k++) s += Vectors[i, k] * modal[k];
                nodal[i] = s / Math.Sqrt(Volumes[i]);
            }
        }
    }
}

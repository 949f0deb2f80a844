using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Inference.Variance;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Inference.Tests.Variance
{
    /// <summary>The O(n) tree recursions against dense multivariate-normal algebra on a small unbalanced design.</summary>
    public class NestedModelDenseCheckTests
    {
        [Fact]
        public void LikelihoodAndPosteriorsMatchDenseComputation()
        {
            var rng = new Random(8);
            var y = new List<double>();
            var lot = new List<string>();
            var mod = new List<string>();
            for (int l = 0; l < 3; l++)
                for (int m = 0; m < 2 + l % 2; m++)
                    for (int c = 0; c < 2 + (l + m) % 3; c++)
                    {
                        y.Add(rng.NextDouble() * 3);
                        lot.Add("L" + l);
                        mod.Add("M" + m);
                    }
            int n = y.Count;
            double[] known = Enumerable.Range(0, n).Select(_ => 0.05 + 0.2 * rng.NextDouble()).ToArray();
            double[] w = Enumerable.Range(0, n).Select(_ => 0.3 + rng.NextDouble()).ToArray();
            var model = new NestedModel(y.ToArray(), new[] { lot.ToArray(), mod.ToArray() }, new[] { "lot", "module" }, known);
            model.SetWeights(w);
            double[] v = { 0.7, 0.3, 0.2 };

            // Dense Σ = σ²_lot Z_l Z_lᵀ + σ²_mod Z_m Z_mᵀ + diag(σ²_res / w + known).
            string[] modPath = Enumerable.Range(0, n).Select(i => lot[i] + "/" + mod[i]).ToArray();
            var sigma = Matrix<double>.Build.Dense(n, n, (i, j) =>
                (lot[i] == lot[j] ? v[0] : 0) + (modPath[i] == modPath[j] ? v[1] : 0) + (i == j ? v[2] / w[i] + known[i] : 0));
            var yv = Vector<double>.Build.DenseOfArray(y.ToArray());
            var one = Vector<double>.Build.Dense(n, 1.0);
            var sInv = sigma.Inverse();
            double s11 = one * sInv * one;
            double mu = (one * sInv * yv) / s11;
            var r = yv - mu * one;
            double dense = Math.Log(sigma.Determinant()) + r * sInv * r;
            double tree = model.MinusTwoLogLik(v, reml: false, out double treeMu, out double treeMuVar);
            Assert.Equal(dense, tree, 9);
            Assert.Equal(mu, treeMu, 10);
            Assert.Equal(1 / s11, treeMuVar, 10);
            Assert.Equal(dense + Math.Log(s11), model.MinusTwoLogLik(v, reml: true, out _, out _), 9);

            // Posterior of each row's true value θ_i = μ + u_lot + u_mod + e_i (flat prior on μ): BLUP plus μ̂'s uncertainty.
            NestedPosterior post = model.Posterior(v);
            for (int i = 0; i < n; i++)
            {
                var c = Vector<double>.Build.Dense(n, j => (lot[i] == lot[j] ? v[0] : 0) + (modPath[i] == modPath[j] ? v[1] : 0) + (i == j ? v[2] / w[i] : 0));
                double prior = v[0] + v[1] + v[2] / w[i];
                double mean = mu + c * sInv * r;
                double a = 1 - c * sInv * one;
                double var = prior - c * sInv * c + a * a / s11;
                Assert.Equal(mean, post.RowMean[i], 9);
                Assert.Equal(var, post.RowVariance[i], 9);
            }
        }
    }
}

using System;
using System.Linq;
using CellVar.Bms.Inference.Sensitivity;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Inference.Tests.Sensitivity
{
    public class ShapleyTests
    {
        [Fact]
        public void IshigamiExactModeMatchesReference()
        {
            var pi = Math.PI;
            var inputs = Enumerable.Range(1, 3).Select(i => new InputVariable("x" + i, new MathNet.Numerics.Distributions.ContinuousUniform(-pi, pi), "U")).ToList();
            ShapleyResult r = ShapleyAnalysis.Run(new InputSpace(inputs), new IshigamiModel(), new ShapleyOptions(20000, 0, Outer: 4000, Inner: 3, Exact: true), seed: 11);
            double[] exact = { 0.43575, 0.44241, 0.12184 }; // cell-variation.md §5
            for (int i = 0; i < 3; i++)
                Assert.InRange(r.Effects[i], exact[i] - 4 * r.StandardErrors[i] - 0.01, exact[i] + 4 * r.StandardErrors[i] + 0.01); // +0.01: SE ignores the Var(Y) estimate's own error (~1 %)
            Assert.Equal(1.0, r.Effects.Sum(), 10);
            Assert.Equal(20000 + 6 * 4000 * 3, r.ModelRuns);
        }

        [Fact]
        public void LinearCorrelatedRandomPermutationsMatchPublishedCase()
        {
            // Y = X1 + X2 + X3, sd (1, 1, 2), corr(X2, X3) = 0.9 (sensitivity::shapleyPermEx example).
            // Closed form (Owen & Prieur 2017, X1 independent): V = 9.6, Sh1 = 1/V,
            // Sh2 = (σ2²(1 − ρ²/2) + ρσ2σ3 + ρ²σ3²/2)/V, Sh3 = (σ3²(1 − ρ²/2) + ρσ2σ3 + ρ²σ2²/2)/V, worked by hand:
            double[] exact = { 1 / 9.6, 4.015 / 9.6, 4.585 / 9.6 };
            string spec = @"{ ""inputs"": [
                { ""name"": ""x1"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 1 },
                { ""name"": ""x2"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 1 },
                { ""name"": ""x3"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 2 } ],
              ""correlation"": [[1, 0, 0], [0, 1, 0.9], [0, 0.9, 1]],
              ""model"": { ""type"": ""linear"", ""coefficients"": [1, 1, 1] } }";
            SensitivitySpec s = SensitivitySpec.Parse(spec);
            ShapleyResult r = ShapleyAnalysis.Run(s.Space, s.Model, new ShapleyOptions(10000, 4000, 1, 3), seed: 2);
            for (int i = 0; i < 3; i++)
                Assert.InRange(r.Effects[i], exact[i] - 4 * r.StandardErrors[i] - 0.01, exact[i] + 4 * r.StandardErrors[i] + 0.01); // 0.01: Var(Y) sampling error
            Assert.Equal(1.0, r.Effects.Sum(), 10);
            Assert.Equal(10000 + 4000L * 2 * 1 * 3, r.ModelRuns);
        }

        [Fact]
        public void LinearGaussianFourInputsMatchClosedFormBySubsetEnumeration()
        {
            double[] beta = { 1.0, -2.0, 0.5, 1.5 };
            double[] sd = { 1.0, 0.5, 2.0, 1.0 };
            double[,] r = { { 1, 0.6, 0, -0.3 }, { 0.6, 1, 0.2, 0 }, { 0, 0.2, 1, 0.5 }, { -0.3, 0, 0.5, 1 } };
            var inputs = Enumerable.Range(0, 4).Select(i => new InputVariable("x" + i, new MathNet.Numerics.Distributions.Normal(0, sd[i]), "N")).ToList();
            var space = new InputSpace(inputs, r);
            double[] exact = ClosedFormLinearGaussian(beta, sd, r);
            ShapleyResult est = ShapleyAnalysis.Run(space, new LinearModel(beta), new ShapleyOptions(20000, 0, Outer: 3000, Inner: 3, Exact: true), seed: 9);
            for (int i = 0; i < 4; i++)
                Assert.InRange(est.Effects[i], exact[i] - 4 * est.StandardErrors[i] - 0.01, exact[i] + 4 * est.StandardErrors[i] + 0.01); // 0.01: Var(Y) sampling error
        }

        [Fact]
        public void NonPositiveDefiniteCorrelationIsExplained()
        {
            var inputs = Enumerable.Range(0, 3).Select(i => new InputVariable("x" + i, new MathNet.Numerics.Distributions.Normal(0, 1), "N")).ToList();
            double[,] bad = { { 1, 0.9, 0.9 }, { 0.9, 1, -0.9 }, { 0.9, -0.9, 1 } };
            var ex = Assert.Throws<InvalidInputException>(() => new InputSpace(inputs, bad));
            Assert.Contains("not positive definite", ex.Problem);
        }

        // Exact Shapley for Y = βᵀX, X ~ N(0, Σ): c(S) = E[Var(Y | X₋S)] = β_Sᵀ (Σ_SS − Σ_S,−S Σ_−S,−S⁻¹ Σ_−S,S) β_S,
        // averaged over all orderings. Computed here independently of the Monte Carlo code.
        private static double[] ClosedFormLinearGaussian(double[] beta, double[] sd, double[,] r)
        {
            int d = beta.Length;
            var sigma = Matrix<double>.Build.Dense(d, d, (i, j) => r[i, j] * sd[i] * sd[j]);
            var b = Vector<double>.Build.DenseOfArray(beta);
            double v = b * sigma * b;
            double Cost(int mask)
            {
                int[] s = Enumerable.Range(0, d).Where(i => (mask >> i & 1) == 1).ToArray();
                int[] c = Enumerable.Range(0, d).Where(i => (mask >> i & 1) == 0).ToArray();
                if (s.Length == 0) return 0;
                var sss = Matrix<double>.Build.Dense(s.Length, s.Length, (i, j) => sigma[s[i], s[j]]);
                var bs = Vector<double>.Build.Dense(s.Length, i => beta[s[i]]);
                if (c.Length == 0) return bs * sss * bs;
                var ssc = Matrix<double>.Build.Dense(s.Length, c.Length, (i, j) => sigma[s[i], c[j]]);
                var scc = Matrix<double>.Build.Dense(c.Length, c.Length, (i, j) => sigma[c[i], c[j]]);
                var cond = sss - ssc * scc.Solve(ssc.Transpose());
                return bs * cond * bs;
            }
            var sh = new double[d];
            foreach (var perm in Permutations(Enumerable.Range(0, d).ToArray()))
            {
                int mask = 0;
                double prev = 0;
                foreach (int i in perm)
                {
                    mask |= 1 << i;
                    double c = Cost(mask);
                    sh[i] += c - prev;
                    prev = c;
                }
            }
            int nperm = Enumerable.Range(1, d).Aggregate(1, (a, x) => a * x);
            return sh.Select(x => x / nperm / v).ToArray();
        }

        private static System.Collections.Generic.IEnumerable<int[]> Permutations(int[] items)
        {
            if (items.Length <= 1) { yield return items; yield break; }
            for (int i = 0; i < items.Length; i++)
                foreach (int[] rest in Permutations(items.Where((_, j) => j != i).ToArray()))
                    yield return new[] { items[i] }.Concat(rest).ToArray();
        }
    }
}

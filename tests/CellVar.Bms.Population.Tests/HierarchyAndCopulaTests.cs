using System;
using System.Linq;
using CellVar.Bms.Population.Sampling;
using CellVar.Bms.Population.Spec;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.Tests
{
    public class HierarchyAndCopulaTests
    {
        private const int Lots = 400, ModulesPerLot = 5, CellsPerModule = 5, N = Lots * ModulesPerLot * CellsPerModule;

        private static PopulationSpec TwoVariableSpec(double rho, string fractionsA, string fractionsB) => PopulationSpecReader.Parse(SpecReaderTests.Spec(
            SpecReaderTests.Var("a", "NegativePorosity", "{\"family\":\"normal\",\"mean\":0.25,\"sd\":0.01}", fractionsA) + "," +
            SpecReaderTests.Var("b", "SeparatorThickness_m", "{\"family\":\"normal\",\"mean\":12e-6,\"sd\":0.3e-6}", fractionsB),
            $"[{{\"a\":\"a\",\"b\":\"b\",\"rho\":{rho}}}]", $"{{\"cells_per_module\":{CellsPerModule},\"modules_per_lot\":{ModulesPerLot}}}"));

        [Fact]
        public void VarianceComponentsAddUpAndMatchTheSpec()
        {
            // σ² = 1e-4 split 0.5 / 0.3 / 0.2 between lot, module and cell.
            var spec = TwoVariableSpec(0.0, "{\"lot\":0.5,\"module\":0.3,\"cell\":0.2}", "{\"lot\":0,\"module\":0,\"cell\":1}");
            var s = new PopulationSampler(spec, seed: 7);
            var x = new double[N];
            for (int i = 0; i < N; i++) x[i] = s.Sample(i).Values[0];
            // Balanced nested ANOVA (method of moments).
            int m = ModulesPerLot, c = CellsPerModule;
            double grand = x.Average();
            var moduleMeans = Enumerable.Range(0, Lots * m).Select(j => x.Skip(j * c).Take(c).Average()).ToArray();
            var lotMeans = Enumerable.Range(0, Lots).Select(l => moduleMeans.Skip(l * m).Take(m).Average()).ToArray();
            double msCell = Enumerable.Range(0, N).Sum(i => Math.Pow(x[i] - moduleMeans[i / c], 2)) / (Lots * m * (c - 1));
            double msModule = c * Enumerable.Range(0, Lots * m).Sum(j => Math.Pow(moduleMeans[j] - lotMeans[j / m], 2)) / (Lots * (m - 1));
            double msLot = m * c * lotMeans.Sum(l => Math.Pow(l - grand, 2)) / (Lots - 1);
            double vCell = msCell, vModule = (msModule - msCell) / c, vLot = (msLot - msModule) / (m * c);
            const double total = 1e-4;
            // Tolerances ≈ 3.5 standard errors of each moment estimator: lot df 399 (rel. SE ~7.5 %), module df 1600 (~6 %), cell df 8000 (~1.6 %).
            Assert.InRange(vLot / (0.5 * total), 0.74, 1.26);
            Assert.InRange(vModule / (0.3 * total), 0.79, 1.21);
            Assert.InRange(vCell / (0.2 * total), 0.94, 1.06);
            // The total variance of the marginal is the sum of the components (lot term dominates its SE: ~3.9 %; 4 SE).
            Assert.InRange(x.Variance() / total, 0.84, 1.16);
            Assert.InRange(vLot + vModule + vCell, 0.84 * total, 1.16 * total);
        }

        [Fact]
        public void PureLotVariationMakesCellsOfALotIdentical()
        {
            var spec = TwoVariableSpec(0.0, "{\"lot\":1,\"module\":0,\"cell\":0}", "{\"lot\":0,\"module\":0,\"cell\":1}");
            var s = new PopulationSampler(spec, seed: 3);
            int perLot = ModulesPerLot * CellsPerModule;
            double first = s.Sample(0).Values[0];
            for (int i = 1; i < perLot; i++) Assert.Equal(first, s.Sample(i).Values[0]);
            Assert.NotEqual(first, s.Sample(perLot).Values[0]);
        }

        [Fact]
        public void CopulaGivesTheRequestedCorrelation()
        {
            var spec = TwoVariableSpec(-0.6, "", "");
            var s = new PopulationSampler(spec, seed: 11);
            var a = new double[N]; var b = new double[N];
            for (int i = 0; i < N; i++) { var v = s.Sample(i).Values; a[i] = v[0]; b[i] = v[1]; }
            // SE of Pearson r at ρ = −0.6, n = 10,000 is (1−ρ²)/√n ≈ 0.0064; 0.03 is > 4 SE.
            Assert.InRange(Correlation.Pearson(a, b), -0.63, -0.57);
            // Marginal sd unchanged by the copula (SE of sd ≈ 0.7 %): 4 %.
            Assert.InRange(a.StandardDeviation() / 0.01, 0.96, 1.04);
        }

        [Fact]
        public void EqualFractionsKeepTheCorrelationThroughTheHierarchy()
        {
            var spec = TwoVariableSpec(0.5, "{\"lot\":0.2,\"module\":0.2,\"cell\":0.6}", "{\"lot\":0.2,\"module\":0.2,\"cell\":0.6}");
            var s = new PopulationSampler(spec, seed: 5);
            var a = new double[N]; var b = new double[N];
            for (int i = 0; i < N; i++) { var v = s.Sample(i).Values; a[i] = v[0]; b[i] = v[1]; }
            // Clustering (400 lots carry 20 % of the variance) inflates the SE to ≈ 0.015; 0.06 is 4 SE.
            Assert.InRange(Correlation.Pearson(a, b), 0.44, 0.56);
        }

        [Fact]
        public void CellsDependOnlyOnSeedAndIndex()
        {
            var spec = TwoVariableSpec(0.3, "{\"lot\":0.3,\"module\":0.3,\"cell\":0.4}", "");
            foreach (var method in new[] { SamplingMethod.Plain, SamplingMethod.Lhs, SamplingMethod.Sobol })
            {
                var s1 = new PopulationSampler(spec, 42, method, 100);
                var s2 = new PopulationSampler(spec, 42, method, 100);
                var forward = Enumerable.Range(0, 100).Select(i => s1.Sample(i).Values).ToArray();
                for (int i = 99; i >= 0; i--) Assert.Equal(forward[i], s2.Sample(i).Values);
                var other = new PopulationSampler(spec, 43, method, 100);
                Assert.NotEqual(forward[5], other.Sample(5).Values);
            }
        }
    }
}

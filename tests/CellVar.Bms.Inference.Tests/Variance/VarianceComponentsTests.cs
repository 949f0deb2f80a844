using System;
using System.Diagnostics;
using CellVar.Bms.Inference.Variance;
using Xunit.Abstractions;

namespace CellVar.Bms.Inference.Tests.Variance
{
    public class VarianceComponentsTests
    {
        private readonly ITestOutputHelper _out;

        public VarianceComponentsTests(ITestOutputHelper output) => _out = output;

        [Fact]
        public void NinetyPercentProfileIntervalsCoverTheTruth()
        {
            // 200 replications: binomial sd of the coverage is sqrt(0.9·0.1/200) = 0.021, so the band
            // 0.9 ± 3 sd = [0.836, 0.964] fails a correct method with probability ~0.3 % per component (seeded anyway).
            const int reps = 200;
            double[] truth = { 1.0, 0.5, 0.25 };
            var covered = new int[3];
            var rng = new Random(20261125);
            var sw = Stopwatch.StartNew();
            for (int r = 0; r < reps; r++)
            {
                var (y, labels) = NestedSimulator.Simulate(rng, 20, 2, 6, 3, 10, truth[0], truth[1], truth[2]);
                var model = new NestedModel(y, labels, new[] { "lot", "module" });
                VarianceDecomposition d = VarianceComponentsFitter.Fit(model, 0.9);
                for (int k = 0; k < 3; k++)
                    if (d.Components[k].Lower <= truth[k] && truth[k] <= d.Components[k].Upper) covered[k]++;
            }
            _out.WriteLine($"coverage lot {covered[0] / (double)reps}, module {covered[1] / (double)reps}, cell {covered[2] / (double)reps}; {sw.Elapsed.TotalSeconds:F1} s");
            for (int k = 0; k < 3; k++)
                Assert.InRange(covered[k] / (double)reps, 0.836, 0.964);
        }

        [Fact]
        public void LargeBalancedSampleRecoversComponents()
        {
            var (y, labels) = NestedSimulator.Simulate(new Random(4), 200, 5, 5, 8, 8, 2.0, 1.0, 0.5);
            VarianceDecomposition d = VarianceComponentsFitter.Fit(new NestedModel(y, labels, new[] { "lot", "module" }), 0.999); // 99.9 %: a single realisation, so a miss must be rare
            double[] truth = { 2.0, 1.0, 0.5 };
            for (int k = 0; k < 3; k++)
            {
                Assert.InRange(truth[k], d.Components[k].Lower, d.Components[k].Upper);
                // With 200 lots the lot interval must be informative (relative width < 100 % at 99.9 %), otherwise the test proves nothing.
                Assert.True((d.Components[k].Upper - d.Components[k].Lower) / truth[k] < 1.0);
            }
            Assert.Equal(1.0, d.Components[0].Share + d.Components[1].Share + d.Components[2].Share, 12);
        }

        [Fact]
        public void SingleTopGroupIsExplained()
        {
            var (y, labels) = NestedSimulator.Simulate(new Random(1), 1, 3, 5, 3, 5, 1, 1, 1);
            var ex = Assert.Throws<InvalidInputException>(() => VarianceComponentsFitter.Fit(new NestedModel(y, labels, new[] { "lot", "module" })));
            Assert.Contains("single group", ex.Problem);
            Assert.Contains("Drop 'lot'", ex.Fix);
        }

        [Fact]
        public void ConfoundedLevelsAreExplained()
        {
            var (y, labels) = NestedSimulator.Simulate(new Random(1), 5, 1, 1, 3, 5, 1, 1, 1);
            var ex = Assert.Throws<InvalidInputException>(() => VarianceComponentsFitter.Fit(new NestedModel(y, labels, new[] { "lot", "module" })));
            Assert.Contains("confounded", ex.Problem);
        }
    }
}

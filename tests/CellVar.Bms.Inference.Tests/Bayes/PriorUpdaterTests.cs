using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Inference.Bayes;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace CellVar.Bms.Inference.Tests.Bayes
{
    public class PriorUpdaterTests
    {
        private readonly ITestOutputHelper _out;

        public PriorUpdaterTests(ITestOutputHelper output) => _out = output;

        // Fleet: 8 modules x 12 cells; module sd 0.5 mΩ, cell sd 0.3 mΩ, monitor standard errors 0.2–0.6 mΩ around 20 mΩ.
        private static (List<CellEstimate> Cells, double[] Truth) Fleet(Random rng, int modules = 8, int perModule = 12)
        {
            var cells = new List<CellEstimate>();
            var truth = new List<double>();
            int id = 1;
            for (int m = 0; m < modules; m++)
            {
                double mod = 20 + Normal.Sample(rng, 0, 0.5);
                for (int c = 0; c < perModule; c++)
                {
                    double theta = mod + Normal.Sample(rng, 0, 0.3);
                    double se = 0.2 + 0.4 * rng.NextDouble();
                    cells.Add(new CellEstimate(id++, new[] { "M" + m }, theta + Normal.Sample(rng, 0, se), se));
                    truth.Add(theta);
                }
            }
            return (cells, truth.ToArray());
        }

        [Fact]
        public void PartialPoolingBeatsNoPoolingAndCompletePooling()
        {
            var rng = new Random(42);
            double pooled = 0, none = 0, complete = 0;
            const int fleets = 30;
            for (int f = 0; f < fleets; f++)
            {
                var (cells, truth) = Fleet(rng);
                PriorUpdate u = PriorUpdater.Update(cells, new[] { "module" }, new PriorUpdateOptions(Robust: false));
                double grand = cells.Average(c => c.Estimate);
                for (int i = 0; i < cells.Count; i++)
                {
                    pooled += Math.Pow(u.Cells[i].Mean - truth[i], 2);
                    none += Math.Pow(cells[i].Estimate - truth[i], 2);
                    complete += Math.Pow(grand - truth[i], 2);
                }
            }
            int n = fleets * 96;
            double rp = Math.Sqrt(pooled / n), rn = Math.Sqrt(none / n), rc = Math.Sqrt(complete / n);
            _out.WriteLine($"RMSE pooled {rp:F4}, no pooling {rn:F4}, complete pooling {rc:F4} mOhm");
            // Theory for these settings: no pooling ≈ mean se ≈ 0.42, complete ≈ sqrt(0.5² + 0.3²) ≈ 0.58, pooled ≈ 0.26.
            // Requiring a 20 % margin over 2880 cells keeps the test far from noise yet fails if the shrinkage is wrong.
            Assert.True(rp < 0.8 * rn, $"pooled {rp} vs no pooling {rn}");
            Assert.True(rp < 0.8 * rc, $"pooled {rp} vs complete pooling {rc}");
        }

        [Fact]
        public void OneBadWeldBarelyMovesItsModulesRobustPrior()
        {
            var (cells, _) = Fleet(new Random(7));
            PriorUpdate cleanRobust = PriorUpdater.Update(cells, new[] { "module" }, new PriorUpdateOptions(Robust: true, Df: 4));
            PriorUpdate cleanNormal = PriorUpdater.Update(cells, new[] { "module" }, new PriorUpdateOptions(Robust: false));
            // A bad weld: +5 mΩ on one cell of module M3 (about 17 between-cell sds).
            var bad = cells.ToList();
            int victim = 3 * 12 + 5;
            bad[victim] = bad[victim] with { Estimate = bad[victim].Estimate + 5.0 };
            PriorUpdate badRobust = PriorUpdater.Update(bad, new[] { "module" }, new PriorUpdateOptions(Robust: true, Df: 4));
            PriorUpdate badNormal = PriorUpdater.Update(bad, new[] { "module" }, new PriorUpdateOptions(Robust: false));
            int g = badRobust.Cells[victim].Group;
            double shiftRobust = Math.Abs(badRobust.Groups[g].Mean - cleanRobust.Groups[g].Mean);
            double shiftNormal = Math.Abs(badNormal.Groups[g].Mean - cleanNormal.Groups[g].Mean);
            _out.WriteLine($"module shift robust {shiftRobust:F4} mOhm, normal {shiftNormal:F4} mOhm; outlier weight {badRobust.Cells[victim].Weight:F3}");
            // Stated bound: the robust module prior moves by at most 0.15 mΩ (half the between-cell sd) for a 5 mΩ weld;
            // the normal model moves it by roughly 5/12 mΩ, more than twice the bound, so the test separates the two.
            Assert.True(shiftRobust <= 0.15, $"robust shift {shiftRobust}");
            Assert.True(shiftNormal > 0.3, $"normal shift {shiftNormal}");
            Assert.True(badRobust.Cells[victim].Weight < 0.1);
        }

        [Fact]
        public void PriorFileFollowsTheFormatAndFlagsTheBadWeld()
        {
            var (cells, _) = Fleet(new Random(9));
            int victim = 10;
            cells[victim] = cells[victim] with { Estimate = cells[victim].Estimate + 5.0 };
            PriorUpdate u = PriorUpdater.Update(cells, new[] { "module" }, new PriorUpdateOptions());
            var (q, overrides) = PriorUpdater.ToPriors(u, cells, "resistance", 1e-4, 24, high: true, low: false);
            string json = PriorFileWriter.ToJson("test", new[] { q }, overrides);
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            Assert.Equal("cellvar-priors", root.GetProperty("format").GetString());
            Assert.Equal(1, root.GetProperty("version").GetInt32());
            JsonElement q0 = root.GetProperty("quantities")[0];
            Assert.Equal("mOhm", q0.GetProperty("unit").GetString());
            Assert.Equal("normal", q0.GetProperty("family").GetString()); // healthy predictive, even from the robust fit
            Assert.True(q0.GetProperty("threshold_high").GetDouble() > q0.GetProperty("location").GetDouble());
            Assert.Equal(JsonValueKind.Null, q0.GetProperty("threshold_low").ValueKind);
            Assert.Equal(96, root.GetProperty("cells").GetArrayLength());
            // Healthy cells sit under their module threshold; the bad weld is above it.
            int flagged = overrides.Count(o => cells[o.Cell!.Value - 1].Estimate > o.ThresholdHigh);
            Assert.True(cells[victim].Estimate > overrides[victim].ThresholdHigh);
            Assert.Equal(1, flagged);
        }

        [Fact]
        public void BadInputIsExplained()
        {
            var cells = new List<CellEstimate> { new(1, new[] { "M1" }, 20, 0.3), new(2, new[] { "M1" }, 20.5, 0.3), new(3, new[] { "M1" }, 19.8, 0.3), new(4, new[] { "M1" }, 20.1, 0.3) };
            var ex = Assert.Throws<InvalidInputException>(() => PriorUpdater.Update(cells, new[] { "module" }, new PriorUpdateOptions()));
            Assert.Contains("single group", ex.Problem);
            cells[0] = cells[0] with { StandardError = 0 };
            ex = Assert.Throws<InvalidInputException>(() => PriorUpdater.Update(cells, new[] { "module" }, new PriorUpdateOptions()));
            Assert.Contains("standard error", ex.Problem);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Inference.Variance;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Bayes
{
    /// <summary>Per-cell estimates as monitors report them.</summary>
    /// <param name="Cell">1-based cell index within the monitor.</param>
    /// <param name="Groups">Group labels, top level first (e.g. lot, module); the bottom one is the group whose prior is updated.</param>
    /// <param name="Estimate">The cell's estimate (e.g. resistance in mΩ).</param>
    /// <param name="StandardError">Its reported standard error (&gt; 0).</param>
    public sealed record CellEstimate(int Cell, string[] Groups, double Estimate, double StandardError);

    /// <summary>Settings of the update.</summary>
    /// <param name="Robust">Student-t cell deviations (one bad weld is down-weighted) instead of normal.</param>
    /// <param name="Df">Degrees of freedom of the robust model.</param>
    public sealed record PriorUpdateOptions(bool Robust = true, double Df = 4);

    /// <summary>Posterior of one bottom-level group (e.g. a module).</summary>
    /// <param name="Path">Labels from the top level down.</param>
    /// <param name="Mean">Posterior mean of the group's true mean.</param>
    /// <param name="Sd">Posterior sd of it.</param>
    /// <param name="Cells">Cells in the group.</param>
    public sealed record GroupPosterior(string[] Path, double Mean, double Sd, int Cells);

    /// <summary>Posterior of one cell's true value.</summary>
    /// <param name="Cell">1-based cell index.</param>
    /// <param name="Group">Index into <see cref="PriorUpdate.Groups"/>.</param>
    /// <param name="Mean">Posterior mean (partially pooled).</param>
    /// <param name="Sd">Posterior sd.</param>
    /// <param name="Weight">Robustness weight (1 = typical; near 0 = treated as an outlier).</param>
    public sealed record CellPosterior(int Cell, int Group, double Mean, double Sd, double Weight);

    /// <summary>Result: hyperparameters, group and cell posteriors.</summary>
    /// <param name="LevelNames">Grouping levels, top first, then "cell".</param>
    /// <param name="Variances">Between-group variances per level then the between-cell variance (estimated by REML).</param>
    /// <param name="Mean">Fleet mean.</param>
    /// <param name="Groups">Bottom-level group posteriors.</param>
    /// <param name="Cells">Cell posteriors, input order.</param>
    /// <param name="Options">Options used.</param>
    /// <param name="Iterations">Robust reweighting iterations.</param>
    public sealed record PriorUpdate(IReadOnlyList<string> LevelNames, double[] Variances, double Mean, IReadOnlyList<GroupPosterior> Groups, IReadOnlyList<CellPosterior> Cells, PriorUpdateOptions Options, int Iterations);

    /// <summary>
    /// Empirical-Bayes partial pooling of per-cell estimates with known standard errors in a nested hierarchy
    /// (fleet → levels → cell): variance components by REML, then exact conjugate normal posteriors for every group
    /// and cell. The robust variant makes the cell deviations Student-t (a normal scale mixture, fitted by EM
    /// reweighting), so a single bad weld gets a small weight and hardly moves its module's posterior.
    /// Device priors are always the healthy (normal) predictive distribution; see <see cref="ToPriors"/>.
    /// </summary>
    public static class PriorUpdater
    {
        /// <summary>Runs the update.</summary>
        public static PriorUpdate Update(IReadOnlyList<CellEstimate> cells, IReadOnlyList<string> levelNames, PriorUpdateOptions options)
        {
            if (cells.Count < 3)
                throw new InvalidInputException($"Only {cells.Count} cell estimates were given.", "Provide estimates for at least 3 cells (ideally several per group).");
            if (options.Df <= 0 || !double.IsFinite(options.Df))
                throw new InvalidInputException($"Robust degrees of freedom {options.Df} must be > 0.", "Use e.g. --df 4.");
            for (int i = 0; i < cells.Count; i++)
            {
                CellEstimate c = cells[i];
                if (!double.IsFinite(c.Estimate))
                    throw new InvalidInputException($"Cell {c.Cell}: estimate is not finite.", "Remove or correct the row.");
                if (!(c.StandardError > 0) || !double.IsFinite(c.StandardError))
                    throw new InvalidInputException($"Cell {c.Cell}: standard error {c.StandardError} must be a positive number.", "Report a positive standard error for every estimate.");
                if (c.Groups.Length != levelNames.Count)
                    throw new InvalidInputException($"Cell {c.Cell}: {c.Groups.Length} group labels for {levelNames.Count} levels.", "Give one label per level.");
            }
            double[] y = cells.Select(c => c.Estimate).ToArray();
            double[] known = cells.Select(c => c.StandardError * c.StandardError).ToArray();
            var labels = Enumerable.Range(0, levelNames.Count).Select(k => cells.Select(c => c.Groups[k]).ToArray()).ToList();
            var model = new NestedModel(y, labels, levelNames, known);
            var problem = model.Identifiability();
            if (problem != null)
                throw new InvalidInputException(problem.Value.Problem, problem.Value.Fix);

            double[] w = Enumerable.Repeat(1.0, y.Length).ToArray();
            double[] variances = FitVariances(model, null);
            NestedPosterior post = model.Posterior(variances);
            int iterations = 0;
            if (options.Robust)
            {
                int bottom = model.Levels - 1;
                double meanKnown = known.Average();
                for (iterations = 1; iterations <= 50; iterations++)
                {
                    double cellVar = variances[^1];
                    // No between-cell spread beyond measurement noise: nothing to be robust about, and dividing by a
                    // vanishing σ² would flag every cell. Keep the normal-model weights.
                    if (cellVar <= 1e-6 * meanKnown)
                    {
                        Array.Fill(w, 1.0);
                        model.SetWeights(w);
                        variances = FitVariances(model, null);
                        post = model.Posterior(variances);
                        break;
                    }
                    double maxChange = 0;
                    for (int r = 0; r < y.Length; r++)
                    {
                        int g = model.RowGroup(r);
                        double d = post.RowMean[r] - post.GroupMean[bottom][g];
                        // E[(θ − t)²] ≈ mean difference² + both posterior variances (their covariance is ignored: conservative).
                        double e2 = d * d + post.RowVariance[r] + post.GroupVariance[bottom][g];
                        double nw = (options.Df + 1) / (options.Df + e2 / cellVar);
                        maxChange = Math.Max(maxChange, Math.Abs(nw - w[r]));
                        w[r] = nw;
                    }
                    model.SetWeights(w);
                    variances = FitVariances(model, variances);
                    post = model.Posterior(variances);
                    if (maxChange < 1e-3) break; // weights to 0.001: posteriors change far below their own sd
                }
            }
            int bl = model.Levels - 1;
            var groupPaths = new string[model.GroupCount(bl)][];
            var counts = new int[model.GroupCount(bl)];
            for (int r = 0; r < y.Length; r++)
            {
                int g = model.RowGroup(r);
                groupPaths[g] = cells[r].Groups;
                counts[g]++;
            }
            var groups = Enumerable.Range(0, groupPaths.Length)
                .Select(g => new GroupPosterior(groupPaths[g], post.GroupMean[bl][g], Math.Sqrt(post.GroupVariance[bl][g]), counts[g])).ToList();
            var cellPosts = Enumerable.Range(0, y.Length)
                .Select(r => new CellPosterior(cells[r].Cell, model.RowGroup(r), post.RowMean[r], Math.Sqrt(post.RowVariance[r]), w[r])).ToList();
            model.MinusTwoLogLik(variances, true, out double mean, out _);
            return new PriorUpdate(levelNames.Concat(new[] { "cell" }).ToList(), variances, mean, groups, cellPosts, options, iterations);
        }

        private static double[] FitVariances(NestedModel model, double[]? start)
        {
            VarianceDecomposition d = VarianceComponentsFitter.Fit(model, 0.9, reml: true, intervals: false, start: start);
            return d.Components.Select(c => c.Variance).ToArray();
        }

        /// <summary>
        /// Device priors from the update: the pack-wide quantity is the predictive distribution of a healthy new cell
        /// in a new bottom-level group; each cell's override is the predictive distribution of a healthy cell of its own
        /// group as the monitor will measure it (group posterior + between-cell variance + the cell's measurement variance).
        /// Thresholds are exact quantiles of that distribution at the per-test false-alarm probability
        /// α = 1 − (1 − α_day)^(1/tests per day).
        /// </summary>
        public static (PriorQuantity Quantity, IReadOnlyList<PriorQuantity> Cells) ToPriors(PriorUpdate u, IReadOnlyList<CellEstimate> cells, string name,
            double falseAlarmPerCellDay, double testsPerDay, bool high, bool low)
        {
            string unit = PriorFileWriter.UnitOf(name);
            if (!(falseAlarmPerCellDay > 0 && falseAlarmPerCellDay < 1))
                throw new InvalidInputException($"False-alarm probability {falseAlarmPerCellDay} is not in (0, 1).", "Use e.g. 1e-4 per cell per day.");
            if (!(testsPerDay >= 1))
                throw new InvalidInputException($"Tests per day {testsPerDay} must be >= 1.", "Give how often a monitor compares a cell with its prior per day.");
            double alpha = 1 - Math.Pow(1 - falseAlarmPerCellDay, 1 / testsPerDay); // ~10 significant digits left for α ≥ 1e-9: ample
            // The robust t model is for estimation only (it keeps outliers from dragging the posteriors). The device prior
            // is the healthy predictive distribution, normal, so a bad weld remains far outside the thresholds; a t prior
            // with 4 df would put the 1e-6 threshold ~35 scales out and hide it.
            const string family = "normal";
            double? df = null;
            double Q(double loc, double scale, double p) => Normal.InvCDF(loc, scale, p);
            PriorQuantity Make(int? cell, double loc, double scale) => new()
            {
                Cell = cell, Name = name, Unit = unit, Family = family, Location = loc, Scale = scale, Df = df,
                FalseAlarmPerCellDay = falseAlarmPerCellDay,
                ThresholdHigh = high ? Q(loc, scale, 1 - alpha) : null,
                ThresholdLow = low ? Q(loc, scale, alpha) : null,
            };
            double typicalSe2 = cells.Select(c => c.StandardError * c.StandardError).Average();
            var quantity = Make(null, u.Mean, Math.Sqrt(u.Variances.Sum() + typicalSe2));
            double cellVar = u.Variances[^1];
            var overrides = new List<PriorQuantity>();
            for (int i = 0; i < cells.Count; i++)
            {
                GroupPosterior g = u.Groups[u.Cells[i].Group];
                overrides.Add(Make(cells[i].Cell, g.Mean, Math.Sqrt(g.Sd * g.Sd + cellVar + cells[i].StandardError * cells[i].StandardError)));
            }
            return (quantity, overrides);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Inference.Variance
{
    /// <summary>
    /// The Gaussian nested random-effects model y = μ + u_level1 + … + u_levelL + e for unbalanced groups:
    /// every grouping level adds a N(0, σ²_level) effect shared by all rows of a group; each row adds its own
    /// N(0, σ²_residual / w_row + known_row) term (w = robustness weight, known = measurement variance, default 1 and 0).
    /// Because the covariance of a nested design is block-wise "diagonal plus rank one", the likelihood and
    /// all posteriors follow from a bottom-up pass of Sherman–Morrison updates: O(rows) per evaluation, no dense matrices.
    /// </summary>
    public sealed class NestedModel
    {
        private readonly int[][] _parent;   // _parent[k][g] = group of level k−1 containing group g of level k (k ≥ 1)
        private readonly int[] _rowGroup;   // bottom-level group of each row
        private readonly int[] _groupCount; // groups per level

        /// <summary>Builds the structure. <paramref name="labels"/>[k][row] is the row's group label at level k (top first); labels are nested by path.</summary>
        public NestedModel(double[] values, IReadOnlyList<string[]> labels, IReadOnlyList<string> levelNames, double[]? knownVariance = null)
        {
            if (labels.Count != levelNames.Count)
                throw new ArgumentException("one label array per level name");
            if (labels.Count == 0)
                throw new InvalidInputException("No grouping levels were given.", "Pass --levels TOP,...,BOTTOM naming at least one grouping column.");
            int n = values.Length;
            Values = values;
            KnownVariance = knownVariance ?? new double[n];
            Weights = Enumerable.Repeat(1.0, n).ToArray();
            LevelNames = levelNames;
            int levels = labels.Count;
            _parent = new int[levels][];
            _groupCount = new int[levels];
            var groupOf = new int[levels][];
            var prevKeys = new Dictionary<string, int>();
            for (int k = 0; k < levels; k++)
            {
                var keys = new Dictionary<string, int>(StringComparer.Ordinal);
                var parents = new List<int>();
                groupOf[k] = new int[n];
                for (int r = 0; r < n; r++)
                {
                    // Labels are nested by path: module "1" of lot A differs from module "1" of lot B.
                    string key = (k == 0 ? "" : groupOf[k - 1][r].ToString() + "\u001f") + labels[k][r];
                    if (!keys.TryGetValue(key, out int g))
                    {
                        g = keys.Count;
                        keys[key] = g;
                        parents.Add(k == 0 ? -1 : groupOf[k - 1][r]);
                    }
                    groupOf[k][r] = g;
                }
                _groupCount[k] = keys.Count;
                _parent[k] = parents.ToArray();
            }
            _rowGroup = groupOf[levels - 1];
            if (knownVariance == null)
            {
                // Plain data: each bottom group's likelihood depends on the rows only through n, Σy, Σy².
                int nb = _groupCount[levels - 1];
                _groupN = new double[nb];
                _groupSum = new double[nb];
                _groupSumSq = new double[nb];
                for (int r = 0; r < n; r++)
                {
                    int g = _rowGroup[r];
                    _groupN[g]++;
                    _groupSum[g] += values[r];
                    _groupSumSq[g] += values[r] * values[r];
                }
            }
        }

        private readonly double[]? _groupN;
        private readonly double[]? _groupSum;
        private readonly double[]? _groupSumSq;
        private bool _weighted;

        /// <summary>Sets the robustness weights of the rows' residual variances (1 = normal model).</summary>
        public void SetWeights(double[] weights)
        {
            if (weights.Length != Values.Length) throw new ArgumentException("one weight per row", nameof(weights));
            Array.Copy(weights, Weights, weights.Length);
            _weighted = true;
        }

        /// <summary>The observations.</summary>
        public double[] Values { get; }

        /// <summary>Known extra variance of each row (e.g. a reported standard error squared).</summary>
        public double[] KnownVariance { get; }

        /// <summary>Robustness weight of each row's residual variance (1 = ordinary normal model).</summary>
        public double[] Weights { get; }

        /// <summary>Fast path: no known variances and unit weights, so rows can be summarised per bottom group.</summary>
        private bool Aggregated => _groupN != null && !_weighted;

        /// <summary>Grouping level names, top first.</summary>
        public IReadOnlyList<string> LevelNames { get; }

        /// <summary>Number of grouping levels (components = levels + 1 with the residual).</summary>
        public int Levels => _groupCount.Length;

        /// <summary>Groups at level k.</summary>
        public int GroupCount(int level) => _groupCount[level];

        /// <summary>Bottom-level group of a row.</summary>
        public int RowGroup(int row) => _rowGroup[row];

        /// <summary>Parent group (level k−1) of group g at level k.</summary>
        public int Parent(int level, int group) => _parent[level][group];

        /// <summary>
        /// Checks that every component is estimable and returns null or the problem (with a fix).
        /// </summary>
        public (string Problem, string Fix)? Identifiability()
        {
            if (_groupCount[0] < 2)
                return ($"Level '{LevelNames[0]}' has a single group, so its variance cannot be separated from the overall mean.",
                        $"Drop '{LevelNames[0]}' from --levels (start at the next level) or add data from more {LevelNames[0]} groups.");
            for (int k = 1; k < Levels; k++)
            {
                var children = new int[_groupCount[k - 1]];
                foreach (int p in _parent[k]) children[p]++;
                if (children.All(c => c < 2))
                    return ($"Every '{LevelNames[k - 1]}' group contains a single '{LevelNames[k]}' group, so the two levels' variances are confounded.",
                            $"Remove one of '{LevelNames[k - 1]}' or '{LevelNames[k]}' from --levels, or add data with several {LevelNames[k]} groups per {LevelNames[k - 1]}.");
            }
            var rows = new int[_groupCount[Levels - 1]];
            foreach (int g in _rowGroup) rows[g]++;
            if (rows.All(c => c < 2))
                return ($"Every '{LevelNames[Levels - 1]}' group has a single row, so its variance is confounded with the residual.",
                        $"Leave '{LevelNames[Levels - 1]}' out of --levels: single-row groups are the residual level.");
            return null;
        }

        /// <summary>Upward summaries of a group (or row) as a function of an additive offset shared by its rows.</summary>
        internal struct Summary
        {
            public double LogDet, S11, S1y, Syy;
        }

        /// <summary>
        /// −2 × restricted (REML) or ordinary (ML) log-likelihood, constants dropped, at variances
        /// <paramref name="variances"/> (levels top first, then residual). Also returns the GLS mean.
        /// </summary>
        public double MinusTwoLogLik(double[] variances, bool reml, out double mean, out double meanVariance)
        {
            Summary[][] up = Upward(variances, out _, Aggregated);
            double ld = 0, s11 = 0, s1y = 0, syy = 0;
            foreach (Summary s in up[0])
            {
                ld += s.LogDet; s11 += s.S11; s1y += s.S1y; syy += s.Syy;
            }
            mean = s1y / s11;
            meanVariance = 1 / s11;
            double quad = syy - s1y * s1y / s11;
            return ld + quad + (reml ? Math.Log(s11) : 0);
        }

        /// <summary>Bottom-up pass; up[k][g] = summary of group g at level k after adding its own effect; rows[r] = each row's message.</summary>
        internal Summary[][] Upward(double[] variances, out Summary[] rows, bool aggregated = false)
        {
            int levels = Levels;
            double residual = variances[levels];
            var up = new Summary[levels][];
            var acc = new Summary[_groupCount[levels - 1]];
            rows = aggregated ? Array.Empty<Summary>() : new Summary[Values.Length];
            if (aggregated)
            {
                double lr = Math.Log(residual);
                for (int g = 0; g < acc.Length; g++)
                    acc[g] = new Summary { LogDet = _groupN![g] * lr, S11 = _groupN[g] / residual, S1y = _groupSum![g] / residual, Syy = _groupSumSq![g] / residual };
            }
            else
            for (int r = 0; r < Values.Length; r++)
            {
                double v = residual / Weights[r] + KnownVariance[r];
                double y = Values[r];
                var s = new Summary { LogDet = Math.Log(v), S11 = 1 / v, S1y = y / v, Syy = y * y / v };
                rows[r] = s;
                ref Summary a = ref acc[_rowGroup[r]];
                a.LogDet += s.LogDet; a.S11 += s.S11; a.S1y += s.S1y; a.Syy += s.Syy;
            }
            for (int k = levels - 1; k >= 0; k--)
            {
                double sig = variances[k];
                var cur = new Summary[acc.Length];
                for (int g = 0; g < acc.Length; g++)
                {
                    // Sherman–Morrison for V = D + σ² 11ᵀ.
                    Summary a = acc[g];
                    double f = 1 + sig * a.S11;
                    cur[g] = new Summary { LogDet = a.LogDet + Math.Log(f), S11 = a.S11 / f, S1y = a.S1y / f, Syy = a.Syy - sig * a.S1y * a.S1y / f };
                }
                up[k] = cur;
                if (k > 0)
                {
                    acc = new Summary[_groupCount[k - 1]];
                    for (int g = 0; g < cur.Length; g++)
                    {
                        ref Summary a = ref acc[_parent[k][g]];
                        a.LogDet += cur[g].LogDet; a.S11 += cur[g].S11; a.S1y += cur[g].S1y; a.Syy += cur[g].Syy;
                    }
                }
            }
            return up;
        }

        /// <summary>
        /// Posterior means and variances of every group's total mean (μ + effects down to that group) and of every
        /// row's true value (μ + effects + its own residual-level effect, i.e. without the known measurement error),
        /// given the variances; μ has a flat prior. Exact Gaussian belief propagation on the tree.
        /// </summary>
        public NestedPosterior Posterior(double[] variances)
        {
            int levels = Levels;
            Summary[][] up = Upward(variances, out Summary[] rowMsg);
            // Children sums (before each group's own effect) are needed to form posteriors.
            var childP = new double[levels][];
            var childH = new double[levels][];
            for (int k = 0; k < levels; k++)
            {
                childP[k] = new double[_groupCount[k]];
                childH[k] = new double[_groupCount[k]];
            }
            for (int r = 0; r < Values.Length; r++)
            {
                childP[levels - 1][_rowGroup[r]] += rowMsg[r].S11;
                childH[levels - 1][_rowGroup[r]] += rowMsg[r].S1y;
            }
            for (int k = levels - 1; k >= 1; k--)
                for (int g = 0; g < _groupCount[k]; g++)
                {
                    childP[k - 1][_parent[k][g]] += up[k][g].S11;
                    childH[k - 1][_parent[k][g]] += up[k][g].S1y;
                }
            double rootP = up[0].Sum(s => s.S11), rootH = up[0].Sum(s => s.S1y);
            var mean = new double[levels][];
            var var = new double[levels][];
            var postP = new double[levels][];
            var postH = new double[levels][];
            for (int k = 0; k < levels; k++)
            {
                int ng = _groupCount[k];
                mean[k] = new double[ng]; var[k] = new double[ng]; postP[k] = new double[ng]; postH[k] = new double[ng];
                for (int g = 0; g < ng; g++)
                {
                    double pp = k == 0 ? rootP : postP[k - 1][_parent[k][g]];
                    double ph = k == 0 ? rootH : postH[k - 1][_parent[k][g]];
                    (postP[k][g], postH[k][g]) = Combine(pp - up[k][g].S11, ph - up[k][g].S1y, variances[k], childP[k][g], childH[k][g]);
                    mean[k][g] = postH[k][g] / postP[k][g];
                    var[k][g] = 1 / postP[k][g];
                }
            }
            var rowMean = new double[Values.Length];
            var rowVar = new double[Values.Length];
            for (int r = 0; r < Values.Length; r++)
            {
                int g = _rowGroup[r];
                double prior = variances[levels] / Weights[r];
                double known = KnownVariance[r];
                // The row's own likelihood enters as a precision 1/known on its true value (no measurement error: exact).
                double p = known > 0 ? 1 / known : 0;
                double h = known > 0 ? Values[r] / known : 0;
                if (known <= 0)
                {
                    rowMean[r] = Values[r];
                    rowVar[r] = 0;
                    continue;
                }
                (double pr, double hr) = Combine(postP[levels - 1][g] - rowMsg[r].S11, postH[levels - 1][g] - rowMsg[r].S1y, prior, p, h);
                rowMean[r] = hr / pr;
                rowVar[r] = 1 / pr;
            }
            return new NestedPosterior(mean, var, rowMean, rowVar);
        }

        // Prior for a node = (cavity of its parent) + its own effect's variance; then add the node's own evidence.
        private static (double P, double H) Combine(double cavityP, double cavityH, double ownVariance, double evidenceP, double evidenceH)
        {
            if (cavityP <= 1e-300 * Math.Max(1, evidenceP))
                return (evidenceP, evidenceH); // nothing known from above: flat prior
            double vAbove = 1 / cavityP + ownVariance;
            double mAbove = cavityH / cavityP;
            return (1 / vAbove + evidenceP, mAbove / vAbove + evidenceH);
        }
    }

    /// <summary>Posterior means/variances: GroupMean[k][g] for level k group g, RowMean[r] for each row's true value.</summary>
    public sealed record NestedPosterior(double[][] GroupMean, double[][] GroupVariance, double[] RowMean, double[] RowVariance);
}

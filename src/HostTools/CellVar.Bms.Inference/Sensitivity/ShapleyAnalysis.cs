using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MathNet.Numerics;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>Settings of the Shapley-effect estimator (Song, Nelson &amp; Staum 2016).</summary>
    /// <param name="Nv">Independent runs for the output variance.</param>
    /// <param name="Permutations">Random permutations m (ignored when <paramref name="Exact"/>).</param>
    /// <param name="Outer">Outer samples No per cost estimate.</param>
    /// <param name="Inner">Inner (conditional) samples Ni per outer sample.</param>
    /// <param name="Exact">Use every subset (equivalently all d! permutations) instead of random permutations.</param>
    public sealed record ShapleyOptions(int Nv, int Permutations, int Outer = 1, int Inner = 3, bool Exact = false);

    /// <summary>
    /// Shapley effects with the cost c(S) = E[Var(Y | X₋S)] estimated by conditional sampling of the Gaussian-copula inputs.
    /// Random mode: cost Nv + m(d − 1)·No·Ni runs, SE from the spread of the per-permutation increments.
    /// Exact mode: every subset's cost once, Nv + (2ᵈ − 2)·No·Ni runs, SE by propagating each cost estimate's variance.
    /// Either way the effects sum to 1 by construction.
    /// </summary>
    public static class ShapleyAnalysis
    {
        /// <summary>Runs the analysis.</summary>
        public static ShapleyResult Run(InputSpace space, ISensitivityModel model, ShapleyOptions options, int seed = 1, int maxDegreeOfParallelism = -1)
        {
            int d = space.Dimension;
            if (d < 2)
                throw new InvalidInputException("Shapley effects need at least two inputs.", "Add inputs; with one input its effect is trivially 1.");
            if (options.Inner < 2)
                throw new InvalidInputException($"Ni = {options.Inner}: the inner variance needs at least 2 conditional samples.", "Use Ni >= 2 (3 is the usual choice).");
            if (options.Nv < 10 || options.Outer < 1 || (!options.Exact && options.Permutations < 2))
                throw new InvalidInputException("Shapley sample sizes are too small (need Nv >= 10, No >= 1, m >= 2).", "Increase --samples or the Shapley sizes.");
            var par = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            long runs = 0;

            // Output variance from Nv independent runs.
            var y = new double[options.Nv];
            Parallel.For(0, options.Nv, par, () => (new double[d], new double[d]), (k, _, buf) =>
            {
                var rng = new Random(Mix(seed, 0, k));
                space.SampleScores(rng, buf.Item1);
                space.ToInputs(buf.Item1, buf.Item2);
                y[k] = model.Evaluate(buf.Item2);
                return buf;
            }, _ => { });
            SobolAnalysis.CheckFinite(y);
            runs += options.Nv;
            double mean = y.Average();
            double variance = y.Sum(v => (v - mean) * (v - mean)) / (y.Length - 1);
            if (!(variance > 0))
                throw new InvalidInputException("The model output does not vary over the input distribution (variance 0).", "Check the model and the input spreads.");
            double m4 = y.Sum(v => Math.Pow(v - mean, 4)) / y.Length;
            double varOfVariance = Math.Max(0, (m4 - variance * variance) / y.Length);

            return options.Exact
                ? Exact(space, model, options, seed, par, variance, varOfVariance, runs)
                : Random(space, model, options, seed, par, variance, runs);
        }

        private static ShapleyResult Random(InputSpace space, ISensitivityModel model, ShapleyOptions o, int seed, ParallelOptions par, double variance, long runs)
        {
            int d = space.Dimension, m = o.Permutations;
            var delta = new double[m, d];
            long evaluated = 0;
            Parallel.For(0, m, par, k =>
            {
                var rng = new Random(Mix(seed, 1, k));
                int[] perm = Enumerable.Range(0, d).ToArray();
                for (int i = d - 1; i > 0; i--)
                {
                    int j = rng.Next(i + 1);
                    (perm[i], perm[j]) = (perm[j], perm[i]);
                }
                double prev = 0;
                int mask = 0;
                var z = new double[d];
                var x = new double[d];
                var inner = new double[o.Inner];
                long local = 0;
                for (int j = 0; j < d; j++)
                {
                    mask |= 1 << perm[j];
                    double c;
                    if (j == d - 1)
                    {
                        c = variance;
                    }
                    else
                    {
                        c = 0;
                        for (int l = 0; l < o.Outer; l++)
                        {
                            space.SampleScores(rng, z); // outer: X₋S from its marginal (drawn jointly, S part overwritten below)
                            for (int h = 0; h < o.Inner; h++)
                            {
                                space.ResampleConditional(mask, rng, z);
                                space.ToInputs(z, x);
                                inner[h] = model.Evaluate(x);
                            }
                            c += SampleVariance(inner);
                            local += o.Inner;
                        }
                        c /= o.Outer;
                    }
                    delta[k, perm[j]] = c - prev;
                    prev = c;
                }
                Interlocked.Add(ref evaluated, local);
            });
            var sh = new double[d];
            var se = new double[d];
            for (int i = 0; i < d; i++)
            {
                double s = 0, s2 = 0;
                for (int k = 0; k < m; k++) { s += delta[k, i]; s2 += delta[k, i] * delta[k, i]; }
                double mu = s / m;
                sh[i] = mu / variance;
                se[i] = Math.Sqrt(Math.Max(0, (s2 / m - mu * mu) / m)) / variance;
            }
            if (sh.Any(v => !double.IsFinite(v)))
                throw new InvalidInputException("The model returned non-finite values during conditional sampling.", "Narrow the input distributions to the model's valid range.");
            return new ShapleyResult(sh, se, variance, runs + evaluated, false);
        }

        private static ShapleyResult Exact(InputSpace space, ISensitivityModel model, ShapleyOptions o, int seed, ParallelOptions par, double variance, double varOfVariance, long runs)
        {
            int d = space.Dimension;
            int full = (1 << d) - 1;
            var cost = new double[full + 1];
            var costVar = new double[full + 1];
            cost[full] = variance;
            costVar[full] = varOfVariance;
            Parallel.For(1, full, par, mask =>
            {
                var rng = new Random(Mix(seed, 2, mask));
                var z = new double[d];
                var x = new double[d];
                var inner = new double[o.Inner];
                var perOuter = new double[o.Outer];
                for (int l = 0; l < o.Outer; l++)
                {
                    space.SampleScores(rng, z);
                    for (int h = 0; h < o.Inner; h++)
                    {
                        space.ResampleConditional(mask, rng, z);
                        space.ToInputs(z, x);
                        inner[h] = model.Evaluate(x);
                    }
                    perOuter[l] = SampleVariance(inner);
                }
                double mu = perOuter.Average();
                cost[mask] = mu;
                costVar[mask] = o.Outer > 1 ? perOuter.Sum(v => (v - mu) * (v - mu)) / (o.Outer - 1) / o.Outer : 0;
            });
            runs += (long)(full - 1) * o.Outer * o.Inner;
            var sh = new double[d];
            var se = new double[d];
            for (int i = 0; i < d; i++)
            {
                int bit = 1 << i;
                var coef = new double[full + 1];
                for (int s = 0; s <= full; s++)
                {
                    if ((s & bit) != 0) continue;
                    int size = BitCount(s);
                    // Shapley weight |S|!(d − |S| − 1)!/d! = 1 / (d · C(d − 1, |S|)).
                    double w = 1.0 / (d * SpecialFunctions.Binomial(d - 1, size));
                    coef[s | bit] += w;
                    coef[s] -= w;
                }
                double val = 0, var = 0;
                for (int s = 1; s <= full; s++)
                {
                    val += coef[s] * cost[s];
                    var += coef[s] * coef[s] * costVar[s];
                }
                sh[i] = val / variance;
                se[i] = Math.Sqrt(var) / variance;
            }
            if (sh.Any(v => !double.IsFinite(v)))
                throw new InvalidInputException("The model returned non-finite values during conditional sampling.", "Narrow the input distributions to the model's valid range.");
            return new ShapleyResult(sh, se, variance, runs, true);
        }

        private static double SampleVariance(double[] v)
        {
            double m = 0;
            for (int i = 0; i < v.Length; i++) m += v[i];
            m /= v.Length;
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += (v[i] - m) * (v[i] - m);
            return s / (v.Length - 1);
        }

        private static int BitCount(int v) => System.Numerics.BitOperations.PopCount((uint)v);

        // Deterministic per-task seed, independent of thread scheduling (SplitMix-style mixing).
        internal static int Mix(int seed, int stream, long index)
        {
            ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)stream << 56) ^ (ulong)index;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    /// <summary>Shapley effects in input order, their standard errors, the output variance and the model runs used.</summary>
    public sealed record ShapleyResult(double[] Effects, double[] StandardErrors, double OutputVariance, long ModelRuns, bool Exact);
}

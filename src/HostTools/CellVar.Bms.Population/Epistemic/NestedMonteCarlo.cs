using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Population.MonteCarlo;
using CellVar.Bms.Population.Sampling;
using CellVar.Bms.Population.Spec;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.Epistemic
{
    /// <summary>One population quantile's band over the epistemic draws (a p-box slice).</summary>
    /// <param name="Probability">Quantile level.</param>
    /// <param name="Lower">Smallest value of that quantile over the outer draws.</param>
    /// <param name="Upper">Largest value.</param>
    public sealed record PBoxRow(double Probability, double Lower, double Upper);

    /// <summary>
    /// Nested Monte Carlo separating epistemic from aleatory uncertainty. Outer loop: the solid diffusivities are known
    /// only to a factor in [1 − δ, 1 + δ] (uniform, both electrodes together) and the weld defect probability lies in
    /// [w_lo, w_hi] (uniform). Inner loop: a population of cells for that state of knowledge, same seed each time
    /// (common random numbers), so the band reflects knowledge only. Output: per quantile level, the min and max.
    /// </summary>
    public static class NestedMonteCarlo
    {
        /// <summary>Runs <paramref name="outer"/> × <paramref name="inner"/> cells and returns the p-box of <paramref name="column"/>.</summary>
        public static IReadOnlyList<PBoxRow> Run(PopulationSpec spec, string column, int outer, int inner, double diffusivityRelative,
            double defectWeightLow, double defectWeightHigh, long seed, double[] probabilities, int threads = 1, string model = Physics.ReducedSpmModel.RegistryName)
        {
            if (outer < 1 || inner < 2) throw new ArgumentException("need outer ≥ 1 and inner ≥ 2");
            var lo = probabilities.Select(_ => double.PositiveInfinity).ToArray();
            var hi = probabilities.Select(_ => double.NegativeInfinity).ToArray();
            for (int o = 0; o < outer; o++)
            {
                var rng = StreamRng.Create(seed, StreamRng.Purpose.Epistemic, o);
                double f = 1 + diffusivityRelative * (2 * rng.NextDouble() - 1);
                double w = defectWeightLow + (defectWeightHigh - defectWeightLow) * rng.NextDouble();
                var runner = new PopulationRunner
                {
                    Spec = spec.WithDefectWeight(w), Seed = seed, MaxDegreeOfParallelism = threads, Experiment = ExperimentKind.OneC, Model = model,
                    Modifier = p => p with { NegativeSolidDiffusivity_m2_s = p.NegativeSolidDiffusivity_m2_s * f, PositiveSolidDiffusivity_m2_s = p.PositiveSolidDiffusivity_m2_s * f },
                };
                var recs = runner.Run(inner);
                var x = recs.Select(r => CellsCsv.Value(runner.Spec, r, column)).Where(v => v.HasValue).Select(v => v!.Value).ToArray();
                if (x.Length < 2) throw new InvalidOperationException($"column {column}: fewer than 2 values in outer draw {o}");
                for (int k = 0; k < probabilities.Length; k++)
                {
                    double q = x.Quantile(probabilities[k]);
                    lo[k] = Math.Min(lo[k], q); hi[k] = Math.Max(hi[k], q);
                }
            }
            return probabilities.Select((p, k) => new PBoxRow(p, lo[k], hi[k])).ToArray();
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Population.Physics;
using CellVar.Bms.Population.Sampling;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>
    /// Monte Carlo over a population: sample cell i from (seed, i), build its parameters, run the experiment, in
    /// parallel. Results are stored by index, so they are identical for any degree of parallelism.
    /// </summary>
    public sealed class PopulationRunner
    {
        /// <summary>Spec to sample.</summary>
        public required PopulationSpec Spec { get; init; }
        /// <summary>Master seed.</summary>
        public long Seed { get; init; } = 1;
        /// <summary>Cell-level sampling design.</summary>
        public SamplingMethod Sampling { get; init; } = SamplingMethod.Plain;
        /// <summary>Experiment per cell.</summary>
        public ExperimentKind Experiment { get; init; } = ExperimentKind.Standard;
        /// <summary>Maximum worker threads (default: all cores).</summary>
        public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
        /// <summary>Cell model name in <see cref="CellModelRegistry"/> ("spm-fast", "spme", "ecm").</summary>
        public string Model { get; init; } = ReducedSpmModel.RegistryName;
        /// <summary>Optional epistemic modifier applied to every cell's parameters (e.g. diffusivity × 1.2).</summary>
        public Func<CellParameters, CellParameters>? Modifier { get; init; }

        /// <summary>Runs <paramref name="count"/> cells; <paramref name="progress"/> receives the number finished so far.</summary>
        public CellRecord[] Run(int count, Action<int>? progress = null, CancellationToken cancel = default)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "need at least one cell");
            var sampler = new PopulationSampler(Spec, Seed, Sampling, count);
            var baseSet = ParameterSets.Get(Spec.ParameterSet);
            ReducedSpmModel.EnsureRegistered();
            var model = CellModelRegistry.Create(Model);
            var results = new CellRecord[count];
            int done = 0;
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism), CancellationToken = cancel };
            Parallel.For(0, count, options, i =>
            {
                results[i] = RunOne(model, sampler.Sample(i), baseSet);
                int n = Interlocked.Increment(ref done);
                if (progress != null && (n % 64 == 0 || n == count)) progress(n);
            });
            return results;
        }

        /// <summary>Builds parameters for one sample and runs the experiment; physically inconsistent cells are rejected, not NaN.</summary>
        public CellRecord RunOne(ICellModel model, SampledCell s, CellParameters baseSet)
        {
            var p = baseSet;
            for (int v = 0; v < Spec.Variables.Count; v++) p = Spec.Variables[v].Parameter.Definition.With(p, s.Values[v]);
            if (Modifier != null) p = Modifier(p);
            var problems = p.FindProblems();
            if (problems.Count > 0) return new CellRecord(s, p, null, null, string.Join(" ", problems));
            try
            {
                var derived = DerivedParameters.Compute(p);
                var outputs = CellExperiment.Run(model, p, derived, Experiment);
                return new CellRecord(s, p, derived, outputs, null);
            }
            catch (ParameterException e) { return new CellRecord(s, p, null, null, e.Message); }
            // A model that cannot handle one cell's parameters (e.g. a root solve that fails) rejects that cell, not the run.
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                return new CellRecord(s, p, null, null, $"{Model} failed: {e.Message}");
            }
        }
    }
}

using System;

namespace CellVar.Bms.Dfn
{
    /// <summary>
    /// Tolerances and step limits of the DFN time integrator (variable-step BDF1/BDF2 with Newton).
    /// Defaults: relative 1e-4 and absolute 1e-6 on scaled states (c_s/c_max, c_e/c_e0, potentials in V) — PyBaMM's
    /// IDAKLU defaults, which it reports change the voltage by ≤ 0.04 mV against 1e-10.
    /// </summary>
    public sealed record DfnSolverOptions
    {
        /// <summary>Relative local-error tolerance (default 1e-4).</summary>
        public double RelativeTolerance { get; init; } = 1e-4;

        /// <summary>Absolute local-error tolerance on scaled states (default 1e-6).</summary>
        public double AbsoluteTolerance { get; init; } = 1e-6;

        /// <summary>First step after the start and after every current change [s] (default 1e-3 s).</summary>
        public double InitialStep_s { get; init; } = 1e-3;

        /// <summary>Largest step [s] (default 120 s); bounds the interpolation error of outputs between steps.</summary>
        public double MaxStep_s { get; init; } = 120.0;

        /// <summary>Smallest step before the solver gives up [s] (default 1e-9 s).</summary>
        public double MinStep_s { get; init; } = 1e-9;

        /// <summary>Newton iterations allowed per step before the step is retried smaller (default 8).</summary>
        public int MaxNewtonIterations { get; init; } = 8;

        /// <summary>Largest number of time steps in one run (default 200 000).</summary>
        public int MaxSteps { get; init; } = 200_000;

        /// <summary>The defaults.</summary>
        public static DfnSolverOptions Default { get; } = new();

        /// <summary>Throws <see cref="DfnInputException"/> naming the first option outside its range.</summary>
        public void Validate()
        {
            if (!(RelativeTolerance >= 1e-12 && RelativeTolerance <= 1e-1))
                throw new DfnInputException("solver." + nameof(RelativeTolerance), $"{RelativeTolerance} must lie in [1e-12, 0.1].");
            if (!(AbsoluteTolerance >= 1e-14 && AbsoluteTolerance <= 1e-1))
                throw new DfnInputException("solver." + nameof(AbsoluteTolerance), $"{AbsoluteTolerance} must lie in [1e-14, 0.1].");
            if (!(MinStep_s > 0 && InitialStep_s >= MinStep_s && MaxStep_s >= InitialStep_s && double.IsFinite(MaxStep_s)))
                throw new DfnInputException("solver.steps", $"need 0 < MinStep_s ({MinStep_s}) ≤ InitialStep_s ({InitialStep_s}) ≤ MaxStep_s ({MaxStep_s}) < ∞.");
            if (MaxNewtonIterations < 2 || MaxNewtonIterations > 50)
                throw new DfnInputException("solver." + nameof(MaxNewtonIterations), $"{MaxNewtonIterations} must lie in [2, 50].");
            if (MaxSteps < 10)
                throw new DfnInputException("solver." + nameof(MaxSteps), $"{MaxSteps} must be at least 10.");
        }
    }
}

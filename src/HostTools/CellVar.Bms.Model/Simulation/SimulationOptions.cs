using System.Collections.Generic;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>How to run a cell model over a current profile.</summary>
    public sealed record SimulationOptions
    {
        /// <summary>Initial state of charge (0…1) in the eSOH sense: 0 at the lower and 1 at the upper cut-off OCV.</summary>
        public double InitialSoc { get; init; } = 1.0;

        /// <summary>
        /// Largest integrator step [s]. Steps also end at profile breakpoints and output times. The SPMe propagates particle
        /// diffusion exactly over a step, so 10 s is fine for population work; use ≤ 1 s for millivolt comparisons.
        /// </summary>
        public double TimeStep_s { get; init; } = 10.0;

        /// <summary>Times [s] at which to record outputs; null records after every step.</summary>
        public IReadOnlyList<double>? OutputTimes_s { get; init; }

        /// <summary>False records only the first and the last point (fast population runs).</summary>
        public bool RecordTrace { get; init; } = true;

        /// <summary>Record model internals (surface stoichiometries, overpotentials, …) with each point.</summary>
        public bool RecordInternals { get; init; } = true;

        /// <summary>Stop when the terminal voltage leaves [LowerCutoffVoltage_V, UpperCutoffVoltage_V].</summary>
        public bool StopAtVoltageCutoffs { get; init; } = true;
    }
}

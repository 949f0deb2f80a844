using System.Collections.Generic;

namespace CellVar.Bms.Evaluation.Suites
{
    /// <summary>A scenario suite (format <c>cellvar-suite</c> v1): pack settings, scenarios, seeds and the detectability study.</summary>
    public sealed record SuiteDefinition
    {
        /// <summary>Suite name.</summary>
        public string Name { get; init; } = "suite";
        /// <summary>Where it was read from (for messages).</summary>
        public string Source { get; init; } = "";
        /// <summary>Series cells per simulated pack (3..32: the device needs ≥ 3 for its pack median).</summary>
        public int Cells { get; init; } = 16;
        /// <summary>First seed; run seeds are derived from it deterministically.</summary>
        public int BaseSeed { get; init; } = 1;
        /// <summary>Seeds per scenario size in the full run.</summary>
        public int Seeds { get; init; } = 20;
        /// <summary>Seeds per scenario size with --quick.</summary>
        public int QuickSeeds { get; init; } = 3;
        /// <summary>Voltage noise σ of the rig (mV per sample).</summary>
        public double VoltageNoise_mV { get; init; } = 1.0;
        /// <summary>Healthy packs used to learn the population prior of the Gaussian 3σ baseline (disjoint seeds).</summary>
        public int CalibrationRuns { get; init; } = 16;
        /// <summary>Calibration packs with --quick.</summary>
        public int QuickCalibrationRuns { get; init; } = 4;
        /// <summary>The scenarios.</summary>
        public IReadOnlyList<ScenarioDefinition> Scenarios { get; init; } = [];
        /// <summary>Smallest-detectable-weld study; null = skipped.</summary>
        public DetectabilityDefinition? Detectability { get; init; }
    }
}

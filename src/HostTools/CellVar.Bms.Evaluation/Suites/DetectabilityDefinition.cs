using System.Collections.Generic;

namespace CellVar.Bms.Evaluation.Suites
{
    /// <summary>
    /// The "smallest detectable weld" study: weld steps of several sizes plus healthy packs at each measurement-noise class;
    /// per method the most sensitive threshold whose false-alarm rate on healthy cells stays at or below the target.
    /// </summary>
    public sealed record DetectabilityDefinition
    {
        /// <summary>Voltage noise σ per sample of each class (mV).</summary>
        public IReadOnlyList<double> Noise_mV { get; init; } = [1.0, 10.0];
        /// <summary>Label of each noise class.</summary>
        public IReadOnlyList<string> NoiseLabels { get; init; } = ["AFE (1 mV)", "ESP32 ADC (10 mV)"];
        /// <summary>Weld step sizes tried (fraction of nominal R0).</summary>
        public IReadOnlyList<double> Sizes { get; init; } = [0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 9.0];
        /// <summary>Seeds per size (full run).</summary>
        public int Seeds { get; init; } = 10;
        /// <summary>Seeds per size with --quick.</summary>
        public int QuickSeeds { get; init; } = 2;
        /// <summary>Healthy packs per noise class (full run).</summary>
        public int HealthyRuns { get; init; } = 40;
        /// <summary>Healthy packs per noise class with --quick.</summary>
        public int QuickHealthyRuns { get; init; } = 4;
        /// <summary>Largest acceptable false-alarm rate (per 1,000 cell-hours; 0.1 = 1 per 10,000).</summary>
        public double TargetFalseAlarmsPer1000CellHours { get; init; } = 0.1;
        /// <summary>Detection probability a size needs to count as detectable.</summary>
        public double MinDetectionProbability { get; init; } = 0.9;
    }
}

using System.Collections.Generic;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Running
{
    /// <summary>What one run leaves for the metrics: its ground truth and every method's alarms for both quantities.</summary>
    public sealed record RunOutcome
    {
        /// <summary>The job.</summary>
        public RunJob Job { get; init; } = null!;
        /// <summary>Special cells (0-based).</summary>
        public IReadOnlyList<int> SpecialCells { get; init; } = [];
        /// <summary>Onset (s).</summary>
        public double Onset_s { get; init; }
        /// <summary>Run length (s).</summary>
        public double Duration_s { get; init; }
        /// <summary>Cells.</summary>
        public int Cells { get; init; }
        /// <summary>Alarms per method id and quantity.</summary>
        public Dictionary<(string Method, Quantity Quantity), AlarmEvents> Alarms { get; init; } = [];
        /// <summary>Device: first sensor-fault raise per cell (NaN = none).</summary>
        public double[] FirstSensorFault_s { get; init; } = [];
        /// <summary>Device: flagged ticks per cell.</summary>
        public int[] FlaggedSamples { get; init; } = [];
        /// <summary>Injected glitch samples.</summary>
        public int GlitchSamples { get; init; }
        /// <summary>Final warmed resistance estimates (µΩ; Missing where none) — calibration input.</summary>
        public int[] FinalResistance_uOhm { get; init; } = [];
        /// <summary>Temperature deviations from the pack median sampled once a minute (dC) — calibration input.</summary>
        public double[] TemperatureDeviations_dC { get; init; } = [];
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Evaluation.Estimation;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Metrics;

namespace CellVar.Bms.Evaluation
{
    /// <summary>Everything one <c>cellvar evaluate</c> run measured.</summary>
    public sealed record EvaluationResult
    {
        /// <summary>Suite name.</summary>
        public string Suite { get; init; } = "";
        /// <summary>True when run with --quick.</summary>
        public bool Quick { get; init; }
        /// <summary>Start time (UTC).</summary>
        public DateTime Started_utc { get; init; }
        /// <summary>Wall time.</summary>
        public TimeSpan Elapsed { get; init; }
        /// <summary>Simulated runs (excluding calibration).</summary>
        public int Runs { get; init; }
        /// <summary>Series cells per pack.</summary>
        public int Cells { get; init; }
        /// <summary>Rig voltage noise σ (mV).</summary>
        public double VoltageNoise_mV { get; init; }
        /// <summary>Prior learned from the calibration packs.</summary>
        public PopulationPrior Prior { get; init; } = null!;
        /// <summary>Method id → (resistance description, temperature description, default thresholds).</summary>
        public IReadOnlyList<MethodInfo> Methods { get; init; } = [];
        /// <summary>Per scenario and size.</summary>
        public IReadOnlyList<GroupResult> Groups { get; init; } = [];
        /// <summary>Per method and quantity, over all healthy cells.</summary>
        public IReadOnlyList<PooledFalseAlarms> Pooled { get; init; } = [];
        /// <summary>Smallest detectable weld per noise class and method (null when the suite has no detectability study).</summary>
        public IReadOnlyList<DetectabilityRow>? Detectability { get; init; }
        /// <summary>Resistance-estimator efficiency and fixed-point error per noise level.</summary>
        public IReadOnlyList<EfficiencyRow> Efficiency { get; init; } = [];
    }

    /// <summary>A method's descriptions and default thresholds.</summary>
    /// <param name="Id">Method id.</param>
    /// <param name="ResistanceRule">Rule on resistance.</param>
    /// <param name="ResistanceDefault">Default resistance threshold.</param>
    /// <param name="TemperatureRule">Rule on temperature.</param>
    /// <param name="TemperatureDefault">Default temperature threshold.</param>
    public sealed record MethodInfo(string Id, string ResistanceRule, double ResistanceDefault, string TemperatureRule, double TemperatureDefault);
}

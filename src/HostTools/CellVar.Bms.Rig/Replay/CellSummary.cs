using System.Collections.Generic;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>One cell's device state at the end of a replay, in host units; null = the device has no estimate yet.</summary>
    public sealed record CellSummary
    {
        /// <summary>1-based cell.</summary>
        public int Cell { get; init; }
        /// <summary>Ohmic resistance estimate.</summary>
        public double? R0_mOhm { get; init; }
        /// <summary>Its standard error.</summary>
        public double? R0Se_mOhm { get; init; }
        /// <summary>Current steps used.</summary>
        public int R0Steps { get; init; }
        /// <summary>Resistance deviation score (σ) against the prior or pack median.</summary>
        public double? R0Score { get; init; }
        /// <summary>Resistance alarm threshold that applies to the cell.</summary>
        public double? R0Threshold_mOhm { get; init; }
        /// <summary>Resistance growth since the cell's baseline minus the pack's (percent).</summary>
        public double DriftPercent { get; init; }
        /// <summary>Capacity estimate.</summary>
        public double? Capacity_Ah { get; init; }
        /// <summary>Its standard error.</summary>
        public double? CapacitySe_Ah { get; init; }
        /// <summary>Capacity deviation score (σ).</summary>
        public double? CapacityScore { get; init; }
        /// <summary>Last temperature of the nearest sensor.</summary>
        public double? Temperature_C { get; init; }
        /// <summary>Smoothed excess over the sensor median after expected I²R heating.</summary>
        public double? TemperatureExcess_K { get; init; }
        /// <summary>Temperature deviation score (σ).</summary>
        public double? TemperatureScore { get; init; }
        /// <summary>Ticks on which the cell's voltage sample carried a sensor-fault flag.</summary>
        public int FlaggedSamples { get; init; }
        /// <summary>Alert kinds active at the end.</summary>
        public IReadOnlyList<string> ActiveAlerts { get; init; } = [];
        /// <summary>Alert kinds raised at any time during the replay.</summary>
        public IReadOnlyList<string> RaisedAlerts { get; init; } = [];
    }
}

using System.Collections.Generic;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>One alert event from the device during replay, in host units.</summary>
    /// <param name="Time_s">time_s of the log row whose tick raised or cleared it.</param>
    /// <param name="Cell">1-based cell, null for a pack-level alert (current channel, pack-sum check).</param>
    /// <param name="Kind">snake_case kind (resistance_outlier, hot_cell, capacity_outlier, drift, sensor_fault).</param>
    /// <param name="Raised">True when raised, false when cleared.</param>
    /// <param name="Value">The estimate that triggered it, in <paramref name="Unit"/> (sensor faults: the flag bits).</param>
    /// <param name="Threshold">The threshold it was compared with, in <paramref name="Unit"/>.</param>
    /// <param name="Unit">mOhm, Ah, K, % or flags.</param>
    /// <param name="Confidence">Probability (0..1) that the true value is beyond the threshold.</param>
    /// <param name="Sequence">Device sequence number.</param>
    /// <param name="Flags">For sensor faults: names of the flag bits.</param>
    /// <param name="SourceLine">Line of the log row.</param>
    public sealed record ReplayAlert(
        double Time_s, int? Cell, string Kind, bool Raised, double Value, double Threshold, string Unit,
        double Confidence, int Sequence, IReadOnlyList<string> Flags, int SourceLine);
}

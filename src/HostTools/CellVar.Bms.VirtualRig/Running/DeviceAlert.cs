namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>An alert event raised or cleared by a virtual monitor's device code, in host units.</summary>
    /// <param name="Monitor">1-based monitor.</param>
    /// <param name="Time_s">Simulated time of the tick that produced it.</param>
    /// <param name="Cell">1-based cell, null for a pack-level alert (current channel, pack sum).</param>
    /// <param name="Kind">snake_case kind as <c>cellvar replay</c> names it (resistance_outlier, hot_cell, capacity_outlier, drift, sensor_fault).</param>
    /// <param name="Raised">True when raised, false when cleared.</param>
    /// <param name="Value">Value that triggered it, in <paramref name="Unit"/>.</param>
    /// <param name="Threshold">Threshold it was compared with.</param>
    /// <param name="Unit">mOhm, Ah, K, % or flags.</param>
    public sealed record DeviceAlert(int Monitor, double Time_s, int? Cell, string Kind, bool Raised, double Value, double Threshold, string Unit);
}

namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>What an alert is about; written as the short strings listed in Protocol/PROTOCOL.md.</summary>
    public enum AlertKind
    {
        /// <summary><c>r_high</c>: resistance above its limit (e.g. a bad weld).</summary>
        ResistanceHigh = 0,
        /// <summary><c>r_low</c>: resistance below its limit (implausible; usually a sensing fault).</summary>
        ResistanceLow = 1,
        /// <summary><c>t_high</c>: cell hotter than its prior allows.</summary>
        TemperatureHigh = 2,
        /// <summary><c>q_low</c>: capacity below its limit.</summary>
        CapacityLow = 3,
        /// <summary><c>sensor</c>: open wire, stuck or out-of-range channel.</summary>
        Sensor = 4,
    }
}

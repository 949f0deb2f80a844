namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>How temperature channels convert to tenths of a degree.</summary>
    public enum TemperatureSensorKind : byte
    {
        /// <summary>Linear sensor (or the virtual ADC): dC = gain·counts + offset via the channel calibration.</summary>
        Linear = 0,
        /// <summary>NTC divider: averaged counts are interpolated in <see cref="MonitorConfig.NtcTable_counts"/>/<see cref="MonitorConfig.NtcTable_dC"/>.</summary>
        NtcTable = 1,
    }
}

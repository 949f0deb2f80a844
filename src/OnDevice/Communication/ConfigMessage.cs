namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>A decoded monitor configuration.</summary>
    public sealed class ConfigMessage
    {
        /// <summary>Host-assigned config id, echoed in the status answer.</summary>
        public int Id;
        /// <summary>Seconds between telemetry messages (1..3600).</summary>
        public int TelemetryPeriod_s;
        /// <summary>Number of cells the monitor measures (1..<see cref="ProtocolLimits.MaxCells"/>).</summary>
        public int CellCount;
        /// <summary>Seconds an alert condition must stay gone before the alert is cleared (0..86400; default 60).</summary>
        public int AlertHold_s;

        /// <summary>Copies every field from <paramref name="other"/>.</summary>
        public void CopyFrom(ConfigMessage other)
        {
            Id = other.Id;
            TelemetryPeriod_s = other.TelemetryPeriod_s;
            CellCount = other.CellCount;
            AlertHold_s = other.AlertHold_s;
        }
    }
}

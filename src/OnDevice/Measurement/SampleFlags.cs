namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>
    /// Bits describing why a sample was not used. A sample with any bit of <see cref="FaultMask"/>
    /// counts towards a sensor fault; <see cref="Balancing"/> and <see cref="PackCurrentInvalid"/> only pause estimation.
    /// </summary>
    public static class SampleFlags
    {
        /// <summary>Sample is good.</summary>
        public const int None = 0;
        /// <summary>At least one conversion failed (negative raw value).</summary>
        public const int ConversionFailed = 1;
        /// <summary>Averaged raw count (trimmed mean when <see cref="MonitorConfig.Averaging"/> says so) within <see cref="MonitorConfig.RailMargin_counts"/> of 0 or the full-scale count (open wire, short).</summary>
        public const int Rail = 2;
        /// <summary>Value outside the plausible physical range (e.g. a cell below 0.5 V).</summary>
        public const int Implausible = 4;
        /// <summary>Jumped more than the current change can explain since the last good sample.</summary>
        public const int Jump = 8;
        /// <summary>Reading did not move over several large current steps.</summary>
        public const int Stuck = 16;
        /// <summary>Sum of cell voltages disagrees with the pack-voltage channel.</summary>
        public const int PackSumMismatch = 32;
        /// <summary>The cell is being balanced: sample is valid but estimation pauses.</summary>
        public const int Balancing = 64;
        /// <summary>The pack current sample was flagged, so no estimator can use this tick.</summary>
        public const int PackCurrentInvalid = 128;
        /// <summary>
        /// Current channel only (in <see cref="PackMonitor.PackFlags"/>): after trimming, the kept conversions still spread
        /// over more than <see cref="MonitorConfig.MaxCurrentSpread_mA"/> — a glitch survived (two in one sample), or the
        /// channel is far noisier than configured (persisting, it raises the pack-level sensor fault). Does not fit in a
        /// cell's byte of flags; cells see <see cref="PackCurrentInvalid"/>.
        /// </summary>
        public const int Spread = 256;
        /// <summary>
        /// Bits that indicate a sensor problem and count towards a <see cref="Alerts.AlertKind.SensorFault"/>
        /// (of the cell or sensor; <see cref="PackSumMismatch"/> and current-channel faults count at pack level, cell −1).
        /// </summary>
        public const int FaultMask = ConversionFailed | Rail | Implausible | Jump | Stuck | PackSumMismatch | Spread;
    }
}

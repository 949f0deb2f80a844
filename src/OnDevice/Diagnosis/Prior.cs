namespace CellVar.Bms.OnDevice.Diagnosis
{
    /// <summary>
    /// A manufacturing prior for one quantity in device units (µΩ, mAh or dC, see <see cref="PriorQuantity"/>),
    /// converted by the host from the priors.json format. Thresholds are exact quantiles of the healthy
    /// component computed on the host; <see cref="NoThresholdHigh"/>/<see cref="NoThresholdLow"/> mean "none"
    /// (then location ± <see cref="MonitorConfig.DefaultThresholdSigma_Q16"/>·scale applies on the alarm side).
    /// </summary>
    public struct Prior
    {
        /// <summary>Sentinel for "no upper threshold".</summary>
        public const int NoThresholdHigh = int.MaxValue;
        /// <summary>Sentinel for "no lower threshold".</summary>
        public const int NoThresholdLow = int.MinValue;

        /// <summary>True when this prior was set; an unset prior means "compare with the pack median" (default prior).</summary>
        public bool IsSet;
        /// <summary>Distribution family (affects only the reported score).</summary>
        public PriorFamily Family;
        /// <summary>Location (mean, median for log-normal) in device units.</summary>
        public int Location;
        /// <summary>Scale in device units (> 0); for <see cref="PriorFamily.LogNormal"/> σ of ln x in Q16.</summary>
        public int Scale;
        /// <summary>Alarm above this value (device units), or <see cref="NoThresholdHigh"/>.</summary>
        public int ThresholdHigh;
        /// <summary>Alarm below this value (device units), or <see cref="NoThresholdLow"/>.</summary>
        public int ThresholdLow;

        /// <summary>Creates a set prior; pass the sentinels for thresholds that do not apply.</summary>
        public static Prior Create(PriorFamily family, int location, int scale, int thresholdHigh, int thresholdLow)
        {
            Prior p = new Prior();
            p.IsSet = true;
            p.Family = family;
            p.Location = location;
            p.Scale = scale < 1 ? 1 : scale;
            p.ThresholdHigh = thresholdHigh;
            p.ThresholdLow = thresholdLow;
            return p;
        }
    }
}

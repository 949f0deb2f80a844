namespace CellVar.Bms.Evaluation.Estimation
{
    /// <summary>The smallest weld step one method detects at one noise class within the false-alarm target.</summary>
    public sealed record DetectabilityRow
    {
        /// <summary>Noise class label.</summary>
        public string NoiseClass { get; init; } = "";
        /// <summary>Voltage noise σ (mV).</summary>
        public double VoltageNoise_mV { get; init; }
        /// <summary>Method id.</summary>
        public string Method { get; init; } = "";
        /// <summary>Most sensitive threshold meeting the false-alarm target on the observed healthy cells (null = none).</summary>
        public double? Threshold { get; init; }
        /// <summary>False alarms observed at that threshold.</summary>
        public int FalseAlarms { get; init; }
        /// <summary>Healthy cell-hours observed (zero alarms in H hours bounds the rate by 3/H at 95 %).</summary>
        public double CellHours { get; init; }
        /// <summary>Smallest size (fraction of nominal R0) with detection probability ≥ the target; null = none of the sizes tried.</summary>
        public double? SmallestSize { get; init; }
        /// <summary>Its label (e.g. "+10 %").</summary>
        public string SmallestSizeLabel { get; init; } = "none";
        /// <summary>Median delay at that size (s).</summary>
        public double? MedianDelay_s { get; init; }
    }
}

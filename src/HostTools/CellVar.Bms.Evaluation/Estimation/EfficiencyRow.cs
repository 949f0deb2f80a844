namespace CellVar.Bms.Evaluation.Estimation
{
    /// <summary>Resistance estimator accuracy at one voltage-noise level.</summary>
    public sealed record EfficiencyRow
    {
        /// <summary>Voltage noise σ per sample (mV).</summary>
        public double VoltageNoise_mV { get; init; }
        /// <summary>Replicates.</summary>
        public int Replicates { get; init; }
        /// <summary>Current steps per replicate.</summary>
        public int Steps { get; init; }
        /// <summary>Cramér–Rao bound on the SD of any unbiased estimate from all steps: √(2σ²/ΣΔI²) (µΩ).</summary>
        public double CrbSd_uOhm { get; init; }
        /// <summary>Bound for an estimator that weights step k by λ^(n−k) (the device's forgetting): σ√(2·S2)/S (µΩ).</summary>
        public double ForgettingBoundSd_uOhm { get; init; }
        /// <summary>Root-mean-square error of the device's fixed-point estimator (µΩ).</summary>
        public double DeviceRmse_uOhm { get; init; }
        /// <summary>Bias of the device's estimator (µΩ).</summary>
        public double DeviceBias_uOhm { get; init; }
        /// <summary>RMSE of the same recursion in double precision on the unquantised samples (µΩ).</summary>
        public double DoubleRmse_uOhm { get; init; }
        /// <summary>Efficiency vs the Cramér–Rao bound: CRB² / device MSE (1 = efficient).</summary>
        public double EfficiencyVsCrb => DeviceRmse_uOhm > 0 ? CrbSd_uOhm * CrbSd_uOhm / (DeviceRmse_uOhm * DeviceRmse_uOhm) : 0;
        /// <summary>Efficiency vs the forgetting-window bound.</summary>
        public double EfficiencyVsWindow => DeviceRmse_uOhm > 0 ? ForgettingBoundSd_uOhm * ForgettingBoundSd_uOhm / (DeviceRmse_uOhm * DeviceRmse_uOhm) : 0;
        /// <summary>RMS of (fixed-point − double) final estimates (µΩ).</summary>
        public double FixedVsDoubleRms_uOhm { get; init; }
        /// <summary>Largest |fixed-point − double| (µΩ).</summary>
        public double FixedVsDoubleMax_uOhm { get; init; }
    }
}

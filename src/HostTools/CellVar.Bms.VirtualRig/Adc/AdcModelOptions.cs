namespace CellVar.Bms.VirtualRig.Adc
{
    /// <summary>
    /// Settings of the ESP32-like ADC front end. Defaults: 12-bit SAR (0..4095), cell taps through a divider so that
    /// 0..5 V spans the range, a ±100 A hall current sensor centred at mid-scale, linear temperature sensors −40..125 °C;
    /// the ESP32's raw (uncalibrated) ADC has gain errors of a few percent and offsets of tens of counts, which the
    /// two-point calibration in <see cref="OnDevice.MonitorConfig"/> removes.
    /// </summary>
    public sealed class AdcModelOptions
    {
        /// <summary>Full-scale count (2^bits − 1).</summary>
        public int MaxCount { get; set; } = 4095;
        /// <summary>Cell voltage at full scale (divider ratio × reference).</summary>
        public double CellFullScale_V { get; set; } = 5.0;
        /// <summary>Current at full scale; zero current sits at mid-scale, positive = discharge above it.</summary>
        public double CurrentFullScale_A { get; set; } = 100.0;
        /// <summary>Temperature at count 0.</summary>
        public double TemperatureMin_C { get; set; } = -40.0;
        /// <summary>Temperature at full scale.</summary>
        public double TemperatureMax_C { get; set; } = 125.0;
        /// <summary>σ of each channel's relative gain error (ESP32 raw ADC: a few percent).</summary>
        public double GainErrorSd { get; set; } = 0.02;
        /// <summary>σ of each channel's offset error, counts.</summary>
        public double OffsetErrorSd_counts { get; set; } = 15.0;
        /// <summary>σ of the conversion noise, counts (ESP32 ADC noise is 1–3 LSB even on a clean input).</summary>
        public double Noise_counts { get; set; } = 1.5;
        /// <summary>Probability that one conversion returns a random count (a glitch); 0 = none.</summary>
        public double GlitchProbability { get; set; }
        /// <summary>
        /// Conversions per channel per tick (<see cref="OnDevice.MonitorConfig.AveragingCount"/>); with 4 or more the device
        /// drops the lowest and highest before averaging (<see cref="OnDevice.MonitorConfig.Averaging"/>).
        /// </summary>
        public int AveragingCount { get; set; } = 8;
    }
}

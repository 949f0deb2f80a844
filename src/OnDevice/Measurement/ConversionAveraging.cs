namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>How the <see cref="MonitorConfig.AveragingCount"/> conversions of one channel become one sample.</summary>
    public enum ConversionAveraging : byte
    {
        /// <summary>Plain mean of all conversions: efficient for Gaussian noise, but one glitch moves it by glitch/N.</summary>
        Mean = 0,
        /// <summary>
        /// With at least 4 conversions the lowest and the highest are dropped and the rest averaged (a trimmed mean), so a
        /// single glitched conversion never reaches the sample; with fewer conversions, the plain mean.
        /// </summary>
        TrimExtremes = 1,
    }
}

namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>
    /// One raw ADC conversion per call. The firmware implements it with System.Device.Adc;
    /// the host replay and the simulator implement it from data (see <see cref="VirtualAdc"/>).
    /// </summary>
    public interface IAdcChannelReader
    {
        /// <summary>
        /// Converts <paramref name="channel"/> once and returns the raw count (0..<see cref="MonitorConfig.AdcMaxCount"/>).
        /// A negative value means the conversion failed (e.g. ADC2 busy with Wi-Fi); the sample is flagged.
        /// </summary>
        int ReadRaw(int channel);
    }
}

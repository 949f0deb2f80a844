namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>How cell voltages reach the ADC.</summary>
    public enum VoltageFrontEnd : byte
    {
        /// <summary>One channel per cell measures that cell's voltage (AFE outputs, or the virtual ADC).</summary>
        DirectPerCell = 0,
        /// <summary>
        /// Channel k measures tap k (the top of cell k) against the pack's negative terminal through a divider;
        /// cell k = tap k − tap k−1 (tap −1 is ground).
        /// </summary>
        StackedTaps = 1,
    }
}

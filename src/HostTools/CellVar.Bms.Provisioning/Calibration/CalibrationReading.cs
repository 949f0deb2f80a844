namespace CellVar.Bms.Provisioning.Calibration
{
    /// <summary>One line of a calibration CSV: the averaged raw count of a signal and what the reference meter showed.</summary>
    /// <param name="Signal"><c>cell1</c>…<c>cellN</c>, <c>current</c> or <c>pack</c>.</param>
    /// <param name="RawCounts">Averaged raw ADC count (calibration-mode telemetry shows it as the cell's mV value).</param>
    /// <param name="Reference">Meter reading: mV for cells and pack, mA for current.</param>
    /// <param name="Line">1-based CSV line, for error messages.</param>
    public sealed record CalibrationReading(string Signal, double RawCounts, double Reference, int Line);
}

namespace CellVar.Bms.OnDevice.Alerts
{
    /// <summary>Unit of <see cref="Alert.Value"/> and <see cref="Alert.Threshold"/>.</summary>
    public enum AlertUnit : byte
    {
        /// <summary>No physical unit: for <see cref="AlertKind.SensorFault"/> the value holds <see cref="Measurement.SampleFlags"/> bits.</summary>
        None = 0,
        /// <summary>Micro-ohm (resistance).</summary>
        MicroOhm = 1,
        /// <summary>Milliampere-hour (capacity).</summary>
        MilliAmpereHour = 2,
        /// <summary>Tenth of a degree Celsius (temperature excess).</summary>
        DeciCelsius = 3,
        /// <summary>Parts per million (relative drift).</summary>
        PartsPerMillion = 4,
    }
}

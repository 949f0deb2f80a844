namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Latest per-cell values handed to the telemetry encoder, one slot per cell (index = cell - 1).
    /// The estimators fill it in place each tick; the encoder only reads it. Plain arrays keep the
    /// protocol independent of the estimator types.
    /// </summary>
    public sealed class CellTelemetry
    {
        /// <summary>Flag bit: resistance is an outlier against the prior.</summary>
        public const int FlagResistanceOutlier = 1;
        /// <summary>Flag bit: cell is hot against the prior.</summary>
        public const int FlagHot = 2;
        /// <summary>Flag bit: the sample was invalid (open wire, stuck or out-of-range channel).</summary>
        public const int FlagInvalidSample = 4;
        /// <summary>Flag bit: the estimator has not converged yet.</summary>
        public const int FlagNotConverged = 8;
        /// <summary>Flag bit: a value was clamped to its wire range by the encoder.</summary>
        public const int FlagSaturated = 16;

        /// <summary>Cell voltage, mV.</summary>
        public readonly int[] Voltage_mV = new int[ProtocolLimits.MaxCells];
        /// <summary>Estimated resistance, µΩ.</summary>
        public readonly int[] Resistance_uOhm = new int[ProtocolLimits.MaxCells];
        /// <summary>Estimated capacity, mAh.</summary>
        public readonly int[] Capacity_mAh = new int[ProtocolLimits.MaxCells];
        /// <summary>Cell temperature, 0.1 °C.</summary>
        public readonly int[] Temperature_dC = new int[ProtocolLimits.MaxCells];
        /// <summary>Resistance deviation score against the prior, hundredths of a standard deviation.</summary>
        public readonly int[] ResistanceScore_c = new int[ProtocolLimits.MaxCells];
        /// <summary>Temperature deviation score against the prior, hundredths of a standard deviation.</summary>
        public readonly int[] TemperatureScore_c = new int[ProtocolLimits.MaxCells];
        /// <summary>Flag bits per cell (see the Flag constants).</summary>
        public readonly int[] Flags = new int[ProtocolLimits.MaxCells];
    }
}

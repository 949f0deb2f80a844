namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>
    /// The 20-bit "virtual ADC" used by host replay and the simulator so that recorded physical values map
    /// 1:1 onto counts and still pass through the same calibration code as the firmware.
    /// Channel layout (see <see cref="MonitorConfig.CreateVirtual"/>): cells 0..N−1, then the current channel N,
    /// then temperature sensors N+1..N+M.
    /// counts = round(value / step) + offset; every step is an exact integer multiple of the device unit.
    /// </summary>
    public static class VirtualAdc
    {
        /// <summary>Full-scale count (2^20 − 1).</summary>
        public const int MaxCount = 1048575;
        /// <summary>Cell voltage step: 1 count = 10 µV (full scale 10.48 V), offset 0.</summary>
        public const int Voltage_uVPerCount = 10;
        /// <summary>Current step: 1 count = 1 mA.</summary>
        public const int Current_mAPerCount = 1;
        /// <summary>Count of zero current (±524 A range; positive = discharge).</summary>
        public const int CurrentZero_counts = 524288;
        /// <summary>Temperature step: 1 count = 1 dC (0.1 °C).</summary>
        public const int Temperature_dCPerCount = 1;
        /// <summary>Count of 0 °C.</summary>
        public const int TemperatureZero_counts = 524288;

        /// <summary>Counts for a cell voltage in µV (clamped to 0..<see cref="MaxCount"/>).</summary>
        public static int VoltageToCounts(int voltage_uV) { return Clamp((voltage_uV + 5) / Voltage_uVPerCount); }

        /// <summary>Counts for a current in mA.</summary>
        public static int CurrentToCounts(int current_mA) { return Clamp(current_mA + CurrentZero_counts); }

        /// <summary>Counts for a temperature in dC.</summary>
        public static int TemperatureToCounts(int temperature_dC) { return Clamp(temperature_dC + TemperatureZero_counts); }

        private static int Clamp(int c)
        {
            if (c < 0) return 0;
            if (c > MaxCount) return MaxCount;
            return c;
        }
    }
}

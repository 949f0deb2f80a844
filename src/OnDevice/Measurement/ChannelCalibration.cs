using CellVar.Bms.OnDevice.FixedPoint;

namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>
    /// Two-point linear calibration: value = gain_Q16 · counts / 2^16 + offset, in the channel's unit
    /// (µV for cell and pack voltages, mA for current, dC for linear temperature sensors).
    /// </summary>
    public static class ChannelCalibration
    {
        /// <summary>
        /// Converts the sum of <paramref name="conversions"/> raw counts to the calibrated value, rounding to nearest.
        /// Exact when gain is an integer multiple of 2^16 (the virtual ADC). Saturates to the int range.
        /// </summary>
        public static int Apply(long rawSum, int conversions, int gain_Q16, int offset)
        {
            if (conversions < 1) conversions = 1;
            long scaled = FixedMath.DivRound(rawSum * gain_Q16, (long)conversions << 16);
            return SaturatingMath.ToInt(scaled + offset);
        }

        /// <summary>
        /// Gain (Q16, units per count) through two reference points (raw1, value1) and (raw2, value2);
        /// returns 0 when raw1 == raw2 (caller must reject such a calibration).
        /// </summary>
        public static int GainFromTwoPoints(int raw1, int value1, int raw2, int value2)
        {
            if (raw1 == raw2) return 0;
            return SaturatingMath.ToInt(FixedMath.DivRound(((long)value2 - value1) << 16, (long)raw2 - raw1));
        }

        /// <summary>Offset matching <paramref name="gain_Q16"/> so that raw1 maps to value1.</summary>
        public static int OffsetFromTwoPoints(int raw1, int value1, int gain_Q16)
        {
            return SaturatingMath.ToInt(value1 - FixedMath.DivRound((long)raw1 * gain_Q16, 65536));
        }
    }
}

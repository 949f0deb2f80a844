namespace CellVar.Bms.OnDevice.Measurement
{
    /// <summary>
    /// Piecewise-linear NTC conversion. The table lists raw counts in strictly ascending order with the
    /// temperature at each point; inputs outside the table clamp to its ends (and are flagged by range checks).
    /// </summary>
    public static class NtcTable
    {
        /// <summary>
        /// Default table: 10 kΩ B3950 NTC on the low side of a 10 kΩ pull-up from the ADC reference, 12-bit ADC
        /// (counts = 4095·R_ntc/(R_ntc+10k)), −40 °C … +125 °C in 15 K steps, ascending counts (so descending temperature).
        /// </summary>
        public static int[] CreateDefaultCounts()
        {
            return new int[] { 142, 206, 305, 462, 707, 1081, 1614, 2278, 2955, 3495, 3830, 3996 };
        }

        /// <summary>Temperatures (dC) matching <see cref="CreateDefaultCounts"/>.</summary>
        public static int[] CreateDefaultTemperatures_dC()
        {
            return new int[] { 1250, 1100, 950, 800, 650, 500, 350, 200, 50, -100, -250, -400 };
        }

        /// <summary>Interpolates the temperature (dC) at <paramref name="counts_Q8"/> (averaged counts × 256), rounding to nearest.</summary>
        public static int Interpolate_dC(int counts_Q8, int[] tableCounts, int[] tableTemps_dC)
        {
            int n = tableCounts.Length;
            if (n == 0) return 0;
            if (counts_Q8 <= (tableCounts[0] << 8)) return tableTemps_dC[0];
            if (counts_Q8 >= (tableCounts[n - 1] << 8)) return tableTemps_dC[n - 1];
            int i = 1;
            while (i < n - 1 && counts_Q8 > (tableCounts[i] << 8)) i++;
            long x0 = (long)tableCounts[i - 1] << 8;
            long x1 = (long)tableCounts[i] << 8;
            long y0 = tableTemps_dC[i - 1];
            long y1 = tableTemps_dC[i];
            long num = (y1 - y0) * (counts_Q8 - x0);
            long den = x1 - x0;
            return (int)(y0 + FixedPoint.FixedMath.DivRound(num, den));
        }
    }
}

namespace CellVar.Bms.OnDevice.Estimation
{
    /// <summary>State of charge from a relaxed cell voltage through an 11-point OCV table (0, 10, …, 100 %).</summary>
    public static class OcvTable
    {
        /// <summary>
        /// Interpolates SOC in 0.01 % (0..10000) at <paramref name="voltage_uV"/>; clamps outside the table.
        /// <paramref name="table_mV"/> must be strictly ascending with 11 entries.
        /// </summary>
        public static int SocFromVoltage_cPct(int voltage_uV, int[] table_mV)
        {
            long v = voltage_uV;
            if (v <= (long)table_mV[0] * 1000) return 0;
            if (v >= (long)table_mV[10] * 1000) return 10000;
            int i = 1;
            while (i < 10 && v > (long)table_mV[i] * 1000) i++;
            long v0 = (long)table_mV[i - 1] * 1000;
            long v1 = (long)table_mV[i] * 1000;
            return (int)((i - 1) * 1000 + FixedPoint.FixedMath.DivRound((v - v0) * 1000, v1 - v0));
        }
    }
}

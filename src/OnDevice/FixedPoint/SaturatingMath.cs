namespace CellVar.Bms.OnDevice.FixedPoint
{
    /// <summary>
    /// Integer helpers that clamp instead of wrapping. nanoFramework ignores <c>checked</c>
    /// (add.ovf runs as a plain add), so overflow has to be handled explicitly.
    /// </summary>
    public static class SaturatingMath
    {
        /// <summary>Adds two 32-bit values, clamping to the <see cref="int"/> range.</summary>
        public static int Add(int a, int b)
        {
            long s = (long)a + b;
            if (s > int.MaxValue) return int.MaxValue;
            if (s < int.MinValue) return int.MinValue;
            return (int)s;
        }
    }
}

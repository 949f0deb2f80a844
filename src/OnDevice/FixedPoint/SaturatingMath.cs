namespace CellVar.Bms.OnDevice.FixedPoint
{
    /// <summary>
    /// Integer helpers that clamp instead of wrapping. nanoFramework ignores <c>checked</c>
    /// (add.ovf runs as a plain add), so overflow has to be handled explicitly.
    /// All functions are exact: the result is the true result clamped to the target range.
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

        /// <summary>Subtracts <paramref name="b"/> from <paramref name="a"/>, clamping to the <see cref="int"/> range.</summary>
        public static int Sub(int a, int b)
        {
            long s = (long)a - b;
            if (s > int.MaxValue) return int.MaxValue;
            if (s < int.MinValue) return int.MinValue;
            return (int)s;
        }

        /// <summary>Multiplies two 32-bit values, clamping to the <see cref="int"/> range.</summary>
        public static int Mul(int a, int b)
        {
            long p = (long)a * b;
            if (p > int.MaxValue) return int.MaxValue;
            if (p < int.MinValue) return int.MinValue;
            return (int)p;
        }

        /// <summary>Clamps a 64-bit value to the <see cref="int"/> range.</summary>
        public static int ToInt(long v)
        {
            if (v > int.MaxValue) return int.MaxValue;
            if (v < int.MinValue) return int.MinValue;
            return (int)v;
        }

        /// <summary>
        /// Adds two 64-bit values, clamping to the <see cref="long"/> range
        /// (overflow is detected from the operand signs because there is no wider type).
        /// </summary>
        public static long AddLong(long a, long b)
        {
            long s = unchecked(a + b);
            if (a > 0 && b > 0 && s < 0) return long.MaxValue;
            if (a < 0 && b < 0 && s >= 0) return long.MinValue;
            return s;
        }

        /// <summary>Clamps <paramref name="v"/> into [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
        public static int Clamp(int v, int lo, int hi)
        {
            if (v < lo) return lo;
            if (v > hi) return hi;
            return v;
        }

        /// <summary>Clamps <paramref name="v"/> into [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
        public static long ClampLong(long v, long lo, long hi)
        {
            if (v < lo) return lo;
            if (v > hi) return hi;
            return v;
        }

        /// <summary>Absolute value that maps <see cref="int.MinValue"/> to <see cref="int.MaxValue"/> instead of overflowing.</summary>
        public static int Abs(int v)
        {
            if (v >= 0) return v;
            if (v == int.MinValue) return int.MaxValue;
            return -v;
        }

        /// <summary>Absolute value of a 64-bit value, saturating at <see cref="long.MaxValue"/>.</summary>
        public static long AbsLong(long v)
        {
            if (v >= 0) return v;
            if (v == long.MinValue) return long.MaxValue;
            return -v;
        }
    }
}

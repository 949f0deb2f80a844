namespace CellVar.Bms.OnDevice.FixedPoint
{
    /// <summary>
    /// Fixed-point arithmetic in the Q16 format: a signed 32-bit integer holding value × 2^16
    /// (range ±32768, resolution 1/65536 ≈ 1.5e-5). Every function saturates instead of wrapping
    /// and never throws; division by zero saturates towards the sign of the numerator.
    /// Worst-case errors (checked against a double reference by the test project):
    /// <list type="bullet">
    /// <item><see cref="MulQ16"/>, <see cref="DivQ16"/>, <see cref="DivRound"/>: ≤ 0.5 LSB (correct rounding, half away from zero).</item>
    /// <item><see cref="Isqrt"/>: exact floor; <see cref="IsqrtRound"/>: exact nearest.</item>
    /// <item><see cref="Log2Q16"/>, <see cref="LnQ16"/>: ≤ 2 LSB absolute.</item>
    /// <item><see cref="ExpQ16"/>: ≤ 2 LSB + 2^-20 relative of the result.</item>
    /// </list>
    /// </summary>
    public static class FixedMath
    {
        /// <summary>1.0 in Q16.</summary>
        public const int OneQ16 = 65536;

        /// <summary>ln 2 in Q30 (744261117.95 rounded).</summary>
        public const long Ln2Q30 = 744261118L;

        /// <summary>Largest Q16 argument whose exponential still fits in Q16 (ln(32768) ≈ 10.3972).</summary>
        public const int ExpMaxArgQ16 = 681391;

        /// <summary>Multiplies two Q16 numbers, rounding to nearest and saturating.</summary>
        public static int MulQ16(int a, int b)
        {
            long p = (long)a * b;
            p = p >= 0 ? (p + 32768) >> 16 : -((-p + 32768) >> 16);
            return SaturatingMath.ToInt(p);
        }

        /// <summary>Divides two Q16 numbers (a / b), rounding to nearest and saturating; b = 0 gives ±<see cref="int.MaxValue"/>.</summary>
        public static int DivQ16(int a, int b)
        {
            return SaturatingMath.ToInt(DivRound((long)a << 16, b));
        }

        /// <summary>
        /// Integer division rounded to nearest (ties away from zero). d = 0 returns
        /// <see cref="long.MaxValue"/>, <see cref="long.MinValue"/> or 0 by the sign of n.
        /// |n| must stay below 2^62 (true for every caller; documented rather than checked per call).
        /// </summary>
        public static long DivRound(long n, long d)
        {
            if (d == 0) return n > 0 ? long.MaxValue : (n < 0 ? long.MinValue : 0);
            bool neg = (n < 0) != (d < 0);
            long an = n < 0 ? -n : n;
            long ad = d < 0 ? -d : d;
            long q = an / ad;
            long r = an - q * ad;
            if (r >= ad - r) q++;
            return neg ? -q : q;
        }

        /// <summary>
        /// Computes round(a·b/c) exactly (ties away from zero) through a 128-bit intermediate product and a
        /// 64-step long division, so nothing overflows. Results beyond the long range saturate;
        /// c ≤ 0 saturates by the sign of a·b (0 when a·b = 0). Costs ~64 loop steps: for rare paths, not per cell per tick.
        /// </summary>
        public static long MulDivRound(long a, long b, long c)
        {
            bool neg = false;
            if (a < 0) { a = a == long.MinValue ? long.MaxValue : -a; neg = !neg; }
            if (b < 0) { b = b == long.MinValue ? long.MaxValue : -b; neg = !neg; }
            if (a == 0 || b == 0) return 0;
            long sat = neg ? long.MinValue : long.MaxValue;
            if (c <= 0) return sat;
            ulong ua = (ulong)a;
            ulong ub = (ulong)b;
            ulong uc = (ulong)c;
            ulong aLo = ua & 0xFFFFFFFFUL, aHi = ua >> 32;
            ulong bLo = ub & 0xFFFFFFFFUL, bHi = ub >> 32;
            ulong p0 = aLo * bLo;
            ulong p1 = aLo * bHi;
            ulong p2 = aHi * bLo;
            ulong p3 = aHi * bHi;
            ulong mid = (p0 >> 32) + (p1 & 0xFFFFFFFFUL) + (p2 & 0xFFFFFFFFUL);
            ulong lo = (p0 & 0xFFFFFFFFUL) | (mid << 32);
            ulong hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
            if (hi >= uc) return sat; // quotient needs more than 64 bits
            ulong r = hi;
            ulong q = 0;
            for (int i = 63; i >= 0; i--)
            {
                ulong carry = r >> 63;
                r = (r << 1) | ((lo >> i) & 1UL);
                if (carry != 0 || r >= uc)
                {
                    r -= uc;
                    q |= 1UL << i;
                }
            }
            if (r >= uc - r) q++;
            if (q > (ulong)long.MaxValue) return sat;
            long res = (long)q;
            return neg ? -res : res;
        }

        /// <summary>Integer square root: the largest r with r² ≤ v (exact, bit by bit).</summary>
        public static long Isqrt(long v)
        {
            if (v <= 0) return 0;
            ulong x = (ulong)v;
            ulong res = 0;
            ulong bit = 1UL << 62;
            while (bit > x) bit >>= 2;
            while (bit != 0)
            {
                if (x >= res + bit)
                {
                    x -= res + bit;
                    res = (res >> 1) + bit;
                }
                else
                {
                    res >>= 1;
                }
                bit >>= 2;
            }
            return (long)res;
        }

        /// <summary>Integer square root rounded to nearest.</summary>
        public static long IsqrtRound(long v)
        {
            long r = Isqrt(v);
            // (r + 0.5)² = r² + r + 0.25, so round up when v - r² > r.
            if (v - r * r > r) r++;
            return r;
        }

        /// <summary>Square root of a Q16 number, as Q16 (≤ 0.5 LSB + rounding of the root, i.e. ≤ 1 LSB).</summary>
        public static int SqrtQ16(int xQ16)
        {
            if (xQ16 <= 0) return 0;
            return (int)IsqrtRound((long)xQ16 << 16);
        }

        /// <summary>
        /// Base-2 logarithm of a positive Q16 number, as Q16. Non-positive input returns
        /// <see cref="int.MinValue"/> (minus infinity saturated).
        /// </summary>
        public static int Log2Q16(int xQ16)
        {
            if (xQ16 <= 0) return int.MinValue;
            // Integer part: position of the leading one bit relative to the binary point.
            int msb = 0;
            uint t = (uint)xQ16;
            while (t > 1) { t >>= 1; msb++; }
            int result = (msb - 16) << 16;
            // Mantissa m in [1, 2) as Q30.
            long m = msb >= 30 ? ((long)xQ16 >> (msb - 30)) : ((long)xQ16 << (30 - msb));
            // Fractional bits by repeated squaring: each squaring that reaches 2 yields a one bit.
            // 18 bits are computed, then rounded to 16, so the truncation error stays below 1 LSB.
            int frac = 0;
            for (int i = 0; i < 18; i++)
            {
                m = (m * m) >> 30;
                frac <<= 1;
                if (m >= (2L << 30))
                {
                    m >>= 1;
                    frac |= 1;
                }
            }
            return result + ((frac + 2) >> 2);
        }

        /// <summary>Natural logarithm of a positive Q16 number, as Q16 (ln x = log2 x · ln 2).</summary>
        public static int LnQ16(int xQ16)
        {
            if (xQ16 <= 0) return int.MinValue;
            long l2 = Log2Q16(xQ16);
            return (int)DivRound(l2 * Ln2Q30, 1L << 30);
        }

        /// <summary>
        /// e^x for a Q16 argument, as Q16, saturating to <see cref="int.MaxValue"/> above
        /// <see cref="ExpMaxArgQ16"/> and returning 0 far below zero.
        /// x = k·ln2 + r with r in [0, ln2); e^r comes from a Taylor series in Q30.
        /// </summary>
        public static int ExpQ16(int xQ16)
        {
            if (xQ16 > ExpMaxArgQ16) return int.MaxValue;
            if (xQ16 < -1048576) return 0; // e^-16 < 2^-17: rounds to 0 in Q16.
            long xQ30 = (long)xQ16 << 14;
            long k = xQ30 / Ln2Q30;
            long r = xQ30 - k * Ln2Q30;
            if (r < 0) { r += Ln2Q30; k--; }
            // Taylor series of e^r for r in [0, 0.6932): the 12th term is below 2^-40.
            long sum = 1L << 30;
            long term = 1L << 30;
            for (int n = 1; n < 13; n++)
            {
                term = (term * r) >> 30;
                term /= n;
                sum += term;
            }
            // Result Q16 = sum(Q30) · 2^k / 2^14, rounded.
            int shift = 14 - (int)k;
            long res;
            if (shift <= 0) res = sum << -shift;
            else if (shift >= 62) res = 0;
            else res = (sum + (1L << (shift - 1))) >> shift;
            return SaturatingMath.ToInt(res);
        }

        /// <summary>
        /// One-sided normal confidence Φ(z) in permille for a Q16 z score, using
        /// Φ(z) ≈ 1 − ½·exp(−(0.7170·z + 0.4160·z²)) for z ≥ 0 (absolute error ≤ 8 permille including rounding)
        /// and symmetry for z &lt; 0.
        /// </summary>
        public static int NormalConfidencePermille(int zQ16)
        {
            int az = zQ16 < 0 ? (zQ16 == int.MinValue ? int.MaxValue : -zQ16) : zQ16;
            if (az > 16 * OneQ16) az = 16 * OneQ16; // beyond 16 sigma the tail is 0 in permille anyway.
            // 0.7170 and 0.4160 in Q16.
            long a = ((long)az * 46989 + 32768) >> 16;
            long b = ((((long)az * az + 32768) >> 16) * 27263 + 32768) >> 16;
            int tailQ16 = ExpQ16((int)(-(a + b))) >> 1;
            int tailPermille = (int)DivRound((long)tailQ16 * 1000, OneQ16);
            return zQ16 >= 0 ? 1000 - tailPermille : tailPermille;
        }
    }
}

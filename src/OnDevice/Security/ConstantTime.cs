using System;

namespace CellVar.Bms.OnDevice.Security
{
    /// <summary>Comparison whose running time does not depend on where two byte ranges first differ.</summary>
    public static class ConstantTime
    {
        /// <summary>
        /// True when <paramref name="count"/> bytes of <paramref name="a"/> at <paramref name="aOffset"/> equal those of
        /// <paramref name="b"/> at <paramref name="bOffset"/>. Every byte is visited, so an attacker timing MAC checks
        /// learns nothing about how many leading bytes of a forged MAC were right.
        /// </summary>
        /// <exception cref="ArgumentException">A range lies outside its buffer.</exception>
        public static bool BytesEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            if (a == null || b == null)
                throw new ArgumentNullException(a == null ? "a" : "b");
            if (count < 0 || aOffset < 0 || bOffset < 0 || aOffset > a.Length - count || bOffset > b.Length - count)
                throw new ArgumentException("offset/count outside the buffer");
            int diff = 0;
            for (int i = 0; i < count; i++)
                diff |= a[aOffset + i] ^ b[bOffset + i];
            return diff == 0;
        }
    }
}

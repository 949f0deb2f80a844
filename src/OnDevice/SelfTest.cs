using CellVar.Bms.OnDevice.Estimation;
using CellVar.Bms.OnDevice.FixedPoint;

namespace CellVar.Bms.OnDevice
{
    /// <summary>
    /// Power-on self-test from embedded golden vectors (no file IO): the same cases as tests/golden/device/*.csv,
    /// which the host tests keep identical. Allocates only when called (the vectors and one estimator).
    /// </summary>
    public static class SelfTest
    {
        /// <summary>Forgetting factor (Q16) of the resistance sequence.</summary>
        public const int SequenceForgetting_Q16 = 65208;
        /// <summary>Noise floor (µV) of the resistance sequence.</summary>
        public const int SequenceNoiseFloor_uV = 500;

        /// <summary>Values per row of a table.</summary>
        public static int RowWidth(SelfTestTable table)
        {
            if (table == SelfTestTable.MulQ16 || table == SelfTestTable.DivQ16) return 3;
            if (table == SelfTestTable.ResistanceSequence) return 4;
            return 2;
        }

        /// <summary>A copy of one table's rows, flattened (row-major, <see cref="RowWidth"/> values per row).</summary>
        public static long[] GetTable(SelfTestTable table)
        {
            long[] src = Source(table);
            long[] copy = new long[src.Length];
            for (int i = 0; i < src.Length; i++) copy[i] = src[i];
            return copy;
        }

        private static long[] Source(SelfTestTable table)
        {
            switch (table)
            {
                case SelfTestTable.MulQ16: return SelfTestVectors.MulQ16;
                case SelfTestTable.DivQ16: return SelfTestVectors.DivQ16;
                case SelfTestTable.Isqrt: return SelfTestVectors.Isqrt;
                case SelfTestTable.Log2Q16: return SelfTestVectors.Log2Q16;
                case SelfTestTable.LnQ16: return SelfTestVectors.LnQ16;
                case SelfTestTable.ExpQ16: return SelfTestVectors.ExpQ16;
                case SelfTestTable.NormalConfidence: return SelfTestVectors.NormalConfidence;
                default: return SelfTestVectors.ResistanceSequence;
            }
        }

        /// <summary>Runs one table's rows through the device code and returns the number of mismatching rows.</summary>
        public static int RunTable(SelfTestTable table, long[] rows)
        {
            int w = RowWidth(table);
            int failures = 0;
            if (table == SelfTestTable.ResistanceSequence)
            {
                ResistanceEstimator est = new ResistanceEstimator(1, SequenceForgetting_Q16, SequenceNoiseFloor_uV);
                for (int i = 0; i + w <= rows.Length; i += w)
                {
                    est.Update(0, (int)rows[i], (int)rows[i + 1]);
                    if (est.GetResistance_nOhm(0) != rows[i + 2] || est.GetStandardError_nOhm(0) != rows[i + 3]) failures++;
                }
                return failures;
            }
            for (int i = 0; i + w <= rows.Length; i += w)
            {
                long got;
                long expected = rows[i + w - 1];
                int a = (int)rows[i];
                if (table == SelfTestTable.MulQ16) got = FixedMath.MulQ16(a, (int)rows[i + 1]);
                else if (table == SelfTestTable.DivQ16) got = FixedMath.DivQ16(a, (int)rows[i + 1]);
                else if (table == SelfTestTable.Isqrt) got = FixedMath.Isqrt(rows[i]);
                else if (table == SelfTestTable.Log2Q16) got = FixedMath.Log2Q16(a);
                else if (table == SelfTestTable.LnQ16) got = FixedMath.LnQ16(a);
                else if (table == SelfTestTable.ExpQ16) got = FixedMath.ExpQ16(a);
                else got = FixedMath.NormalConfidencePermille(a);
                if (got != expected) failures++;
            }
            return failures;
        }

        /// <summary>Runs every embedded table; returns the total number of failing rows (0 = pass).</summary>
        public static int Run()
        {
            int failures = 0;
            for (int t = 0; t <= (int)SelfTestTable.ResistanceSequence; t++)
                failures += RunTable((SelfTestTable)t, Source((SelfTestTable)t));
            return failures;
        }

        /// <summary>Number of embedded rows over all tables.</summary>
        public static int CaseCount()
        {
            int n = 0;
            for (int t = 0; t <= (int)SelfTestTable.ResistanceSequence; t++)
                n += Source((SelfTestTable)t).Length / RowWidth((SelfTestTable)t);
            return n;
        }
    }
}

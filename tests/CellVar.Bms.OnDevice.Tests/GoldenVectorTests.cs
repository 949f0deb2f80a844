using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CellVar.Bms.OnDevice.Estimation;
using CellVar.Bms.OnDevice.FixedPoint;
using CellVar.Bms.OnDevice.Tests.Golden;
using CellVar.Bms.OnDevice.Tests.Reference;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>
    /// Golden vectors in tests/golden/device/*.csv: inputs and the device's integer outputs. They are checked three ways:
    /// (1) the device code reproduces them bit for bit, (2) the firmware's embedded copy (SelfTest) is identical,
    /// (3) every expected value is within the stated error bound of a double reference — so the files are not merely
    /// frozen output. Regenerate after an intended change with CELLVAR_REGEN_GOLDEN=1 (writes the CSVs and
    /// src/OnDevice/SelfTestVectors.cs), then review the diff.
    /// </summary>
    public class GoldenVectorTests
    {
        private static readonly (SelfTestTable Table, string File, string Header)[] Tables =
        {
            (SelfTestTable.MulQ16, "mulq16.csv", "a_q16,b_q16,expected_q16"),
            (SelfTestTable.DivQ16, "divq16.csv", "a_q16,b_q16,expected_q16"),
            (SelfTestTable.Isqrt, "isqrt.csv", "value,expected"),
            (SelfTestTable.Log2Q16, "log2q16.csv", "x_q16,expected_q16"),
            (SelfTestTable.LnQ16, "lnq16.csv", "x_q16,expected_q16"),
            (SelfTestTable.ExpQ16, "expq16.csv", "x_q16,expected_q16"),
            (SelfTestTable.NormalConfidence, "normal_confidence.csv", "z_q16,expected_permille"),
            (SelfTestTable.ResistanceSequence, "resistance_sequence.csv", "delta_current_mA,voltage_drop_uV,expected_r_nOhm,expected_se_nOhm"),
        };

        private static string GoldenDir => Path.Combine(RepoPaths.Tests, "golden", "device");

        private static int Q(double v) => (int)Math.Round(v * 65536);

        static GoldenVectorTests()
        {
            if (Environment.GetEnvironmentVariable("CELLVAR_REGEN_GOLDEN") == "1") Regenerate();
        }

        public static IEnumerable<object[]> TableIds() => Tables.Select(t => new object[] { t.Table });

        [Theory]
        [MemberData(nameof(TableIds))]
        public void Golden_File_Runs_Through_Device_Code(SelfTestTable table)
        {
            long[] rows = Load(table);
            Assert.True(rows.Length >= 8 * SelfTest.RowWidth(table), "at least 8 cases per table");
            Assert.Equal(0, SelfTest.RunTable(table, rows));
        }

        [Theory]
        [MemberData(nameof(TableIds))]
        public void Embedded_SelfTest_Vectors_Equal_The_File(SelfTestTable table)
            => Assert.Equal(Load(table), SelfTest.GetTable(table));

        [Fact]
        public void SelfTest_Passes_And_Counts_All_Cases()
        {
            Assert.Equal(0, SelfTest.Run());
            int rows = Tables.Sum(t => Load(t.Table).Length / SelfTest.RowWidth(t.Table));
            Assert.Equal(rows, SelfTest.CaseCount());
        }

        [Fact]
        public void SelfTest_Detects_A_Corrupted_Vector()
        {
            long[] rows = SelfTest.GetTable(SelfTestTable.ExpQ16);
            rows[1] += 1;
            Assert.Equal(1, SelfTest.RunTable(SelfTestTable.ExpQ16, rows));
        }

        [Fact]
        public void Golden_Expected_Values_Are_Within_Stated_Bounds_Of_Double_Reference()
        {
            const double q = 65536.0;
            long[] r = Load(SelfTestTable.MulQ16);
            for (int i = 0; i < r.Length; i += 3)
                Assert.True(Math.Abs(r[i + 2] - Math.Clamp((double)r[i] * r[i + 1] / q, int.MinValue, int.MaxValue)) <= 0.5, $"mul row {i / 3}");
            r = Load(SelfTestTable.DivQ16);
            for (int i = 0; i < r.Length; i += 3)
            {
                double exact = r[i + 1] == 0 ? (r[i] >= 0 ? int.MaxValue : int.MinValue) : Math.Clamp(r[i] * q / r[i + 1], int.MinValue, int.MaxValue);
                Assert.True(Math.Abs(r[i + 2] - exact) <= 0.5, $"div row {i / 3}");
            }
            r = Load(SelfTestTable.Isqrt);
            for (int i = 0; i < r.Length; i += 2)
                Assert.True((decimal)r[i + 1] * r[i + 1] <= Math.Max(0, r[i]) && (decimal)(r[i + 1] + 1) * (r[i + 1] + 1) > r[i], $"isqrt row {i / 2}");
            CheckUnary(SelfTestTable.Log2Q16, x => Math.Log2(x / q) * q, 2.0);
            CheckUnary(SelfTestTable.LnQ16, x => Math.Log(x / q) * q, 2.0);
            r = Load(SelfTestTable.ExpQ16);
            for (int i = 0; i < r.Length; i += 2)
            {
                double exact = Math.Exp(r[i] / q) * q;
                if (exact >= int.MaxValue) Assert.Equal(int.MaxValue, r[i + 1]);
                else Assert.True(Math.Abs(r[i + 1] - exact) <= 2 + exact * Math.Pow(2, -20), $"exp row {i / 2}");
            }
            r = Load(SelfTestTable.NormalConfidence);
            for (int i = 0; i < r.Length; i += 2)
                Assert.True(Math.Abs(r[i + 1] - 1000 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, r[i] / q)) <= 8, $"confidence row {i / 2}");
            // The estimator sequence against the double reference of the same algorithm (0.5 % after the start-up steps).
            r = Load(SelfTestTable.ResistanceSequence);
            var reference = new RlsReference(SelfTest.SequenceForgetting_Q16 / q);
            for (int i = 0, k = 0; i < r.Length; i += 4, k++)
            {
                reference.Update(r[i] / 1000.0, r[i + 1] / 1e6);
                if (k < 2) continue;
                Assert.True(Math.Abs(r[i + 2] * 1e-9 / reference.R - 1) < 0.005, $"resistance step {k}");
                Assert.True(Math.Abs(r[i + 3] * 1e-9 / reference.StandardError(SelfTest.SequenceNoiseFloor_uV * 1e-6) - 1) < 0.01, $"se step {k}");
            }
        }

        private static void CheckUnary(SelfTestTable table, Func<double, double> exact, double bound)
        {
            long[] r = Load(table);
            for (int i = 0; i < r.Length; i += 2)
            {
                if (r[i] <= 0) { Assert.Equal(int.MinValue, r[i + 1]); continue; }
                Assert.True(Math.Abs(r[i + 1] - exact(r[i])) <= bound, $"{table} row {i / 2}");
            }
        }

        [Fact]
        public void Malformed_Golden_File_Names_Line_And_Column()
        {
            string path = Path.Combine(Path.GetTempPath(), $"golden-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, "x_q16,expected_q16\n1,2\n3,abc\n");
            try
            {
                var ex = Assert.Throws<FormatException>(() => GoldenCsv.Load(path, 2, out _));
                Assert.Contains("line 3 column 2 (expected_q16)", ex.Message);
            }
            finally { File.Delete(path); }
        }

        private static long[] Load(SelfTestTable table)
        {
            var t = Tables.First(x => x.Table == table);
            return GoldenCsv.Load(Path.Combine(GoldenDir, t.File), SelfTest.RowWidth(table), out _);
        }

        // ---------------------------------------------------------------- generation (only with CELLVAR_REGEN_GOLDEN=1)

        private static long[] Inputs(SelfTestTable table)
        {
            var rng = new Random(20261125);
            var v = new List<long>();
            switch (table)
            {
                case SelfTestTable.MulQ16:
                    foreach (var (a, b) in new[] { (Q(1.5), Q(2.25)), (Q(-3.75), Q(1.125)), (Q(0.0001), Q(0.0001)), (Q(181), Q(181)),
                        (Q(-32768), 65536), (Q(123.456), Q(-0.001)), (int.MaxValue, Q(2)), (1, 1), (-1, 32768), (3, 32768) })
                    { v.Add(a); v.Add(b); }
                    for (int i = 0; i < 6; i++) { v.Add(Q(-200 + 400 * rng.NextDouble())); v.Add(Q(-100 + 200 * rng.NextDouble())); }
                    break;
                case SelfTestTable.DivQ16:
                    foreach (var (a, b) in new[] { (Q(1), Q(3)), (Q(-7), Q(2)), (Q(100), Q(0.001)), (Q(1), 0), (Q(-1), 0), (Q(0.5), Q(-0.25)),
                        (0, Q(5)), (int.MaxValue, 1) })
                    { v.Add(a); v.Add(b); }
                    for (int i = 0; i < 6; i++) { v.Add(Q(-1000 + 2000 * rng.NextDouble())); v.Add(Q(0.5 + 50 * rng.NextDouble())); }
                    break;
                case SelfTestTable.Isqrt:
                    v.AddRange(new long[] { 0, 1, 2, 3, 4, 15, 16, 17, 4294967295L, (1L << 52) + 12345, long.MaxValue, 999999999999L, -5 });
                    break;
                case SelfTestTable.Log2Q16:
                case SelfTestTable.LnQ16:
                    v.AddRange(new long[] { 1, 65536, 131072, 98304, Q(3), Q(0.1), Q(1000), int.MaxValue, 0, -5, Q(1.0001), Q(20.25) });
                    break;
                case SelfTestTable.ExpQ16:
                    v.AddRange(new long[] { 0, Q(1), Q(-1), Q(10), Q(10.4), Q(-10), Q(-16.5), Q(0.5), Q(-0.25), Q(3.3), 1, -1 });
                    break;
                case SelfTestTable.NormalConfidence:
                    foreach (double z in new[] { -8, -3, -1.96, -1, 0, 0.5, 1, 1.645, 2, 3, 5, 10 }) v.Add(Q(z));
                    break;
                default:
                    for (int k = 0; k < 16; k++)
                    {
                        int dI = (k % 2 == 0 ? 1 : -1) * (8000 + 1000 * (k % 5));
                        int noise = ((k * 7919) % 9 - 4) * 800;
                        v.Add(dI);
                        v.Add((long)Math.Round(0.015 * dI * 1000) + noise); // 15 mΩ: µV = mΩ·mA
                    }
                    break;
            }
            return v.ToArray();
        }

        private static long[] Compute(SelfTestTable table)
        {
            long[] inp = Inputs(table);
            var rows = new List<long>();
            if (table == SelfTestTable.ResistanceSequence)
            {
                var est = new ResistanceEstimator(1, SelfTest.SequenceForgetting_Q16, SelfTest.SequenceNoiseFloor_uV);
                for (int i = 0; i < inp.Length; i += 2)
                {
                    est.Update(0, (int)inp[i], (int)inp[i + 1]);
                    rows.AddRange(new long[] { inp[i], inp[i + 1], est.GetResistance_nOhm(0), est.GetStandardError_nOhm(0) });
                }
                return rows.ToArray();
            }
            int inWidth = SelfTest.RowWidth(table) - 1;
            for (int i = 0; i < inp.Length; i += inWidth)
            {
                int a = (int)inp[i];
                long y = table switch
                {
                    SelfTestTable.MulQ16 => FixedMath.MulQ16(a, (int)inp[i + 1]),
                    SelfTestTable.DivQ16 => FixedMath.DivQ16(a, (int)inp[i + 1]),
                    SelfTestTable.Isqrt => FixedMath.Isqrt(inp[i]),
                    SelfTestTable.Log2Q16 => FixedMath.Log2Q16(a),
                    SelfTestTable.LnQ16 => FixedMath.LnQ16(a),
                    SelfTestTable.ExpQ16 => FixedMath.ExpQ16(a),
                    _ => FixedMath.NormalConfidencePermille(a),
                };
                for (int j = 0; j < inWidth; j++) rows.Add(inp[i + j]);
                rows.Add(y);
            }
            return rows.ToArray();
        }

        private static void Regenerate()
        {
            Directory.CreateDirectory(GoldenDir);
            var cs = new StringBuilder();
            cs.AppendLine("namespace CellVar.Bms.OnDevice");
            cs.AppendLine("{");
            cs.AppendLine("    // GENERATED by tests/CellVar.Bms.OnDevice.Tests/GoldenVectorTests.cs (CELLVAR_REGEN_GOLDEN=1); keep equal to tests/golden/device.");
            cs.AppendLine("    internal static class SelfTestVectors");
            cs.AppendLine("    {");
            foreach (var t in Tables)
            {
                long[] rows = Compute(t.Table);
                int w = SelfTest.RowWidth(t.Table);
                var csv = new StringBuilder();
                csv.Append(t.Header).Append('\n');
                cs.AppendLine($"        internal static readonly long[] {t.Table} = new long[]");
                cs.AppendLine("        {");
                for (int i = 0; i < rows.Length; i += w)
                {
                    var row = rows.Skip(i).Take(w).Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                    csv.Append(string.Join(",", row)).Append('\n');
                    cs.AppendLine("            " + string.Join(", ", row) + ",");
                }
                cs.AppendLine("        };");
                File.WriteAllText(Path.Combine(GoldenDir, t.File), csv.ToString());
            }
            cs.AppendLine("    }");
            cs.AppendLine("}");
            File.WriteAllText(Path.Combine(RepoPaths.Root, "src", "OnDevice", "SelfTestVectors.cs"), cs.ToString());
        }
    }
}

using CellVar.Bms.OnDevice;
using nanoFramework.TestFramework;

namespace CellVar.Bms.Firmware.NFUnitTest
{
    /// <summary>The golden vectors (tests/golden/device, embedded in the device library) run on the device or nanoCLR.</summary>
    [TestClass]
    public class GoldenVectorTests
    {
        [TestMethod]
        public void Boot_self_test_passes()
        {
            Assert.IsTrue(SelfTest.CaseCount() > 0);
            Assert.AreEqual(0, BootSelfTest.Run());
        }

        [TestMethod]
        public void Every_table_passes_on_its_own()
        {
            for (int t = 0; t <= (int)SelfTestTable.ResistanceSequence; t++)
            {
                SelfTestTable table = (SelfTestTable)t;
                Assert.AreEqual(0, SelfTest.RunTable(table, SelfTest.GetTable(table)));
            }
        }

        [TestMethod]
        public void A_corrupted_row_is_detected()
        {
            long[] rows = SelfTest.GetTable(SelfTestTable.MulQ16);
            long[] copy = new long[rows.Length];
            for (int i = 0; i < rows.Length; i++)
                copy[i] = rows[i];
            copy[SelfTest.RowWidth(SelfTestTable.MulQ16) - 1] += 1;
            Assert.IsTrue(SelfTest.RunTable(SelfTestTable.MulQ16, copy) >= 1);
        }
    }
}

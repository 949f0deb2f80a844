using CellVar.Bms.OnDevice;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The boot self-test through the very method the firmware calls at power-on (firmware/Common/Core/BootSelfTest.cs).</summary>
    public class SelfTestTests
    {
        [Fact]
        public void Golden_vectors_pass_through_the_firmware_boot_path()
        {
            Assert.True(SelfTest.CaseCount() > 0);
            Assert.Equal(0, BootSelfTest.Run());
        }

        [Fact]
        public void A_corrupted_golden_row_is_counted_as_a_failure()
        {
            // Proves the self-test can fail: change the expected value of one row of each table.
            for (int t = 0; t <= (int)SelfTestTable.ResistanceSequence; t++)
            {
                var table = (SelfTestTable)t;
                long[] rows = (long[])SelfTest.GetTable(table).Clone();
                Assert.Equal(0, SelfTest.RunTable(table, rows));
                int w = SelfTest.RowWidth(table);
                rows[w - 1] += 1;
                Assert.True(SelfTest.RunTable(table, rows) >= 1, $"table {table} did not notice a corrupted row");
            }
        }

        [Fact]
        public void Self_test_outcome_reaches_the_state_message_firmware_field()
        {
            Assert.Equal(FirmwareInfo.Version, FirmwareInfo.VersionWithSelfTest(0));
            Assert.Equal(FirmwareInfo.Version + "-stfail3", FirmwareInfo.VersionWithSelfTest(3));
            Assert.True(CellVar.Bms.OnDevice.Communication.Ascii.IsValidId(FirmwareInfo.VersionWithSelfTest(999)));
        }
    }
}

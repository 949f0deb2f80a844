namespace CellVar.Bms.Firmware
{
    /// <summary>Firmware identity published in the online state message.</summary>
    public static class FirmwareInfo
    {
        /// <summary>Firmware version (protocol id characters only).</summary>
        public const string Version = "0.1.0";

        /// <summary>
        /// Version string for the state message with the boot self-test outcome appended when it failed
        /// (<c>0.1.0-stfail3</c>): the v1 state message has no self-test field yet, and a monitor whose golden
        /// vectors fail must not look healthy on the dashboard.
        /// </summary>
        public static string VersionWithSelfTest(int selfTestFailures)
        {
            if (selfTestFailures == 0)
                return Version;
            int shown = selfTestFailures > 999 ? 999 : (selfTestFailures < 0 ? 999 : selfTestFailures);
            return Version + "-stfail" + shown.ToString();
        }
    }
}

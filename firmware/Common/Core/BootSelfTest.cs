using CellVar.Bms.OnDevice;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// The power-on self-test: runs the device library's golden vectors (<see cref="SelfTest.Run"/>, the same cases as
    /// tests/golden/device) on the device's own integer arithmetic. The host test suite calls this very method.
    /// </summary>
    public static class BootSelfTest
    {
        /// <summary>Runs the golden vectors; returns the number of failed cases (0 = pass). An exception counts as one failure.</summary>
        public static int Run()
        {
            try
            {
                return SelfTest.Run();
            }
            catch (System.Exception)
            {
                return 1;
            }
        }
    }
}

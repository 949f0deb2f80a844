using CellVar.Bms.Firmware.Hardware;

namespace CellVar.Bms.Firmware.Stm32
{
    /// <summary>STM32F769I-DISCO monitor: Ethernet, files on the QSPI flash drive I:, every ADC channel usable.</summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static void Main()
        {
            BoardProfile board = new BoardProfile();
            board.Family = "stm32";
            board.ConfigPath = "I:\\cellvar.json";
            board.PriorPath = "I:\\prior.json";
            board.HostConfigPath = "I:\\hostconfig.json";
            board.FirstBlockedChannel = -1;
            FirmwareBoot.Run(board);
        }
    }
}

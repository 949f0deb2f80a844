using System;
using CellVar.Bms.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace CellVar.Bms.Firmware.Esp32
{
    /// <summary>ESP32 / ESP32-S3 monitor: files on the internal flash drive I:, ADC2 (logical channels 10-19) never opened.</summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static void Main()
        {
            uint total, free, largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            Console.WriteLine("cellvar: native internal heap " + free.ToString() + " of " + total.ToString() + " bytes free, largest block " + largest.ToString());
            BoardProfile board = new BoardProfile();
            board.Family = "esp32";
            board.ConfigPath = "I:\\cellvar.json";
            board.PriorPath = "I:\\prior.json";
            board.HostConfigPath = "I:\\hostconfig.json";
            // ADC2 shares the radio: with Wi-Fi on its reads fail (CLR_E_PIN_UNAVAILABLE), so refuse such a file at boot.
            board.FirstBlockedChannel = 10;
            FirmwareBoot.Run(board);
        }
    }
}

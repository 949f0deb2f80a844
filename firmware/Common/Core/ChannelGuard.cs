using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Boot-time check that a configuration never asks for a channel the board cannot read with its network on
    /// (ESP32: logical channels 10-19 are ADC2, which fails while Wi-Fi runs). A second line of defence after
    /// <c>cellvar provision</c>, for files edited by hand or made for another board.
    /// </summary>
    public static class ChannelGuard
    {
        /// <summary>Returns null when every listed channel is below <paramref name="firstBlockedChannel"/> (or it is −1), else the reason.</summary>
        public static string Check(DeviceConfiguration cfg, int firstBlockedChannel)
        {
            if (firstBlockedChannel < 0 || cfg.AdcChannels == null)
                return null;
            for (int i = 0; i < cfg.AdcChannels.Length; i++)
            {
                if (cfg.AdcChannels[i] >= firstBlockedChannel)
                    return "adcChannels lists channel " + cfg.AdcChannels[i].ToString() + ", which is on ADC2 and cannot be read while Wi-Fi is on";
            }
            return null;
        }
    }
}

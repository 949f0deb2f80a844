namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>What differs between board families at boot: file locations and the ADC channels that must never be opened.</summary>
    public sealed class BoardProfile
    {
        /// <summary>Family name for the log (esp32, stm32).</summary>
        public string Family;
        /// <summary>Device path of the provisioning file.</summary>
        public string ConfigPath = "I:\\cellvar.json";
        /// <summary>Device path of the persisted prior.</summary>
        public string PriorPath = "I:\\prior.json";
        /// <summary>Device path of the persisted host config message (not the provisioning file).</summary>
        public string HostConfigPath = "I:\\hostconfig.json";
        /// <summary>Lowest logical channel that cannot be read while the network runs (ESP32: 10 = ADC2), or −1.</summary>
        public int FirstBlockedChannel = -1;
    }
}

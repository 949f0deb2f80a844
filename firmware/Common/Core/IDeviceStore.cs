namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Small persistent state kept across reboots: the last accepted prior (raw payload, re-decoded at boot through the
    /// same decoder) and the reserved message sequence. Flash on ESP32 (I:\), QSPI SPIFFS on STM32F769I.
    /// </summary>
    public interface IDeviceStore
    {
        /// <summary>Reads the persisted prior payload into <paramref name="buffer"/>; returns its length, or −1 when there is none or it cannot be read.</summary>
        int LoadPrior(byte[] buffer);

        /// <summary>Replaces the persisted prior; false when the write failed (the prior stays in force in RAM and the broker's retained copy is the fallback).</summary>
        bool SavePrior(byte[] payload, int length);

        /// <summary>The persisted sequence reservation, or 0.</summary>
        uint LoadSequence();

        /// <summary>Persists a sequence reservation; false when the write failed.</summary>
        bool SaveSequence(uint reservedUpTo);
    }
}

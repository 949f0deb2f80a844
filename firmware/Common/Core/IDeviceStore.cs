namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Small persistent state kept across reboots: the last accepted prior and the last accepted config (each as its raw
    /// payload, re-decoded at boot through the same decoder a received one takes, so a signed one also restores its id
    /// as the version in force) and the reserved message sequence. Flash on ESP32 (I:\), QSPI flash drive on STM32F769I.
    /// </summary>
    public interface IDeviceStore
    {
        /// <summary>
        /// Reads the persisted prior payload into <paramref name="buffer"/>; returns its length, −1 when there is none, or
        /// −2 when a file exists but cannot be used (read error, empty, larger than <paramref name="buffer"/>).
        /// </summary>
        int LoadPrior(byte[] buffer);

        /// <summary>Replaces the persisted prior; false when the write failed (the prior stays in force in RAM and the broker's retained copy is the fallback).</summary>
        bool SavePrior(byte[] payload, int length);

        /// <summary>Reads the persisted config payload into <paramref name="buffer"/>; returns as <see cref="LoadPrior"/>.</summary>
        int LoadConfig(byte[] buffer);

        /// <summary>Replaces the persisted config; false when the write failed (the config stays in force in RAM).</summary>
        bool SaveConfig(byte[] payload, int length);

        /// <summary>The persisted sequence reservation, or 0.</summary>
        uint LoadSequence();

        /// <summary>Persists a sequence reservation; false when the write failed.</summary>
        bool SaveSequence(uint reservedUpTo);
    }
}

namespace CellVar.Bms.Firmware
{
    /// <summary>What became of a persisted prior or config at boot.</summary>
    public enum RestoreOutcome
    {
        /// <summary>Nothing was persisted (fresh device): the provisioning defaults apply until the host sends one.</summary>
        None = 0,
        /// <summary>Decoded and accepted through the same path a received message takes; it is in force.</summary>
        Restored = 1,
        /// <summary>The file exists but could not be read (read error, empty or larger than the receive limit): defaults apply.</summary>
        Unreadable = 2,
        /// <summary>Read, but the protocol refused it (corrupt bytes, MAC mismatch after re-provisioning a key …): defaults apply.</summary>
        Rejected = 3,
    }
}

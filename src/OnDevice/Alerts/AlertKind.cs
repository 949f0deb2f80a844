namespace CellVar.Bms.OnDevice.Alerts
{
    /// <summary>What an <see cref="Alert"/> is about.</summary>
    public enum AlertKind : byte
    {
        /// <summary>No alert (the value of a default <see cref="Alert"/>).</summary>
        None = 0,
        /// <summary>A cell's ohmic resistance is above its prior's healthy threshold (sequential test on current steps).</summary>
        ResistanceOutlier = 1,
        /// <summary>A cell is hotter than its neighbours by more than its expected I²R heating explains.</summary>
        HotCell = 2,
        /// <summary>A cell's capacity is below its prior's healthy threshold.</summary>
        CapacityOutlier = 3,
        /// <summary>A cell's resistance has grown relative to its own baseline faster than the pack's.</summary>
        Drift = 4,
        /// <summary>A channel delivered flagged samples (rail, stuck, implausible, jump, pack-sum mismatch) for too long.</summary>
        SensorFault = 5,
    }
}

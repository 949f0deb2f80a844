namespace CellVar.Bms.Population.Pack
{
    /// <summary>What a pack discharge produced.</summary>
    public sealed record PackResult
    {
        /// <summary>Charge delivered until the first cell reached its cut-off [Ah] (weakest-cell limit).</summary>
        public double UsableCapacity_Ah { get; init; }
        /// <summary>Np × the mean single-cell capacity at the same per-cell current: what a pack of identical average cells would give [Ah].</summary>
        public double MeanCellCapacityTimesNp_Ah { get; init; }
        /// <summary>Cell index (0-based, group-major) that ended the discharge.</summary>
        public int LimitingCell { get; init; }
        /// <summary>Discharge duration [s].</summary>
        public double Duration_s { get; init; }
        /// <summary>Largest SOC spread (max − min over all cells) at the end.</summary>
        public double SocSpreadEnd { get; init; }
        /// <summary>Largest SOC spread seen during the discharge (sampled every few steps).</summary>
        public double MaxSocSpread { get; init; }
        /// <summary>Lowest pack terminal voltage (group voltages minus the interconnect drop) [V].</summary>
        public double MinPackVoltage_V { get; init; }
        /// <summary>Energy dissipated in the inter-group interconnects [Wh].</summary>
        public double InterconnectLoss_Wh { get; init; }
        /// <summary>Largest |I_cell / mean group current − 1| seen in any parallel group.</summary>
        public double MaxCurrentImbalance { get; init; }
        /// <summary>Highest cell temperature rise over ambient [K].</summary>
        public double MaxTemperatureRise_K { get; init; }
        /// <summary>Mean final temperature rise [K].</summary>
        public double MeanTemperatureRise_K { get; init; }
        /// <summary>Total cell-steps computed (cells × steps).</summary>
        public long CellSteps { get; init; }
        /// <summary>Per-cell final temperature rise [K].</summary>
        public required double[] TemperatureRise_K { get; init; }
        /// <summary>Per-cell final SOC.</summary>
        public required double[] FinalSoc { get; init; }
        /// <summary>Per-cell weld resistance used [Ω].</summary>
        public required double[] Weld_Ohm { get; init; }
    }
}

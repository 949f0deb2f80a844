using System.Collections.Generic;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>Everything a replay produced.</summary>
    public sealed record ReplayResult
    {
        /// <summary>Name of the replayed log.</summary>
        public string Source { get; init; } = "";
        /// <summary>Rows in the log.</summary>
        public int Rows { get; init; }
        /// <summary>Device ticks run (fewer than rows when a longer sample period decimates the log).</summary>
        public int Ticks { get; init; }
        /// <summary>Time span replayed.</summary>
        public double Duration_s { get; init; }
        /// <summary>What priors applied ("default: pack robust median" or the prior file's source).</summary>
        public string Priors { get; init; } = "";
        /// <summary>Every alert event in order.</summary>
        public IReadOnlyList<ReplayAlert> Alerts { get; init; } = [];
        /// <summary>Per-cell end state.</summary>
        public IReadOnlyList<CellSummary> Cells { get; init; } = [];
        /// <summary>Pack median resistance at the end (null before enough cells warmed up).</summary>
        public double? R0Median_mOhm { get; init; }
        /// <summary>Ticks whose pack current sample was flagged (missing, rail, implausible).</summary>
        public int FlaggedCurrentSamples { get; init; }
        /// <summary>Ticks on which a temperature sensor sample was flagged, per sensor.</summary>
        public IReadOnlyList<int> FlaggedTemperatureSamples { get; init; } = [];
        /// <summary>Alerts the device's ring buffer dropped (0 when drained every tick, as replay does).</summary>
        public int AlertsDropped { get; init; }
        /// <summary>Non-fatal remarks (ignored columns, prior features the device cannot represent).</summary>
        public IReadOnlyList<string> Warnings { get; init; } = [];
    }
}

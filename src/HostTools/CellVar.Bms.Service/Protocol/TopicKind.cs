namespace CellVar.Bms.Service.Protocol
{
    /// <summary>The last level of a protocol v1 topic.</summary>
    public enum TopicKind
    {
        /// <summary>Retained online/offline state (device → host).</summary>
        State,
        /// <summary>Per-cell telemetry (device → host).</summary>
        Telemetry,
        /// <summary>Alert raised/cleared (device → host).</summary>
        Alert,
        /// <summary>Answer to a prior/config (device → host).</summary>
        Status,
        /// <summary>Prior (host → device).</summary>
        Prior,
        /// <summary>Config (host → device).</summary>
        Config,
    }
}

using System.Collections.Generic;

namespace CellVar.Bms.Service.Storage
{
    /// <summary>A monitor as the API shows it; <see cref="Stale"/> is true when it is offline or silent for longer than the stale limit.</summary>
    public sealed record MonitorRow(string MonitorId, string Site, bool Online, bool Stale, string? Firmware, int? CellCount,
        long FirstSeenMs, long LastSeenMs, long? StateChangedMs, long? MaxSeq, long Messages, int OpenAlerts, int Gaps);

    /// <summary>Latest estimate of one cell (wire units); <see cref="Stale"/> mirrors the monitor's.</summary>
    public sealed record CellRow(string MonitorId, int Cell, long Seq, long DeviceMs, long ReceivedMs, int VoltageMv, int ResistanceUohm,
        int CapacityMah, int TemperatureDc, int RScoreC, int TScoreC, int Flags, bool Stale);

    /// <summary>One cell's values from one telemetry message.</summary>
    public sealed record TelemetryPoint(long Seq, long DeviceMs, long ReceivedMs, int CurrentMa, int Cell, int VoltageMv, int ResistanceUohm,
        int CapacityMah, int TemperatureDc, int RScoreC, int TScoreC, int Flags);

    /// <summary>An alert with its raise, clear and acknowledgement.</summary>
    public sealed record AlertRow(long AlertId, string MonitorId, int Cell, string Kind, bool Open, long? RaisedSeq, long? RaisedDeviceMs,
        long? RaisedMs, long? Value, long? Limit, long? ScoreC, long? ClearedSeq, long? ClearedMs, long? ClearedValue,
        long? AckedMs, string? AckedBy, string? AckNote);

    /// <summary>A prior or config sent to a device, and the device's answer.</summary>
    public sealed record DownlinkRow(long DownlinkId, string MonitorId, string Kind, long MessageId, long CreatedMs, string? Source,
        string Payload, long? SentMs, string Status, long? AnsweredMs, string? Error, string? Field);

    /// <summary>A recorded sequence gap.</summary>
    public sealed record GapRow(string MonitorId, long FromSeq, long ToSeq, long DetectedMs, int LateArrivals);

    /// <summary>A rejected payload.</summary>
    public sealed record RejectRow(long RejectId, long ReceivedMs, string Topic, string Reason, string? Field, string Detail, int Size, string? Excerpt);

    /// <summary>Row counts per table (diagnostics and tests).</summary>
    public sealed record TableCounts(IReadOnlyDictionary<string, long> Rows);
}

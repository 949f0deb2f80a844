namespace CellVar.Bms.Service.Protocol
{
    /// <summary>A validated device → host message.</summary>
    public abstract record DeviceMessage(string Monitor, long? Seq, long? DeviceTime_ms);

    /// <summary>Online (with firmware and cell count) or offline (last will) state.</summary>
    public sealed record StateMessage(string Monitor, long? Seq, long? DeviceTime_ms, bool Online, string? Firmware, int? CellCount)
        : DeviceMessage(Monitor, Seq, DeviceTime_ms);

    /// <summary>One telemetry page; <see cref="Cells"/> is cells × 7 values in wire column order.</summary>
    public sealed record TelemetryMessage(string Monitor, long Sequence, long DeviceTime, int Current_mA, int FirstCell, int[][] Cells, string CellsJson)
        : DeviceMessage(Monitor, Sequence, DeviceTime);

    /// <summary>An alert raised or cleared.</summary>
    public sealed record AlertMessage(string Monitor, long Sequence, long DeviceTime, int Cell, string Kind, bool Raised, long Value, long Limit, long Score_c)
        : DeviceMessage(Monitor, Sequence, DeviceTime);

    /// <summary>The device's answer to a prior or config.</summary>
    public sealed record StatusMessage(string Monitor, long Sequence, long DeviceTime, string Regarding, long Id, bool Ok, string? Error, string? Field, long? At)
        : DeviceMessage(Monitor, Sequence, DeviceTime);
}

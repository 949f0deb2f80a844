using CellVar.Bms.Provisioning.Boards;

namespace CellVar.Bms.Provisioning
{
    /// <summary>The device configuration file plus what the technician needs to flash it.</summary>
    /// <param name="Board">The board it was made for.</param>
    /// <param name="Channels">Signal → channel map.</param>
    /// <param name="ConfigJson">Contents of the device configuration file (ASCII JSON).</param>
    public sealed record ProvisionResult(BoardDefinition Board, ChannelAssignment Channels, string ConfigJson);
}

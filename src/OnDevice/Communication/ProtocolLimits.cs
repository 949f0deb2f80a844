namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Fixed sizes of protocol v1 on the device. The buffers are allocated once per <see cref="MonitorLink"/>;
    /// tests check that the largest message of each kind fits (see Protocol/PROTOCOL.md, "Size budget").
    /// </summary>
    public static class ProtocolLimits
    {
        /// <summary>Payload schema version written as <c>"v"</c> and required on every received message.</summary>
        public const int SchemaVersion = 1;

        /// <summary>Most cells one monitor can track (per-cell prior overrides are indexed 1..MaxCells).</summary>
        public const int MaxCells = 64;

        /// <summary>Most cells in one telemetry message; larger packs send pages (<c>"c0"</c> is the first cell of the page).</summary>
        public const int MaxCellsPerTelemetry = 16;

        /// <summary>Longest monitor id, site id or firmware version string, in ASCII characters.</summary>
        public const int MaxIdLength = 24;

        /// <summary>Transmit buffer: holds the worst-case 16-cell telemetry message (every field at its widest) with room to spare.</summary>
        public const int TransmitBufferBytes = 1024;

        /// <summary>Receive limit for prior and config payloads; anything longer is rejected as too large without parsing.</summary>
        public const int ReceiveLimitBytes = 2048;

        /// <summary>Deepest JSON nesting a received payload may use (object → array → object → object).</summary>
        public const int MaxJsonDepth = 4;
    }
}

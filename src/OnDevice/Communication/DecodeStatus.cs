namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>Outcome of decoding a host → device message; everything but <see cref="Accepted"/> leaves the previous value in force.</summary>
    public enum DecodeStatus
    {
        /// <summary>Parsed, validated and now in force.</summary>
        Accepted = 0,
        /// <summary>Not JSON, or outside the JSON subset the device reads (escapes, nesting too deep, trailing bytes).</summary>
        Json = 1,
        /// <summary>Longer than <see cref="ProtocolLimits.ReceiveLimitBytes"/>.</summary>
        TooLarge = 2,
        /// <summary><c>"v"</c> is not <see cref="ProtocolLimits.SchemaVersion"/>.</summary>
        Version = 3,
        /// <summary><c>"mon"</c> names another monitor.</summary>
        Monitor = 4,
        /// <summary>A required field is absent.</summary>
        Missing = 5,
        /// <summary>A field has the wrong JSON type (e.g. a fraction or a string where an integer belongs).</summary>
        Type = 6,
        /// <summary>A value lies outside its allowed range.</summary>
        Range = 7,
    }
}

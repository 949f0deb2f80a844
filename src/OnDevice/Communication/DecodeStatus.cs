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
        /// <summary>A key is provisioned and the message carries no <c>"mac"</c> trailer (unsigned, or cut off before its end).</summary>
        MacMissing = 8,
        /// <summary>The <c>"mac"</c> trailer is not exactly 64 lowercase hex digits at the end (e.g. a truncated MAC).</summary>
        MacMalformed = 9,
        /// <summary>The MAC does not match: forged, altered in transit, signed with another monitor's key or for the other topic.</summary>
        MacMismatch = 10,
        /// <summary>Authentic, but its <c>id</c> is not newer than the one in force (an old signed message replayed).</summary>
        Replayed = 11,
    }
}

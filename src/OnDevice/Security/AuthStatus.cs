namespace CellVar.Bms.OnDevice.Security
{
    /// <summary>Outcome of authenticating a host → device message; everything but <see cref="Authentic"/> means "do not apply".</summary>
    public enum AuthStatus
    {
        /// <summary>The MAC is right and (after <see cref="PriorAuthenticator.CheckVersion"/>) the version is newer than the one in force.</summary>
        Authentic = 0,
        /// <summary>No <c>"mac"</c> trailer: an unsigned message, or one cut off before its end.</summary>
        MissingMac = 1,
        /// <summary>A <c>"mac"</c> trailer with anything but exactly 64 lowercase hex digits (e.g. a truncated MAC).</summary>
        MalformedMac = 2,
        /// <summary>Well-formed MAC that does not match: forged, altered in transit, or signed with another monitor's key.</summary>
        BadMac = 3,
        /// <summary>Authentic but its version (prior/config <c>id</c>) is older than, or equal to, the one in force with a different MAC: a replay.</summary>
        Replayed = 4,
        /// <summary>Exactly the message already in force (same version, same MAC), e.g. a retained message re-delivered after reconnect: harmless, apply nothing.</summary>
        AlreadyInForce = 5,
    }
}

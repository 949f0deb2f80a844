namespace CellVar.Bms.DeviceRules.Tests.Checker
{
    /// <summary>One broken device rule.</summary>
    /// <param name="Kind">Which rule.</param>
    /// <param name="Location">Where: <c>Namespace.Type::Method</c>, <c>Namespace.Type::field</c>, or a metadata table row.</param>
    /// <param name="Detail">What was found, e.g. the opcode and IL offset or the offending type.</param>
    public sealed record Violation(ViolationKind Kind, string Location, string Detail)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Kind} at {Location}: {Detail}";
    }
}

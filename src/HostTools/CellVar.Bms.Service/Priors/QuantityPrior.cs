namespace CellVar.Bms.Service.Priors
{
    /// <summary>One quantity of a device prior in device integer units (µΩ, mAh or 0.1 K); limits null = none.</summary>
    public sealed record QuantityPrior(long Location, long Scale, long? High, long? Low);
}

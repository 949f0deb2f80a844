namespace CellVar.Bms.Provisioning.Calibration
{
    /// <summary>A fitted line reference = Slope·raw + Intercept for one signal, with its residuals.</summary>
    /// <param name="Signal">Signal name.</param>
    /// <param name="Points">Readings used.</param>
    /// <param name="Method"><c>two-point</c> or <c>least-squares</c>.</param>
    /// <param name="Slope">Reference units per count.</param>
    /// <param name="Intercept">Reference units at zero counts.</param>
    /// <param name="MaxResidual">Largest |reading − fit| in reference units (0 for two points).</param>
    /// <param name="RmsResidual">Root-mean-square residual in reference units.</param>
    public sealed record ChannelFit(string Signal, int Points, string Method, double Slope, double Intercept, double MaxResidual, double RmsResidual);
}

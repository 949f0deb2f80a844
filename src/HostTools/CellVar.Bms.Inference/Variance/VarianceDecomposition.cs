using System.Collections.Generic;

namespace CellVar.Bms.Inference.Variance
{
    /// <summary>One variance component with its profile-likelihood interval and share of the total.</summary>
    /// <param name="Name">Level name (the last one is the residual / bottom level).</param>
    /// <param name="Groups">Number of groups at this level (rows for the residual).</param>
    /// <param name="Variance">REML estimate σ².</param>
    /// <param name="Lower">Lower end of the profile-likelihood interval (0 when the profile reaches the boundary).</param>
    /// <param name="Upper">Upper end (+∞ when the profile never drops below the cut-off).</param>
    /// <param name="Share">σ²_k / Σσ².</param>
    /// <param name="ShareLower">Lower end of the share interval (delta method on the logit scale; NaN at a boundary).</param>
    /// <param name="ShareUpper">Upper end of the share interval.</param>
    public sealed record VarianceComponent(string Name, int Groups, double Variance, double Lower, double Upper, double Share, double ShareLower, double ShareUpper);

    /// <summary>Result of a nested variance decomposition.</summary>
    /// <param name="Components">Top level first, residual last.</param>
    /// <param name="Mean">GLS estimate of the overall mean.</param>
    /// <param name="MeanSe">Its standard error.</param>
    /// <param name="Rows">Observations used.</param>
    /// <param name="Confidence">Interval confidence level (e.g. 0.9).</param>
    /// <param name="Method">"REML" or "ML".</param>
    /// <param name="MinusTwoLogLik">−2 log-likelihood at the optimum (constants dropped).</param>
    public sealed record VarianceDecomposition(IReadOnlyList<VarianceComponent> Components, double Mean, double MeanSe, int Rows, double Confidence, string Method, double MinusTwoLogLik);
}

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>How a natural parameter maps to the unconstrained coordinate the optimiser works in.</summary>
    public enum ParameterTransform
    {
        /// <summary>Any real value.</summary>
        Identity,

        /// <summary>Positive: optimised as its logarithm.</summary>
        Log,

        /// <summary>A probability in (0, 1): optimised as its logit.</summary>
        Logit,
    }
}

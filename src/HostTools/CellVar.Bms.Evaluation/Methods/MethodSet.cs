using System.Collections.Generic;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>The methods every suite compares, ours first.</summary>
    public static class MethodSet
    {
        /// <summary>Fresh instances (the baselines keep per-row scratch state, so each thread needs its own).</summary>
        public static IReadOnlyList<DetectionMethod> Create() =>
            [new DeviceCusumMethod(), new AbsoluteLimitMethod(), new MeanDeviationMethod(), new ModifiedZScoreMethod(), new PriorGaussianMethod()];
    }
}

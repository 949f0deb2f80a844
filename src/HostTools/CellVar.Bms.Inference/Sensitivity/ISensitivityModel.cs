using System;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>A scalar model Y = f(X) evaluated by the sensitivity methods. Must be thread-safe (runs are parallel).</summary>
    public interface ISensitivityModel
    {
        /// <summary>Short description for reports.</summary>
        string Description { get; }

        /// <summary>Evaluates the model at one input vector (input order of the spec).</summary>
        double Evaluate(ReadOnlySpan<double> x);
    }
}

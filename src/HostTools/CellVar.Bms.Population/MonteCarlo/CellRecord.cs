using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.Physics;
using CellVar.Bms.Population.Sampling;

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>One simulated cell: its sample, the parameters it produced, derived quantities and outputs (or why it was rejected).</summary>
    /// <param name="Sample">The sampled manufacturing values.</param>
    /// <param name="Parameters">The cell model parameters (null if rejected before building them).</param>
    /// <param name="Derived">Closed-form derived quantities (null if rejected).</param>
    /// <param name="Outputs">Experiment outputs (null if rejected).</param>
    /// <param name="Rejection">Why this cell was not simulated (e.g. porosity + active fraction &gt; 1), null if fine.</param>
    public sealed record CellRecord(SampledCell Sample, CellParameters? Parameters, DerivedParameters? Derived, CellOutputs? Outputs, string? Rejection);
}

using CellVar.Bms.Population.Distributions;

namespace CellVar.Bms.Population.Spec
{
    /// <summary>One manufacturing variable: its distribution, the model parameter it sets and its lot/module/cell variance split.</summary>
    /// <param name="Name">Manufacturing variable name, unique in the spec (e.g. "neg_coating_thickness").</param>
    /// <param name="Parameter">The model parameter it sets.</param>
    /// <param name="Marginal">Its total (population) distribution.</param>
    /// <param name="LotFraction">Share of the latent variance that is common to a lot.</param>
    /// <param name="ModuleFraction">Share common to a module within a lot.</param>
    /// <param name="CellFraction">Share that is cell-to-cell; the three sum to 1.</param>
    public sealed record VariableSpec(string Name, ParameterDomain Parameter, IMarginal Marginal, double LotFraction, double ModuleFraction, double CellFraction);
}

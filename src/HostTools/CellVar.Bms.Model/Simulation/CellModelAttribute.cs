using System;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>
    /// Declares, on an assembly, a cell model type that <see cref="CellModelRegistry"/> discovers when that assembly sits beside
    /// the application (e.g. <c>[assembly: CellModel(typeof(DfnModel))]</c> in CellVar.Bms.Dfn). The type needs a public
    /// parameterless constructor. This lets another project add a model without editing this library or the CLI verb.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class CellModelAttribute : Attribute
    {
        /// <summary>Declares <paramref name="modelType"/> (an <see cref="ICellModel"/>) as a discoverable model.</summary>
        public CellModelAttribute(Type modelType) => ModelType = modelType;

        /// <summary>The model type.</summary>
        public Type ModelType { get; }
    }
}

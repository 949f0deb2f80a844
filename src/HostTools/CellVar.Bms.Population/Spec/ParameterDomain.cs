using System;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Population.Spec
{
    /// <summary>A named cell-model parameter that a manufacturing variable drives, with its admissible range from the model's catalog.</summary>
    public sealed class ParameterDomain
    {
        private ParameterDomain(ParameterDefinition definition) { Definition = definition; }

        /// <summary>The cell model's definition (name, unit, range, getter/setter).</summary>
        public ParameterDefinition Definition { get; }

        /// <summary>Canonical parameter name (e.g. NegativePorosity).</summary>
        public string Name => Definition.Name;

        /// <summary>Lower bound of the admissible range.</summary>
        public double Lower => Definition.Minimum;

        /// <summary>Upper bound of the admissible range.</summary>
        public double Upper => Definition.Maximum;

        /// <summary>Looks a parameter up in the cell model's catalog; throws <see cref="SpecException"/> naming <paramref name="where"/> if unknown.</summary>
        public static ParameterDomain Get(string name, string where)
        {
            try { return new ParameterDomain(CellParameters.Definition(name)); }
            catch (ParameterException e) { throw new SpecException($"{where}: {e.Message}", e); }
            catch (ArgumentException e) { throw new SpecException($"{where}: {e.Message}", e); }
        }
    }
}

using System.Collections.Generic;

namespace CellVar.Bms.Population.Spec
{
    /// <summary>
    /// A validated population spec: manufacturing variables, their latent correlation matrix (Gaussian copula)
    /// and the lot → module → cell layout. Build with <see cref="PopulationSpecReader"/>.
    /// </summary>
    public sealed class PopulationSpec
    {
        internal PopulationSpec(string name, string parameterSet, IReadOnlyList<VariableSpec> variables, double[,] correlation, int cellsPerModule, int modulesPerLot)
        {
            Name = name; ParameterSet = parameterSet; Variables = variables; Correlation = correlation;
            CellsPerModule = cellsPerModule; ModulesPerLot = modulesPerLot;
        }

        /// <summary>Free-text name.</summary>
        public string Name { get; }
        /// <summary>Base parameter set of the cell model (e.g. chen2020).</summary>
        public string ParameterSet { get; }
        /// <summary>Manufacturing variables in spec order (this order is the column order everywhere).</summary>
        public IReadOnlyList<VariableSpec> Variables { get; }
        /// <summary>Latent correlation matrix (symmetric, unit diagonal, positive definite).</summary>
        public double[,] Correlation { get; }
        /// <summary>Cells per module.</summary>
        public int CellsPerModule { get; }
        /// <summary>Modules per lot.</summary>
        public int ModulesPerLot { get; }

        /// <summary>A copy in which every defect-mixture variable has defect probability <paramref name="weight"/> (epistemic studies).</summary>
        public PopulationSpec WithDefectWeight(double weight)
        {
            var vars = new System.Collections.Generic.List<VariableSpec>();
            foreach (var v in Variables)
                vars.Add(v.Marginal is Distributions.DefectMixtureMarginal m
                    ? v with { Marginal = new Distributions.DefectMixtureMarginal(m.Bulk.Location, m.Bulk.Sd, weight, m.Defect.Median, m.Defect.SigmaLog) }
                    : v);
            return new PopulationSpec(Name, ParameterSet, vars, Correlation, CellsPerModule, ModulesPerLot);
        }

        /// <summary>Index of a variable by name, or −1.</summary>
        public int IndexOf(string variableName)
        {
            for (int i = 0; i < Variables.Count; i++) if (Variables[i].Name == variableName) return i;
            return -1;
        }
    }
}

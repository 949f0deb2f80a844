using System;
using CellVar.Bms.Population.Sampling;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.VirtualRig.Simulation
{
    /// <summary>
    /// Draws every cell's tab-weld contact resistance from a population spec (the variable mapped to
    /// <c>ContactResistance_Ohm</c>) with the population model's own sampler: lot → module → cell hierarchy and, for a
    /// <c>normal_defect_mixture</c>, the rare heavy-tailed bad welds. Cell k of monitor m is population cell (m − 1)·N + k − 1,
    /// so consecutive packs come from consecutive modules.
    /// </summary>
    public sealed class PopulationWelds
    {
        private readonly PopulationSampler _sampler;
        private readonly int _variable;

        /// <summary>Uses <paramref name="spec"/>; throws <see cref="ArgumentException"/> when no variable drives ContactResistance_Ohm.</summary>
        public PopulationWelds(PopulationSpec spec, long seed, string source)
        {
            ArgumentNullException.ThrowIfNull(spec);
            _variable = -1;
            for (int i = 0; i < spec.Variables.Count; i++)
                if (spec.Variables[i].Parameter.Name == "ContactResistance_Ohm") _variable = i;
            if (_variable < 0) throw new ArgumentException($"{source}: no variable sets ContactResistance_Ohm (the tab weld), so it cannot drive the virtual rig's welds");
            _sampler = new PopulationSampler(spec, seed);
            Median_Ohm = spec.Variables[_variable].Marginal.Quantile(0.5);
        }

        /// <summary>Median contact resistance of the population (the healthy weld).</summary>
        public double Median_Ohm { get; }

        /// <summary>Contact resistance of 1-based <paramref name="cell"/> of 1-based <paramref name="monitor"/> in a pack of <paramref name="cells"/>.</summary>
        public double Draw_Ohm(int monitor, int cell, int cells) => _sampler.Sample((monitor - 1) * cells + cell - 1).Values[_variable];
    }
}

using System;
using System.Linq;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Model.Tests
{
    public sealed class ParameterTests
    {
        [Fact]
        public void Chen2020_is_valid_and_matches_the_reference_values()
        {
            var p = ParameterSets.Get("Chen2020");
            Assert.Empty(p.FindProblems());
            // Values from pybamm-models.md §1 (PyBaMM's Chen2020.py).
            Assert.Equal(85.2e-6, p.Get("NegativeElectrodeThickness_m"));
            Assert.Equal(0.335, p.Get("positiveporosity"));
            Assert.Equal(0.1027, p.ElectrodeArea_m2, 12);
        }

        [Fact]
        public void Every_definition_reads_and_writes_its_own_property()
        {
            var p = ParameterSets.Chen2020;
            foreach (var d in CellParameters.Definitions)
            {
                double v = d.Get(p);
                double changed = v == 0 ? 1e-3 : v * 1.01;
                var q = p.With(d.Name, changed);
                Assert.Equal(changed, q.Get(d.Name));
                // Only that parameter changed.
                foreach (var other in CellParameters.Definitions.Where(o => o.Name != d.Name))
                    Assert.Equal(other.Get(p), other.Get(q));
            }
            Assert.Equal(CellParameters.Names.Count, CellParameters.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void Unknown_name_lists_the_known_ones()
        {
            var e = Assert.Throws<ParameterException>(() => ParameterSets.Chen2020.With("SeparatorThickness", 1e-5));
            Assert.Contains("Unknown parameter 'SeparatorThickness'", e.Message);
            Assert.Contains("SeparatorThickness_m", e.Message);
        }

        [Theory]
        [InlineData("NegativeElectrodeThickness_m=-1e-6", "NegativeElectrodeThickness_m")]
        [InlineData("SeparatorPorosity=1", "SeparatorPorosity")]
        [InlineData("PositivePorosity=0", "PositivePorosity")]
        [InlineData("NegativePorosity=0.3", "NegativeActiveMaterialFraction")] // 0.3 + 0.75 > 1
        [InlineData("LowerCutoffVoltage_V=4.3", "LowerCutoffVoltage_V")]
        [InlineData("Temperature_K=NaN", "not a finite number")]
        [InlineData("SeparatorThickness_m", "NAME=VALUE")]
        public void Impossible_overrides_are_rejected_with_the_name(string assignment, string expected)
        {
            var e = Assert.Throws<ParameterException>(() => ParameterOverrides.Apply(ParameterSets.Chen2020, new[] { assignment }));
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public void All_override_problems_are_reported_together()
        {
            var e = Assert.Throws<ParameterException>(() =>
                ParameterOverrides.Apply(ParameterSets.Chen2020, new[] { "Bogus=1", "SeparatorPorosity=1.5" }));
            Assert.Equal(2, e.Problems.Count);
        }

        [Fact]
        public void Valid_overrides_apply_in_order()
        {
            var p = ParameterOverrides.Apply(ParameterSets.Chen2020, new[] { "SeparatorThickness_m=14e-6", "contactresistance_ohm = 0.002" });
            Assert.Equal(14e-6, p.SeparatorThickness_m);
            Assert.Equal(0.002, p.ContactResistance_Ohm);
        }

        [Fact]
        public void Unknown_set_lists_known_sets()
        {
            var e = Assert.Throws<ParameterException>(() => ParameterSets.Get("marquis2019"));
            Assert.Contains("chen2020", e.Message);
        }

        [Fact]
        public void Electrolyte_and_ocp_functions_match_reference_values()
        {
            // pybamm-models.md §1: D_e(1000) = 1.7694e-10, κ_e(1000) = 0.9487.
            Assert.Equal(1.7694e-10, Nyman2008Electrolyte.Diffusivity_m2_s(1000), 14);
            Assert.Equal(0.9487, Nyman2008Electrolyte.Conductivity_S_m(1000), 4);
            // §5 table: U_n and U_p at SOC 0.75 stoichiometries (6-digit values in the reference).
            Assert.Equal(0.092347, Chen2020Functions.GraphiteOcp_V(0.6895499826), 6);
            Assert.Equal(4.086651, Chen2020Functions.NmcOcp_V(0.4113775871), 6);
            // The barrier keeps the OCP finite and monotone outside [0, 1].
            Assert.True(double.IsFinite(Chen2020Functions.GraphiteOcp_V(-0.01)));
            Assert.True(Chen2020Functions.GraphiteOcp_V(-0.001) > Chen2020Functions.GraphiteOcp_V(0.001));
        }

        [Fact]
        public void ElectrodeSoh_reproduces_PyBaMM()
        {
            var soh = ElectrodeSoh.Compute(ParameterSets.Chen2020);
            // pybamm-models.md §5 (PyBaMM eSOH; quoted to 1e-12). Tolerance 1e-7: PyBaMM's own solver tolerance is 1e-6.
            Assert.Equal(0.026345790271, soh.X0, 7);
            Assert.Equal(0.910618046652, soh.X100, 7);
            Assert.Equal(0.263845224591, soh.Y100, 7);
            Assert.Equal(0.853974674630, soh.Y0, 7);
            Assert.Equal(5.827615, soh.NegativeCapacity_Ah, 5);
            Assert.Equal(8.732319, soh.PositiveCapacity_Ah, 5);
            Assert.Equal(7.610712, soh.CyclableLithium_Ah, 5);
            Assert.Equal(5.153198, soh.Capacity_Ah, 5);
            Assert.Equal(3.750874, soh.OpenCircuitVoltage_V(0.5), 5);
            Assert.Equal(2.5, soh.OpenCircuitVoltage_V(0), 9);
            Assert.Equal(4.2, soh.OpenCircuitVoltage_V(1), 9);
        }
    }
}

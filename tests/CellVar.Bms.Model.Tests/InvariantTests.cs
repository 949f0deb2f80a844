using System;
using CellVar.Bms.Model.Ecm;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Tests
{
    /// <summary>Conservation laws and resource promises of the steppers.</summary>
    public sealed class InvariantTests
    {
        [Fact]
        public void Electrolyte_salt_is_conserved()
        {
            var p = ParameterSets.Chen2020;
            var s = new SpmeStepper(p, 0.8);
            var mesh = new ElectrolyteMesh(p);
            var c = new double[mesh.Count];
            double Salt()
            {
                s.ReadElectrolyteConcentration(c);
                double m = 0;
                for (int j = 0; j < c.Length; j++) m += mesh.Porosity[j] * mesh.Width_m[j] * c[j];
                return m;
            }
            double before = Salt();
            for (int k = 0; k < 50; k++) s.Step(k % 2 == 0 ? 10.0 : -3.0, 7);
            // Sources and migration sum to zero by construction; only round-off may change the total.
            Assert.Equal(before, Salt(), before * 1e-12);
            s.ReadElectrolyteConcentration(c);
            Assert.True(Array.Exists(c, v => Math.Abs(v - 1000) > 10), "the profile must actually have moved");
        }

        [Fact]
        public void Stepping_does_not_allocate()
        {
            var spme = new SpmeStepper(ParameterSets.Chen2020, 0.9);
            var ecm = new EcmStepper(EcmDerivation.FromPhysical(ParameterSets.Chen2020), 0.9);
            spme.Step(5, 10);
            ecm.Step(5, 10);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < 100; k++)
            {
                spme.Step(5, 10);
                ecm.Step(5, 10);
                _ = spme.Voltage_V + ecm.Voltage_V + spme.Soc;
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void A_cell_without_cyclable_lithium_is_a_clear_parameter_error()
        {
            // Both initial concentrations zero: no lithium to cycle, so no eSOH window exists.
            var p = ParameterSets.Chen2020 with { NegativeInitialConcentration_mol_m3 = 0, PositiveInitialConcentration_mol_m3 = 0 };
            var e = Assert.Throws<ParameterException>(() => new SpmeModel().CreateStepper(p, 0.5));
            Assert.Contains("no admissible stoichiometry window", e.Message);
        }

        [Fact]
        public void Particle_modes_conserve_lithium_and_decay()
        {
            var modes = ParticleModes.ForCells(20);
            int zero = 0;
            foreach (var l in modes.Eigenvalues)
            {
                Assert.True(l <= 0);
                if (l == 0) zero++;
            }
            Assert.Equal(1, zero); // exactly one conserved mode: the average concentration
            // A uniform concentration reconstructs as uniform.
            var nodal = new double[20];
            modes.ToNodal(modes.UniformToModal, nodal);
            Assert.All(nodal, v => Assert.Equal(1.0, v, 12));
        }
    }
}

using System;
using System.Linq;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Tests
{
    /// <summary>Shared inputs: the PyBaMM 0.5C discharge/charge experiment and the Chen2020 cell at the file's c_init.</summary>
    internal static class TestCells
    {
        /// <summary>PyBOP's experiment: 2 s rest, 0.5C (2.5 A) discharge for 40 min, 0.5C charge for 20 min, from SOC 0.75.</summary>
        public static CurrentProfile ChargeDischargeProfile { get; } =
            new(new[] { 0.0, 2.0, 2402.0, 3602.0 }, new[] { 0.0, 2.5, -2.5, -2.5 });

        public static SimulationOptions OptionsAt(double[] times) => new() { InitialSoc = 0.75, OutputTimes_s = times };

        /// <summary>Chen2020 mapped through the shared parameter set, but started from the parameter file's own
        /// concentrations (c_n = 29866, c_p = 17038 mol/m³) as in pybamm-models.md §6.</summary>
        public static DfnCellProperties FileInitialState(double soc = 0.5)
        {
            var p = DfnParameterMapping.FromModel(new CellParameters(), soc);
            return Copy(p, 29866.0 / 33133.0, 17038.0 / 63104.0);
        }

        public static DfnCellProperties Copy(DfnCellProperties p, double x0, double y0, Func<double, double>? negativeOcp = null) => new()
        {
            NegativeOcp = negativeOcp ?? p.NegativeOcp, PositiveOcp = p.PositiveOcp,
            ElectrolyteConductivity = p.ElectrolyteConductivity, ElectrolyteDiffusivity = p.ElectrolyteDiffusivity,
            NegativeThickness_m = p.NegativeThickness_m, SeparatorThickness_m = p.SeparatorThickness_m, PositiveThickness_m = p.PositiveThickness_m,
            ElectrodeArea_m2 = p.ElectrodeArea_m2,
            NegativePorosity = p.NegativePorosity, SeparatorPorosity = p.SeparatorPorosity, PositivePorosity = p.PositivePorosity,
            NegativeActiveFraction = p.NegativeActiveFraction, PositiveActiveFraction = p.PositiveActiveFraction,
            NegativeParticleRadius_m = p.NegativeParticleRadius_m, PositiveParticleRadius_m = p.PositiveParticleRadius_m,
            NegativeDiffusivity_m2_s = p.NegativeDiffusivity_m2_s, PositiveDiffusivity_m2_s = p.PositiveDiffusivity_m2_s,
            NegativeMaxConcentration_mol_m3 = p.NegativeMaxConcentration_mol_m3, PositiveMaxConcentration_mol_m3 = p.PositiveMaxConcentration_mol_m3,
            NegativeConductivity_S_m = p.NegativeConductivity_S_m, PositiveConductivity_S_m = p.PositiveConductivity_S_m,
            NegativeBruggeman = p.NegativeBruggeman, SeparatorBruggeman = p.SeparatorBruggeman, PositiveBruggeman = p.PositiveBruggeman,
            NegativeRateConstant = p.NegativeRateConstant, PositiveRateConstant = p.PositiveRateConstant,
            InitialElectrolyte_mol_m3 = p.InitialElectrolyte_mol_m3, TransferenceNumber = p.TransferenceNumber,
            ThermodynamicFactor = p.ThermodynamicFactor, Temperature_K = p.Temperature_K, ContactResistance_Ohm = p.ContactResistance_Ohm,
            LowerCutoff_V = p.LowerCutoff_V, UpperCutoff_V = p.UpperCutoff_V,
            InitialNegativeStoichiometry = x0, InitialPositiveStoichiometry = y0,
        };

        public static double Rms_mV(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Average()) * 1000;

        public static double Max_mV(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max() * 1000;
    }
}

using System;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Dfn.Physics
{
    /// <summary>Builds the DFN's flat parameter view from the shared <see cref="CellParameters"/> (one source of truth).</summary>
    internal static class DfnParameterMapping
    {
        /// <summary>
        /// Validates <paramref name="p"/>, solves the eSOH for the initial stoichiometries at <paramref name="initialSoc"/>
        /// and maps names and functions (Chen2020 OCPs, Nyman2008 electrolyte) onto the DFN view.
        /// </summary>
        /// <exception cref="ParameterException">A parameter is outside its physical range (every problem is listed).</exception>
        /// <exception cref="DfnInputException">The SOC is outside [0, 1].</exception>
        public static DfnCellProperties FromModel(CellParameters p, double initialSoc)
        {
            ArgumentNullException.ThrowIfNull(p);
            p.Validate();
            if (!(initialSoc >= 0 && initialSoc <= 1))
                throw new DfnInputException("InitialSoc", $"{initialSoc} must lie within [0, 1].");
            var soh = ElectrodeSoh.Compute(p);
            return new DfnCellProperties
            {
                NegativeThickness_m = p.NegativeElectrodeThickness_m,
                SeparatorThickness_m = p.SeparatorThickness_m,
                PositiveThickness_m = p.PositiveElectrodeThickness_m,
                ElectrodeArea_m2 = p.ElectrodeArea_m2,
                NegativePorosity = p.NegativePorosity,
                SeparatorPorosity = p.SeparatorPorosity,
                PositivePorosity = p.PositivePorosity,
                NegativeActiveFraction = p.NegativeActiveMaterialFraction,
                PositiveActiveFraction = p.PositiveActiveMaterialFraction,
                NegativeParticleRadius_m = p.NegativeParticleRadius_m,
                PositiveParticleRadius_m = p.PositiveParticleRadius_m,
                NegativeDiffusivity_m2_s = p.NegativeSolidDiffusivity_m2_s,
                PositiveDiffusivity_m2_s = p.PositiveSolidDiffusivity_m2_s,
                NegativeMaxConcentration_mol_m3 = p.NegativeMaxConcentration_mol_m3,
                PositiveMaxConcentration_mol_m3 = p.PositiveMaxConcentration_mol_m3,
                NegativeConductivity_S_m = p.NegativeSolidConductivity_S_m,
                PositiveConductivity_S_m = p.PositiveSolidConductivity_S_m,
                NegativeBruggeman = p.NegativeBruggeman,
                SeparatorBruggeman = p.SeparatorBruggeman,
                PositiveBruggeman = p.PositiveBruggeman,
                NegativeRateConstant = p.NegativeExchangeCurrentCoefficient
                    * Arrhenius(p.NegativeActivationEnergy_J_mol, p.Temperature_K, p.ReferenceTemperature_K),
                PositiveRateConstant = p.PositiveExchangeCurrentCoefficient
                    * Arrhenius(p.PositiveActivationEnergy_J_mol, p.Temperature_K, p.ReferenceTemperature_K),
                InitialElectrolyte_mol_m3 = p.InitialElectrolyteConcentration_mol_m3,
                TransferenceNumber = p.CationTransferenceNumber,
                ThermodynamicFactor = p.ThermodynamicFactor,
                Temperature_K = p.Temperature_K,
                ContactResistance_Ohm = p.ContactResistance_Ohm,
                LowerCutoff_V = p.LowerCutoffVoltage_V,
                UpperCutoff_V = p.UpperCutoffVoltage_V,
                InitialNegativeStoichiometry = soh.NegativeStoichiometry(initialSoc),
                InitialPositiveStoichiometry = soh.PositiveStoichiometry(initialSoc),
                NegativeOcp = Chen2020Functions.GraphiteOcp_V,
                PositiveOcp = Chen2020Functions.NmcOcp_V,
                ElectrolyteDiffusivity = Nyman2008Electrolyte.Diffusivity_m2_s,
                ElectrolyteConductivity = Nyman2008Electrolyte.Conductivity_S_m,
            };
        }

        private static double Arrhenius(double ea, double t, double tRef) =>
            ea == 0 || t == tRef ? 1.0 : Math.Exp(ea / PhysicalConstants.GasConstant_J_molK * (1 / tRef - 1 / t));
    }
}

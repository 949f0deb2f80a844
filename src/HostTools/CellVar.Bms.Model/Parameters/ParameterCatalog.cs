using System;
using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// The table behind name-based access to <see cref="CellParameters"/>. Ranges are physical admissibility, not typical values:
    /// they reject impossible inputs (negative thickness, porosity outside (0, 1)) and leave plausibility to the user.
    /// </summary>
    internal static class ParameterCatalog
    {
        public static readonly IReadOnlyList<ParameterDefinition> All = new ParameterDefinition[]
        {
            new("NegativeElectrodeThickness_m", "m", "negative coating thickness", 0.0, false, 0.01, true, p => p.NegativeElectrodeThickness_m, (p, v) => p with { NegativeElectrodeThickness_m = v }),
            new("SeparatorThickness_m", "m", "separator thickness", 0.0, false, 0.01, true, p => p.SeparatorThickness_m, (p, v) => p with { SeparatorThickness_m = v }),
            new("PositiveElectrodeThickness_m", "m", "positive coating thickness", 0.0, false, 0.01, true, p => p.PositiveElectrodeThickness_m, (p, v) => p with { PositiveElectrodeThickness_m = v }),
            new("ElectrodeHeight_m", "m", "electrode height", 0.0, false, 100.0, true, p => p.ElectrodeHeight_m, (p, v) => p with { ElectrodeHeight_m = v }),
            new("ElectrodeWidth_m", "m", "electrode width", 0.0, false, 100.0, true, p => p.ElectrodeWidth_m, (p, v) => p with { ElectrodeWidth_m = v }),
            new("NegativePorosity", "1", "negative electrolyte volume fraction", 0.0, false, 1.0, false, p => p.NegativePorosity, (p, v) => p with { NegativePorosity = v }),
            new("NegativeActiveMaterialFraction", "1", "negative active-material volume fraction", 0.0, false, 1.0, false, p => p.NegativeActiveMaterialFraction, (p, v) => p with { NegativeActiveMaterialFraction = v }),
            new("NegativeParticleRadius_m", "m", "negative particle radius", 0.0, false, 0.001, true, p => p.NegativeParticleRadius_m, (p, v) => p with { NegativeParticleRadius_m = v }),
            new("NegativeSolidDiffusivity_m2_s", "m^2 s^-1", "negative solid diffusivity", 0.0, false, 1e-08, true, p => p.NegativeSolidDiffusivity_m2_s, (p, v) => p with { NegativeSolidDiffusivity_m2_s = v }),
            new("NegativeMaxConcentration_mol_m3", "mol m^-3", "negative maximum concentration", 0.0, false, 1000000.0, true, p => p.NegativeMaxConcentration_mol_m3, (p, v) => p with { NegativeMaxConcentration_mol_m3 = v }),
            new("NegativeInitialConcentration_mol_m3", "mol m^-3", "negative file initial concentration (sets cyclable lithium)", 0.0, true, 1000000.0, true, p => p.NegativeInitialConcentration_mol_m3, (p, v) => p with { NegativeInitialConcentration_mol_m3 = v }),
            new("NegativeSolidConductivity_S_m", "S m^-1", "negative solid conductivity", 0.0, false, 100000000.0, true, p => p.NegativeSolidConductivity_S_m, (p, v) => p with { NegativeSolidConductivity_S_m = v }),
            new("NegativeBruggeman", "1", "negative Bruggeman exponent", 0.0, true, 10.0, true, p => p.NegativeBruggeman, (p, v) => p with { NegativeBruggeman = v }),
            new("NegativeExchangeCurrentCoefficient", "A m^-2 (m^3 mol^-1)^1.5", "negative exchange-current coefficient", 0.0, false, 1.0, true, p => p.NegativeExchangeCurrentCoefficient, (p, v) => p with { NegativeExchangeCurrentCoefficient = v }),
            new("NegativeActivationEnergy_J_mol", "J mol^-1", "negative exchange-current activation energy", 0.0, true, 1000000.0, true, p => p.NegativeActivationEnergy_J_mol, (p, v) => p with { NegativeActivationEnergy_J_mol = v }),
            new("SeparatorPorosity", "1", "separator porosity", 0.0, false, 1.0, false, p => p.SeparatorPorosity, (p, v) => p with { SeparatorPorosity = v }),
            new("SeparatorBruggeman", "1", "separator Bruggeman exponent", 0.0, true, 10.0, true, p => p.SeparatorBruggeman, (p, v) => p with { SeparatorBruggeman = v }),
            new("PositivePorosity", "1", "positive electrolyte volume fraction", 0.0, false, 1.0, false, p => p.PositivePorosity, (p, v) => p with { PositivePorosity = v }),
            new("PositiveActiveMaterialFraction", "1", "positive active-material volume fraction", 0.0, false, 1.0, false, p => p.PositiveActiveMaterialFraction, (p, v) => p with { PositiveActiveMaterialFraction = v }),
            new("PositiveParticleRadius_m", "m", "positive particle radius", 0.0, false, 0.001, true, p => p.PositiveParticleRadius_m, (p, v) => p with { PositiveParticleRadius_m = v }),
            new("PositiveSolidDiffusivity_m2_s", "m^2 s^-1", "positive solid diffusivity", 0.0, false, 1e-08, true, p => p.PositiveSolidDiffusivity_m2_s, (p, v) => p with { PositiveSolidDiffusivity_m2_s = v }),
            new("PositiveMaxConcentration_mol_m3", "mol m^-3", "positive maximum concentration", 0.0, false, 1000000.0, true, p => p.PositiveMaxConcentration_mol_m3, (p, v) => p with { PositiveMaxConcentration_mol_m3 = v }),
            new("PositiveInitialConcentration_mol_m3", "mol m^-3", "positive file initial concentration (sets cyclable lithium)", 0.0, true, 1000000.0, true, p => p.PositiveInitialConcentration_mol_m3, (p, v) => p with { PositiveInitialConcentration_mol_m3 = v }),
            new("PositiveSolidConductivity_S_m", "S m^-1", "positive solid conductivity", 0.0, false, 100000000.0, true, p => p.PositiveSolidConductivity_S_m, (p, v) => p with { PositiveSolidConductivity_S_m = v }),
            new("PositiveBruggeman", "1", "positive Bruggeman exponent", 0.0, true, 10.0, true, p => p.PositiveBruggeman, (p, v) => p with { PositiveBruggeman = v }),
            new("PositiveExchangeCurrentCoefficient", "A m^-2 (m^3 mol^-1)^1.5", "positive exchange-current coefficient", 0.0, false, 1.0, true, p => p.PositiveExchangeCurrentCoefficient, (p, v) => p with { PositiveExchangeCurrentCoefficient = v }),
            new("PositiveActivationEnergy_J_mol", "J mol^-1", "positive exchange-current activation energy", 0.0, true, 1000000.0, true, p => p.PositiveActivationEnergy_J_mol, (p, v) => p with { PositiveActivationEnergy_J_mol = v }),
            new("InitialElectrolyteConcentration_mol_m3", "mol m^-3", "initial electrolyte concentration", 0.0, false, 10000.0, true, p => p.InitialElectrolyteConcentration_mol_m3, (p, v) => p with { InitialElectrolyteConcentration_mol_m3 = v }),
            new("CationTransferenceNumber", "1", "cation transference number t+", 0.0, true, 1.0, false, p => p.CationTransferenceNumber, (p, v) => p with { CationTransferenceNumber = v }),
            new("ThermodynamicFactor", "1", "electrolyte thermodynamic factor", 0.0, false, 100.0, true, p => p.ThermodynamicFactor, (p, v) => p with { ThermodynamicFactor = v }),
            new("Temperature_K", "K", "cell temperature", 200.0, true, 400.0, true, p => p.Temperature_K, (p, v) => p with { Temperature_K = v }),
            new("ReferenceTemperature_K", "K", "Arrhenius reference temperature", 200.0, true, 400.0, true, p => p.ReferenceTemperature_K, (p, v) => p with { ReferenceTemperature_K = v }),
            new("ContactResistance_Ohm", "Ohm", "tab/weld contact resistance", 0.0, true, 100.0, true, p => p.ContactResistance_Ohm, (p, v) => p with { ContactResistance_Ohm = v }),
            new("NominalCapacity_Ah", "A h", "nominal capacity (defines the C-rate)", 0.0, false, 10000.0, true, p => p.NominalCapacity_Ah, (p, v) => p with { NominalCapacity_Ah = v }),
            new("LowerCutoffVoltage_V", "V", "lower cut-off voltage (0 % SOC)", 0.0, false, 10.0, true, p => p.LowerCutoffVoltage_V, (p, v) => p with { LowerCutoffVoltage_V = v }),
            new("UpperCutoffVoltage_V", "V", "upper cut-off voltage (100 % SOC)", 0.0, false, 10.0, true, p => p.UpperCutoffVoltage_V, (p, v) => p with { UpperCutoffVoltage_V = v }),
        };

        public static readonly IReadOnlyList<string> Names = All.Select(d => d.Name).ToArray();

        private static readonly Dictionary<string, ParameterDefinition> ByName =
            All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

        public static ParameterDefinition Find(string name)
        {
            if (name != null && ByName.TryGetValue(name.Trim(), out var d)) return d;
            throw new ParameterException($"Unknown parameter '{name}'. Known parameters: {string.Join(", ", Names)}.");
        }
    }
}

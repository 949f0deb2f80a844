using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// The physical parameters of one lithium-ion cell (SI units; the unit is the suffix of every name).
    /// Immutable: change a value with a C# <c>with</c> expression or by name with <see cref="With(string, double)"/>.
    /// Defaults are Chen2020 (LG M50 21700, graphite | NMC 811) as in PyBaMM's <c>Chen2020.py</c>; see
    /// <see cref="ParameterSets"/> for named sets. Functions of state (OCPs, electrolyte transport) live in
    /// <see cref="Chen2020Functions"/> and <see cref="Nyman2008Electrolyte"/>.
    /// </summary>
    public sealed record CellParameters
    {
        // ---- geometry ----
        /// <summary>Negative-electrode coating thickness L_n [m].</summary>
        public double NegativeElectrodeThickness_m { get; init; } = 85.2e-6;
        /// <summary>Separator thickness L_s [m].</summary>
        public double SeparatorThickness_m { get; init; } = 12e-6;
        /// <summary>Positive-electrode coating thickness L_p [m].</summary>
        public double PositiveElectrodeThickness_m { get; init; } = 75.6e-6;
        /// <summary>Electrode height L_z [m].</summary>
        public double ElectrodeHeight_m { get; init; } = 0.065;
        /// <summary>Electrode width L_y [m]; electrode area A = L_y·L_z.</summary>
        public double ElectrodeWidth_m { get; init; } = 1.58;

        // ---- negative electrode (graphite) ----
        /// <summary>Negative-electrode electrolyte volume fraction ε_n.</summary>
        public double NegativePorosity { get; init; } = 0.25;
        /// <summary>Negative active-material volume fraction ε_s,n.</summary>
        public double NegativeActiveMaterialFraction { get; init; } = 0.75;
        /// <summary>Negative particle radius R_n [m].</summary>
        public double NegativeParticleRadius_m { get; init; } = 5.86e-6;
        /// <summary>Negative solid diffusivity D_s,n [m² s⁻¹].</summary>
        public double NegativeSolidDiffusivity_m2_s { get; init; } = 3.3e-14;
        /// <summary>Negative maximum lithium concentration c_max,n [mol m⁻³].</summary>
        public double NegativeMaxConcentration_mol_m3 { get; init; } = 33133;
        /// <summary>Negative initial concentration of the parameter file [mol m⁻³]; fixes the cyclable lithium for the eSOH.</summary>
        public double NegativeInitialConcentration_mol_m3 { get; init; } = 29866;
        /// <summary>Negative solid electronic conductivity σ_n [S m⁻¹].</summary>
        public double NegativeSolidConductivity_S_m { get; init; } = 215;
        /// <summary>Bruggeman exponent of the negative electrolyte: B = ε^b.</summary>
        public double NegativeBruggeman { get; init; } = 1.5;
        /// <summary>Negative exchange-current coefficient m_n in j0 = m·c_e^½·c_s^½·(c_max−c_s)^½ [A m⁻² (m³ mol⁻¹)^1.5].</summary>
        public double NegativeExchangeCurrentCoefficient { get; init; } = 6.48e-7;
        /// <summary>Negative exchange-current activation energy [J mol⁻¹].</summary>
        public double NegativeActivationEnergy_J_mol { get; init; } = 35000;

        // ---- separator ----
        /// <summary>Separator porosity ε_s.</summary>
        public double SeparatorPorosity { get; init; } = 0.47;
        /// <summary>Bruggeman exponent of the separator.</summary>
        public double SeparatorBruggeman { get; init; } = 1.5;

        // ---- positive electrode (NMC) ----
        /// <summary>Positive-electrode electrolyte volume fraction ε_p.</summary>
        public double PositivePorosity { get; init; } = 0.335;
        /// <summary>Positive active-material volume fraction ε_s,p.</summary>
        public double PositiveActiveMaterialFraction { get; init; } = 0.665;
        /// <summary>Positive particle radius R_p [m].</summary>
        public double PositiveParticleRadius_m { get; init; } = 5.22e-6;
        /// <summary>Positive solid diffusivity D_s,p [m² s⁻¹].</summary>
        public double PositiveSolidDiffusivity_m2_s { get; init; } = 4e-15;
        /// <summary>Positive maximum lithium concentration c_max,p [mol m⁻³].</summary>
        public double PositiveMaxConcentration_mol_m3 { get; init; } = 63104;
        /// <summary>Positive initial concentration of the parameter file [mol m⁻³]; fixes the cyclable lithium for the eSOH.</summary>
        public double PositiveInitialConcentration_mol_m3 { get; init; } = 17038;
        /// <summary>Positive solid electronic conductivity σ_p [S m⁻¹].</summary>
        public double PositiveSolidConductivity_S_m { get; init; } = 0.18;
        /// <summary>Bruggeman exponent of the positive electrolyte.</summary>
        public double PositiveBruggeman { get; init; } = 1.5;
        /// <summary>Positive exchange-current coefficient m_p [A m⁻² (m³ mol⁻¹)^1.5].</summary>
        public double PositiveExchangeCurrentCoefficient { get; init; } = 3.42e-6;
        /// <summary>Positive exchange-current activation energy [J mol⁻¹].</summary>
        public double PositiveActivationEnergy_J_mol { get; init; } = 17800;

        // ---- electrolyte ----
        /// <summary>Initial (and reference) electrolyte concentration c_e0 [mol m⁻³].</summary>
        public double InitialElectrolyteConcentration_mol_m3 { get; init; } = 1000;
        /// <summary>Cation transference number t₊.</summary>
        public double CationTransferenceNumber { get; init; } = 0.2594;
        /// <summary>Thermodynamic factor (1 + d ln f / d ln c).</summary>
        public double ThermodynamicFactor { get; init; } = 1.0;

        // ---- cell ----
        /// <summary>Cell temperature (isothermal models) [K].</summary>
        public double Temperature_K { get; init; } = 298.15;
        /// <summary>Reference temperature of the Arrhenius factors [K].</summary>
        public double ReferenceTemperature_K { get; init; } = 298.15;
        /// <summary>Tab/weld contact resistance in series with the cell [Ω].</summary>
        public double ContactResistance_Ohm { get; init; } = 0.0;
        /// <summary>Nominal capacity: defines the C-rate [A h].</summary>
        public double NominalCapacity_Ah { get; init; } = 5.0;
        /// <summary>Lower cut-off voltage, also the 0 % SOC point of the eSOH [V].</summary>
        public double LowerCutoffVoltage_V { get; init; } = 2.5;
        /// <summary>Upper cut-off voltage, also the 100 % SOC point of the eSOH [V].</summary>
        public double UpperCutoffVoltage_V { get; init; } = 4.2;

        /// <summary>Electrode area A = L_y·L_z [m²].</summary>
        public double ElectrodeArea_m2 => ElectrodeWidth_m * ElectrodeHeight_m;

        /// <summary>Every named parameter, in declaration order.</summary>
        public static IReadOnlyList<ParameterDefinition> Definitions => ParameterCatalog.All;

        /// <summary>Names of every parameter, for error messages and help text.</summary>
        public static IReadOnlyList<string> Names => ParameterCatalog.Names;

        /// <summary>Finds a definition by name (case-insensitive); throws <see cref="ParameterException"/> listing the known names.</summary>
        public static ParameterDefinition Definition(string name) => ParameterCatalog.Find(name);

        /// <summary>Reads a parameter by name (case-insensitive).</summary>
        /// <exception cref="ParameterException">The name is unknown; the message lists every known name.</exception>
        public double Get(string name) => ParameterCatalog.Find(name).Get(this);

        /// <summary>Returns a copy with one parameter replaced by name. Not validated: call <see cref="Validate"/> after all overrides.</summary>
        /// <exception cref="ParameterException">The name is unknown; the message lists every known name.</exception>
        public CellParameters With(string name, double value) => ParameterCatalog.Find(name).With(this, value);

        /// <summary>Every range violation and cross-parameter inconsistency; empty when the set is physically admissible.</summary>
        public IReadOnlyList<string> FindProblems()
        {
            var problems = new List<string>();
            foreach (var d in ParameterCatalog.All)
            {
                double v = d.Get(this);
                if (!d.IsAdmissible(v))
                    problems.Add($"{d.Name} = {v.ToString("G6", CultureInfo.InvariantCulture)} {d.Unit} is outside {d.RangeText} ({d.Description}).");
            }
            if (NegativePorosity + NegativeActiveMaterialFraction > 1.0)
                problems.Add($"NegativePorosity + NegativeActiveMaterialFraction = {(NegativePorosity + NegativeActiveMaterialFraction).ToString("G6", CultureInfo.InvariantCulture)} exceeds 1.");
            if (PositivePorosity + PositiveActiveMaterialFraction > 1.0)
                problems.Add($"PositivePorosity + PositiveActiveMaterialFraction = {(PositivePorosity + PositiveActiveMaterialFraction).ToString("G6", CultureInfo.InvariantCulture)} exceeds 1.");
            if (NegativeInitialConcentration_mol_m3 > NegativeMaxConcentration_mol_m3)
                problems.Add("NegativeInitialConcentration_mol_m3 exceeds NegativeMaxConcentration_mol_m3.");
            if (PositiveInitialConcentration_mol_m3 > PositiveMaxConcentration_mol_m3)
                problems.Add("PositiveInitialConcentration_mol_m3 exceeds PositiveMaxConcentration_mol_m3.");
            if (LowerCutoffVoltage_V >= UpperCutoffVoltage_V)
                problems.Add("LowerCutoffVoltage_V must be below UpperCutoffVoltage_V.");
            return problems;
        }

        /// <summary>Throws if any parameter is outside its physical range; returns this set for chaining.</summary>
        /// <exception cref="ParameterException">One or more problems; all are listed.</exception>
        public CellParameters Validate()
        {
            var problems = FindProblems();
            if (problems.Count > 0) throw new ParameterException(problems);
            return this;
        }

        /// <summary>All parameters as name → value, in declaration order.</summary>
        public IReadOnlyList<KeyValuePair<string, double>> ToList() =>
            ParameterCatalog.All.Select(d => new KeyValuePair<string, double>(d.Name, d.Get(this))).ToList();
    }
}

using System;

namespace CellVar.Bms.Dfn.Physics
{
    /// <summary>
    /// The flat, SI-unit view of a cell that the DFN equations read. It is filled from the shared parameter set of
    /// CellVar.Bms.Model (see DfnParameterMapping), so there is one source of truth for values and functions.
    /// </summary>
    internal sealed class DfnCellProperties
    {
        public double NegativeThickness_m { get; init; }
        public double SeparatorThickness_m { get; init; }
        public double PositiveThickness_m { get; init; }
        public double ElectrodeArea_m2 { get; init; }
        public double NegativePorosity { get; init; }
        public double SeparatorPorosity { get; init; }
        public double PositivePorosity { get; init; }
        public double NegativeActiveFraction { get; init; }
        public double PositiveActiveFraction { get; init; }
        public double NegativeParticleRadius_m { get; init; }
        public double PositiveParticleRadius_m { get; init; }
        public double NegativeDiffusivity_m2_s { get; init; }
        public double PositiveDiffusivity_m2_s { get; init; }
        public double NegativeMaxConcentration_mol_m3 { get; init; }
        public double PositiveMaxConcentration_mol_m3 { get; init; }
        public double NegativeConductivity_S_m { get; init; }
        public double PositiveConductivity_S_m { get; init; }
        public double NegativeBruggeman { get; init; } = 1.5;
        public double SeparatorBruggeman { get; init; } = 1.5;
        public double PositiveBruggeman { get; init; } = 1.5;
        /// <summary>Exchange-current prefactor m_k at the cell temperature [A m⁻² (m³ mol⁻¹)^1.5].</summary>
        public double NegativeRateConstant { get; init; }
        public double PositiveRateConstant { get; init; }
        public double InitialElectrolyte_mol_m3 { get; init; } = 1000.0;
        public double TransferenceNumber { get; init; }
        public double ThermodynamicFactor { get; init; } = 1.0;
        public double Temperature_K { get; init; } = 298.15;
        public double ContactResistance_Ohm { get; init; }
        public double LowerCutoff_V { get; init; }
        public double UpperCutoff_V { get; init; }
        /// <summary>Initial stoichiometries (uniform in x and r).</summary>
        public double InitialNegativeStoichiometry { get; init; }
        public double InitialPositiveStoichiometry { get; init; }

        /// <summary>U_n(θ) [V]; must accept θ in [0, 1].</summary>
        public required Func<double, double> NegativeOcp { get; init; }
        /// <summary>U_p(θ) [V].</summary>
        public required Func<double, double> PositiveOcp { get; init; }
        /// <summary>D_e(c_e) [m² s⁻¹].</summary>
        public required Func<double, double> ElectrolyteDiffusivity { get; init; }
        /// <summary>κ_e(c_e) [S m⁻¹].</summary>
        public required Func<double, double> ElectrolyteConductivity { get; init; }

        public double TotalThickness_m => NegativeThickness_m + SeparatorThickness_m + PositiveThickness_m;

        /// <summary>Throws <see cref="DfnInputException"/> naming the first value outside its physical range.</summary>
        public void Validate()
        {
            // Ranges are generous physical bounds for lithium-ion cells, wide enough for any real cell and
            // narrow enough to catch unit mistakes (µm typed as m, mol/L typed as mol/m³, ...).
            Range(nameof(NegativeThickness_m), NegativeThickness_m, 1e-7, 5e-3);
            Range(nameof(SeparatorThickness_m), SeparatorThickness_m, 1e-7, 5e-3);
            Range(nameof(PositiveThickness_m), PositiveThickness_m, 1e-7, 5e-3);
            Range(nameof(ElectrodeArea_m2), ElectrodeArea_m2, 1e-6, 1e3);
            Open01(nameof(NegativePorosity), NegativePorosity);
            Open01(nameof(SeparatorPorosity), SeparatorPorosity);
            Open01(nameof(PositivePorosity), PositivePorosity);
            Open01(nameof(NegativeActiveFraction), NegativeActiveFraction);
            Open01(nameof(PositiveActiveFraction), PositiveActiveFraction);
            if (NegativePorosity + NegativeActiveFraction > 1 + 1e-12)
                throw new DfnInputException(nameof(NegativePorosity), $"porosity {NegativePorosity} + active fraction {NegativeActiveFraction} exceeds 1.");
            if (PositivePorosity + PositiveActiveFraction > 1 + 1e-12)
                throw new DfnInputException(nameof(PositivePorosity), $"porosity {PositivePorosity} + active fraction {PositiveActiveFraction} exceeds 1.");
            Range(nameof(NegativeParticleRadius_m), NegativeParticleRadius_m, 1e-9, 1e-4);
            Range(nameof(PositiveParticleRadius_m), PositiveParticleRadius_m, 1e-9, 1e-4);
            Range(nameof(NegativeDiffusivity_m2_s), NegativeDiffusivity_m2_s, 1e-22, 1e-8);
            Range(nameof(PositiveDiffusivity_m2_s), PositiveDiffusivity_m2_s, 1e-22, 1e-8);
            Range(nameof(NegativeMaxConcentration_mol_m3), NegativeMaxConcentration_mol_m3, 1e2, 1e6);
            Range(nameof(PositiveMaxConcentration_mol_m3), PositiveMaxConcentration_mol_m3, 1e2, 1e6);
            Range(nameof(NegativeConductivity_S_m), NegativeConductivity_S_m, 1e-6, 1e8);
            Range(nameof(PositiveConductivity_S_m), PositiveConductivity_S_m, 1e-6, 1e8);
            Range(nameof(NegativeBruggeman), NegativeBruggeman, 0, 10);
            Range(nameof(SeparatorBruggeman), SeparatorBruggeman, 0, 10);
            Range(nameof(PositiveBruggeman), PositiveBruggeman, 0, 10);
            Range(nameof(NegativeRateConstant), NegativeRateConstant, 1e-15, 1e2);
            Range(nameof(PositiveRateConstant), PositiveRateConstant, 1e-15, 1e2);
            Range(nameof(InitialElectrolyte_mol_m3), InitialElectrolyte_mol_m3, 10, 1e4);
            Range(nameof(TransferenceNumber), TransferenceNumber, 0, 0.99);
            Range(nameof(ThermodynamicFactor), ThermodynamicFactor, 0.1, 10);
            Range(nameof(Temperature_K), Temperature_K, 200, 400);
            Range(nameof(ContactResistance_Ohm), ContactResistance_Ohm, 0, 10);
            Range(nameof(LowerCutoff_V), LowerCutoff_V, 0, 10);
            Range(nameof(UpperCutoff_V), UpperCutoff_V, 0, 10);
            if (!(UpperCutoff_V > LowerCutoff_V))
                throw new DfnInputException(nameof(UpperCutoff_V), $"upper cut-off {UpperCutoff_V} V must exceed lower cut-off {LowerCutoff_V} V.");
            Open01(nameof(InitialNegativeStoichiometry), InitialNegativeStoichiometry);
            Open01(nameof(InitialPositiveStoichiometry), InitialPositiveStoichiometry);
            Finite("NegativeOcp", NegativeOcp(InitialNegativeStoichiometry));
            Finite("PositiveOcp", PositiveOcp(InitialPositiveStoichiometry));
            Positive("ElectrolyteDiffusivity", ElectrolyteDiffusivity(InitialElectrolyte_mol_m3));
            Positive("ElectrolyteConductivity", ElectrolyteConductivity(InitialElectrolyte_mol_m3));
        }

        private static void Range(string name, double v, double lo, double hi)
        {
            if (!(v >= lo && v <= hi))
                throw new DfnInputException(name, $"{v:G6} is outside the physical range [{lo:G3}, {hi:G3}].");
        }

        private static void Open01(string name, double v)
        {
            if (!(v > 0 && v < 1))
                throw new DfnInputException(name, $"{v:G6} must lie strictly between 0 and 1.");
        }

        private static void Finite(string name, double v)
        {
            if (!double.IsFinite(v))
                throw new DfnInputException(name, $"returns {v} at the initial state.");
        }

        private static void Positive(string name, double v)
        {
            if (!(v > 0 && double.IsFinite(v)))
                throw new DfnInputException(name, $"returns {v} at the initial concentration; it must be positive and finite.");
        }
    }
}

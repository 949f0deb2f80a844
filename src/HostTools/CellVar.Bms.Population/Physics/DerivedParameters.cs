using System;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Population.Physics
{
    /// <summary>
    /// Closed-form quantities derived from one cell's physical parameters: Bruggeman effective conductivities,
    /// separator and ohmic resistances, electrode capacities and 1C Butler–Volmer overpotentials. These carry the
    /// amplification (κ_eff ∝ ε^b) and distortion (η ∝ asinh(j/2j0)) of manufacturing scatter.
    /// </summary>
    public sealed class DerivedParameters
    {
        private DerivedParameters() { }

        /// <summary>Electrolyte bulk conductivity at c_e0 [S/m].</summary>
        public double ElectrolyteConductivity_S_m { get; private init; }
        /// <summary>Effective conductivity κ·ε^b in the negative electrode [S/m].</summary>
        public double KappaEffNegative_S_m { get; private init; }
        /// <summary>Effective conductivity in the separator [S/m].</summary>
        public double KappaEffSeparator_S_m { get; private init; }
        /// <summary>Effective conductivity in the positive electrode [S/m].</summary>
        public double KappaEffPositive_S_m { get; private init; }
        /// <summary>Separator ionic resistance L_s/(κ_eff,s·A) [Ω].</summary>
        public double SeparatorResistance_Ohm { get; private init; }
        /// <summary>Ohmic resistance: contact + electrolyte (L/3κ_eff in electrodes) + solid (L/3σ) [Ω].</summary>
        public double OhmicResistance_Ohm { get; private init; }
        /// <summary>Negative electrode capacity [Ah].</summary>
        public double NegativeCapacity_Ah { get; private init; }
        /// <summary>Positive electrode capacity [Ah].</summary>
        public double PositiveCapacity_Ah { get; private init; }
        /// <summary>Equilibrium capacity between the cut-off OCVs [Ah] (eSOH).</summary>
        public double EquilibriumCapacity_Ah { get; private init; }
        /// <summary>Specific surface area 3ε_s/R of the negative electrode [1/m].</summary>
        public double SurfaceAreaNegative_1_m { get; private init; }
        /// <summary>Specific surface area of the positive electrode [1/m].</summary>
        public double SurfaceAreaPositive_1_m { get; private init; }
        /// <summary>Negative exchange-current density at 50 % SOC, c_e0 [A/m²].</summary>
        public double J0Negative_A_m2 { get; private init; }
        /// <summary>Positive exchange-current density at 50 % SOC, c_e0 [A/m²].</summary>
        public double J0Positive_A_m2 { get; private init; }
        /// <summary>Negative reaction overpotential magnitude at 1C, 50 % SOC [V].</summary>
        public double EtaNegative1C_V { get; private init; }
        /// <summary>Positive reaction overpotential magnitude at 1C, 50 % SOC [V].</summary>
        public double EtaPositive1C_V { get; private init; }
        /// <summary>The eSOH the values are based on.</summary>
        public ElectrodeSoh Soh { get; private init; } = null!;

        /// <summary>Computes every derived quantity for a validated parameter set.</summary>
        public static DerivedParameters Compute(CellParameters p)
        {
            double area = p.ElectrodeArea_m2;
            double kappa = Nyman2008Electrolyte.Conductivity_S_m(p.InitialElectrolyteConcentration_mol_m3);
            double kn = kappa * Math.Pow(p.NegativePorosity, p.NegativeBruggeman);
            double ks = kappa * Math.Pow(p.SeparatorPorosity, p.SeparatorBruggeman);
            double kp = kappa * Math.Pow(p.PositivePorosity, p.PositiveBruggeman);
            double rSep = p.SeparatorThickness_m / (ks * area);
            double rElectrolyte = (p.NegativeElectrodeThickness_m / (3 * kn) + p.SeparatorThickness_m / ks + p.PositiveElectrodeThickness_m / (3 * kp)) / area;
            double rSolid = (p.NegativeElectrodeThickness_m / (3 * p.NegativeSolidConductivity_S_m) + p.PositiveElectrodeThickness_m / (3 * p.PositiveSolidConductivity_S_m)) / area;
            var soh = ElectrodeSoh.Compute(p);
            double an = 3 * p.NegativeActiveMaterialFraction / p.NegativeParticleRadius_m;
            double ap = 3 * p.PositiveActiveMaterialFraction / p.PositiveParticleRadius_m;
            double ce = p.InitialElectrolyteConcentration_mol_m3;
            double j0n = Chen2020Functions.ExchangeCurrentDensity_A_m2(p.NegativeExchangeCurrentCoefficient, p.NegativeActivationEnergy_J_mol, p.Temperature_K,
                p.ReferenceTemperature_K, ce, soh.NegativeStoichiometry(0.5) * p.NegativeMaxConcentration_mol_m3, p.NegativeMaxConcentration_mol_m3);
            double j0p = Chen2020Functions.ExchangeCurrentDensity_A_m2(p.PositiveExchangeCurrentCoefficient, p.PositiveActivationEnergy_J_mol, p.Temperature_K,
                p.ReferenceTemperature_K, ce, soh.PositiveStoichiometry(0.5) * p.PositiveMaxConcentration_mol_m3, p.PositiveMaxConcentration_mol_m3);
            double i1C = p.NominalCapacity_Ah;
            return new DerivedParameters
            {
                ElectrolyteConductivity_S_m = kappa,
                KappaEffNegative_S_m = kn,
                KappaEffSeparator_S_m = ks,
                KappaEffPositive_S_m = kp,
                SeparatorResistance_Ohm = rSep,
                OhmicResistance_Ohm = p.ContactResistance_Ohm + rElectrolyte + rSolid,
                NegativeCapacity_Ah = soh.NegativeCapacity_Ah,
                PositiveCapacity_Ah = soh.PositiveCapacity_Ah,
                EquilibriumCapacity_Ah = soh.Capacity_Ah,
                SurfaceAreaNegative_1_m = an,
                SurfaceAreaPositive_1_m = ap,
                J0Negative_A_m2 = j0n,
                J0Positive_A_m2 = j0p,
                EtaNegative1C_V = ButlerVolmerOverpotential_V(i1C / (an * p.NegativeElectrodeThickness_m * area), j0n, p.Temperature_K),
                EtaPositive1C_V = ButlerVolmerOverpotential_V(i1C / (ap * p.PositiveElectrodeThickness_m * area), j0p, p.Temperature_K),
                Soh = soh,
            };
        }

        /// <summary>Symmetric Butler–Volmer overpotential η = (2RT/F)·asinh(j/(2·j0)) for interfacial current density j [V].</summary>
        public static double ButlerVolmerOverpotential_V(double j_A_m2, double j0_A_m2, double temperature_K)
            => 2 * PhysicalConstants.GasConstant_J_molK * temperature_K / PhysicalConstants.Faraday_C_mol * Math.Asinh(j_A_m2 / (2 * j0_A_m2));
    }
}

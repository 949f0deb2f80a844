using System;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// Electrolyte transport of LiPF6 in EC:EMC 3:7 (Nyman et al. 2008), as used by Chen2020.
    /// Both functions are evaluated at max(c_e, 10 mol m⁻³), as in PyBaMM, so they stay positive if the electrolyte depletes.
    /// </summary>
    public static class Nyman2008Electrolyte
    {
        /// <summary>Concentration floor applied before evaluating the fits [mol m⁻³].</summary>
        public const double ConcentrationFloor_mol_m3 = 10.0;

        /// <summary>Bulk electrolyte diffusivity D_e(c_e) [m² s⁻¹]; 1.7694e-10 at 1000 mol m⁻³.</summary>
        public static double Diffusivity_m2_s(double concentration_mol_m3)
        {
            double c = Math.Max(concentration_mol_m3, ConcentrationFloor_mol_m3) / 1000.0;
            return 8.794e-11 * c * c - 3.972e-10 * c + 4.862e-10;
        }

        /// <summary>Bulk electrolyte conductivity κ_e(c_e) [S m⁻¹]; 0.9487 at 1000 mol m⁻³.</summary>
        public static double Conductivity_S_m(double concentration_mol_m3)
        {
            double c = Math.Max(concentration_mol_m3, ConcentrationFloor_mol_m3) / 1000.0;
            return 0.1297 * c * c * c - 2.51 * c * Math.Sqrt(c) + 3.329 * c;
        }
    }
}

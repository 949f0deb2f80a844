using System;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// State-dependent functions of the Chen2020 (LG M50) parameter set: open-circuit potentials of graphite and NMC 811
    /// and the exchange-current density. Coefficients are those of PyBaMM's <c>Chen2020.py</c>.
    /// </summary>
    public static class Chen2020Functions
    {
        /// <summary>Graphite OCP U_n,ref(θ) [V] of the raw fit, θ = c_s/c_max (no clipping, no barrier).</summary>
        public static double GraphiteOcpFit_V(double theta) =>
            1.9793 * Math.Exp(-39.3631 * theta) + 0.2482
            - 0.0909 * Math.Tanh(29.8538 * (theta - 0.1234))
            - 0.04478 * Math.Tanh(14.9159 * (theta - 0.2769))
            - 0.0205 * Math.Tanh(30.4444 * (theta - 0.6103));

        /// <summary>NMC 811 OCP U_p,ref(θ) [V] of the raw fit, θ = c_s/c_max (no clipping, no barrier).</summary>
        public static double NmcOcpFit_V(double theta) =>
            -0.8090 * theta + 4.4875
            - 0.0428 * Math.Tanh(18.5138 * (theta - 0.5542))
            - 17.7326 * Math.Tanh(15.7890 * (theta - 0.3117))
            + 17.5842 * Math.Tanh(15.9308 * (theta - 0.3120));

        /// <summary>Graphite OCP as PyBaMM evaluates it: θ clipped to [1e-10, 1−1e-10] plus the softplus barrier at both ends [V].</summary>
        public static double GraphiteOcp_V(double theta) => WithBarrier(GraphiteOcpFit_V(Clip(theta)), theta);

        /// <summary>NMC OCP as PyBaMM evaluates it: θ clipped to [1e-10, 1−1e-10] plus the softplus barrier at both ends [V].</summary>
        public static double NmcOcp_V(double theta) => WithBarrier(NmcOcpFit_V(Clip(theta)), theta);

        /// <summary>
        /// Exchange-current density j0 = m·exp[(E_a/R)(1/T_ref − 1/T)]·c_e^½·c_s^½·(c_max − c_s)^½ [A m⁻²].
        /// c_s is clipped to [0, c_max] and c_e floored at 0, as PyBaMM does, so j0 is never NaN.
        /// </summary>
        public static double ExchangeCurrentDensity_A_m2(double coefficient, double activationEnergy_J_mol, double temperature_K,
            double referenceTemperature_K, double electrolyteConcentration_mol_m3, double surfaceConcentration_mol_m3, double maxConcentration_mol_m3)
        {
            double cs = Math.Clamp(surfaceConcentration_mol_m3, 0.0, maxConcentration_mol_m3);
            return coefficient * ArrheniusFactor(activationEnergy_J_mol, temperature_K, referenceTemperature_K)
                   * Math.Sqrt(Math.Max(electrolyteConcentration_mol_m3, 0.0) * cs * (maxConcentration_mol_m3 - cs));
        }

        /// <summary>exp[(E_a/R)(1/T_ref − 1/T)]; exactly 1 at the reference temperature.</summary>
        public static double ArrheniusFactor(double activationEnergy_J_mol, double temperature_K, double referenceTemperature_K) =>
            activationEnergy_J_mol == 0.0 || temperature_K == referenceTemperature_K
                ? 1.0
                : Math.Exp(activationEnergy_J_mol / PhysicalConstants.GasConstant_J_molK * (1.0 / referenceTemperature_K - 1.0 / temperature_K));

        private static double Clip(double theta) => Math.Clamp(theta, 1e-10, 1.0 - 1e-10);

        // PyBaMM ≥ 26.3 adds B(θ) − B(1−θ), B(s) = a·ln(1 + e^(−b(s − c))); it is < 1e-25 V inside [0.01, 0.99],
        // so it only matters (and is only evaluated) at the ends, where it keeps solvers out of θ ∉ (0, 1).
        private const double BarrierA = 205.0568621937484;
        private const double BarrierB = 6910.192179565431;
        private const double BarrierC = -7.7e-4;

        private static double WithBarrier(double u, double theta)
        {
            if (theta >= 0.01 && theta <= 0.99) return u;
            return u + Barrier(theta) - Barrier(1.0 - theta);
        }

        private static double Barrier(double s)
        {
            double z = -BarrierB * (s - BarrierC);
            double softplus = z > 0 ? z + Math.Log(1.0 + Math.Exp(-z)) : Math.Log(1.0 + Math.Exp(z));
            return BarrierA * softplus;
        }
    }
}

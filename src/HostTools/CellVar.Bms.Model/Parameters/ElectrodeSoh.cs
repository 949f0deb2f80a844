using System;
using System.Globalization;
using MathNet.Numerics.RootFinding;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// Electrode state of health (PyBaMM's eSOH): the stoichiometry windows [x₀, x₁₀₀] (negative) and [y₁₀₀, y₀] (positive)
    /// between the lower and upper cut-off OCVs, given the electrode capacities and the cyclable lithium of the parameter
    /// set's initial concentrations. SOC s maps linearly: x = x₀ + s(x₁₀₀ − x₀), y = y₀ − s(y₀ − y₁₀₀).
    /// </summary>
    public sealed class ElectrodeSoh
    {
        private ElectrodeSoh(double qn, double qp, double qli, double x0, double x100, double y0, double y100)
        {
            NegativeCapacity_Ah = qn; PositiveCapacity_Ah = qp; CyclableLithium_Ah = qli;
            X0 = x0; X100 = x100; Y0 = y0; Y100 = y100;
        }

        /// <summary>Negative-electrode capacity Q_n = ε_s,n L_n c_max,n F A / 3600 [A h].</summary>
        public double NegativeCapacity_Ah { get; }
        /// <summary>Positive-electrode capacity Q_p [A h].</summary>
        public double PositiveCapacity_Ah { get; }
        /// <summary>Cyclable lithium Q_Li from the initial concentrations [A h].</summary>
        public double CyclableLithium_Ah { get; }
        /// <summary>Negative stoichiometry at 0 % SOC.</summary>
        public double X0 { get; }
        /// <summary>Negative stoichiometry at 100 % SOC.</summary>
        public double X100 { get; }
        /// <summary>Positive stoichiometry at 0 % SOC.</summary>
        public double Y0 { get; }
        /// <summary>Positive stoichiometry at 100 % SOC.</summary>
        public double Y100 { get; }

        /// <summary>Usable capacity between the cut-off OCVs, Q = Q_n(x₁₀₀ − x₀) [A h].</summary>
        public double Capacity_Ah => NegativeCapacity_Ah * (X100 - X0);

        /// <summary>Negative stoichiometry at state of charge <paramref name="soc"/> (0…1).</summary>
        public double NegativeStoichiometry(double soc) => X0 + soc * (X100 - X0);

        /// <summary>Positive stoichiometry at state of charge <paramref name="soc"/> (0…1).</summary>
        public double PositiveStoichiometry(double soc) => Y0 - soc * (Y0 - Y100);

        /// <summary>Open-circuit voltage U_p(y(s)) − U_n(x(s)) at state of charge <paramref name="soc"/> [V].</summary>
        public double OpenCircuitVoltage_V(double soc) =>
            Chen2020Functions.NmcOcp_V(PositiveStoichiometry(soc)) - Chen2020Functions.GraphiteOcp_V(NegativeStoichiometry(soc));

        /// <summary>SOC from the average negative stoichiometry (the inverse of <see cref="NegativeStoichiometry"/>).</summary>
        public double SocFromNegativeStoichiometry(double x) => (x - X0) / (X100 - X0);

        /// <summary>Solves the eSOH for a (validated) parameter set.</summary>
        /// <exception cref="ParameterException">The parameters are invalid, or the OCVs cannot reach the cut-off voltages
        /// with the given electrode balance.</exception>
        public static ElectrodeSoh Compute(CellParameters p)
        {
            p.Validate();
            double f = PhysicalConstants.Faraday_C_mol, a = p.ElectrodeArea_m2, h = PhysicalConstants.SecondsPerHour;
            double qn = p.NegativeActiveMaterialFraction * p.NegativeElectrodeThickness_m * p.NegativeMaxConcentration_mol_m3 * f * a / h;
            double qp = p.PositiveActiveMaterialFraction * p.PositiveElectrodeThickness_m * p.PositiveMaxConcentration_mol_m3 * f * a / h;
            double qli = (p.NegativeActiveMaterialFraction * p.NegativeElectrodeThickness_m * p.NegativeInitialConcentration_mol_m3
                        + p.PositiveActiveMaterialFraction * p.PositiveElectrodeThickness_m * p.PositiveInitialConcentration_mol_m3) * f * a / h;

            // x₁₀₀: y(x) = (Q_Li − x Q_n)/Q_p must stay in (0, 1).
            const double margin = 1e-9;
            double lo = Math.Max(margin, (qli - qp) / qn + margin);
            double hi = Math.Min(1 - margin, qli / qn - margin);
            if (!(lo < hi)) throw new ParameterException("Electrode balance leaves no admissible stoichiometry window (check capacities and initial concentrations).");
            double Y100Of(double x) => (qli - x * qn) / qp;
            double x100 = Solve(x => Chen2020Functions.NmcOcp_V(Y100Of(x)) - Chen2020Functions.GraphiteOcp_V(x) - p.UpperCutoffVoltage_V, lo, hi, "UpperCutoffVoltage_V");
            double y100 = Y100Of(x100);

            // x₀: y₀ = y₁₀₀ + Q_n(x₁₀₀ − x₀)/Q_p must stay below 1.
            double lo0 = Math.Max(margin, x100 - qp * (1 - y100) / qn + margin);
            double Y0Of(double x) => y100 + qn * (x100 - x) / qp;
            double x0 = Solve(x => Chen2020Functions.NmcOcp_V(Y0Of(x)) - Chen2020Functions.GraphiteOcp_V(x) - p.LowerCutoffVoltage_V, lo0, x100 - margin, "LowerCutoffVoltage_V");
            return new ElectrodeSoh(qn, qp, qli, x0, x100, Y0Of(x0), y100);
        }

        private static double Solve(Func<double, double> f, double lo, double hi, string what)
        {
            double flo = f(lo), fhi = f(hi);
            if (double.IsNaN(flo) || double.IsNaN(fhi) || Math.Sign(flo) == Math.Sign(fhi))
                throw new ParameterException(string.Format(CultureInfo.InvariantCulture,
                    "The open-circuit voltage cannot reach {0} inside the stoichiometry window [{1:G6}, {2:G6}] of this electrode balance.", what, lo, hi));
            // 1e-13 in stoichiometry is far below anything the models resolve (PyBaMM solves to 1e-6).
            return Brent.FindRoot(f, lo, hi, 1e-13, 200);
        }
    }
}

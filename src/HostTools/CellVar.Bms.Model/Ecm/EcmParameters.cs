using System;
using System.Collections.Generic;

namespace CellVar.Bms.Model.Ecm
{
    /// <summary>
    /// Equivalent-circuit parameters: OCV(SOC), a series element and two RC pairs R_k(SOC) with constant time constants,
    /// tabulated on a uniform SOC grid from 0 to 1 (linear interpolation, clamped at the ends). The series element is an
    /// ohmic resistance plus one Butler–Volmer charge-transfer element per electrode, η = (2RT/F)·asinh(I/(2I₀)), whose
    /// small-signal value gives <see cref="R0_Ohm"/>. Produced from physics by <see cref="EcmDerivation"/>.
    /// </summary>
    public sealed class EcmParameters
    {
        /// <summary>Creates a parameter set; every table has one value per point of a uniform grid on [0, 1].</summary>
        public EcmParameters(double capacity_Ah, IReadOnlyList<double> ocv_V, double ohmicResistance_Ohm, double thermalVoltage_V,
            IReadOnlyList<double> negativeExchangeCurrent_A, IReadOnlyList<double> positiveExchangeCurrent_A,
            IReadOnlyList<double> r1_Ohm, double tau1_s, IReadOnlyList<double> r2_Ohm, double tau2_s)
        {
            int n = ocv_V.Count;
            if (n < 2 || negativeExchangeCurrent_A.Count != n || positiveExchangeCurrent_A.Count != n || r1_Ohm.Count != n || r2_Ohm.Count != n)
                throw new ArgumentException("OCV, exchange-current, R1 and R2 tables must have the same length (≥ 2).");
            if (!(capacity_Ah > 0) || !(tau1_s > 0) || !(tau2_s > 0) || !(thermalVoltage_V > 0) || !(ohmicResistance_Ohm >= 0))
                throw new ArgumentException("Capacity, time constants and thermal voltage must be positive and the ohmic resistance non-negative.");
            Capacity_Ah = capacity_Ah;
            Ocv_V = Copy(ocv_V, "OCV", allowNegative: true);
            OhmicResistance_Ohm = ohmicResistance_Ohm;
            ThermalVoltage_V = thermalVoltage_V;
            NegativeExchangeCurrent_A = Copy(negativeExchangeCurrent_A, "I0n", false);
            PositiveExchangeCurrent_A = Copy(positiveExchangeCurrent_A, "I0p", false);
            R0_Ohm = new double[n];
            for (int i = 0; i < n; i++)
                R0_Ohm[i] = ohmicResistance_Ohm + thermalVoltage_V * (1.0 / NegativeExchangeCurrent_A[i] + 1.0 / PositiveExchangeCurrent_A[i]);
            R1_Ohm = Copy(r1_Ohm, "R1", false);
            R2_Ohm = Copy(r2_Ohm, "R2", false);
            Tau1_s = tau1_s;
            Tau2_s = tau2_s;
        }

        /// <summary>Capacity between the cut-off OCVs [A h]; SOC is counted against it.</summary>
        public double Capacity_Ah { get; }
        /// <summary>OCV at the grid points [V].</summary>
        public double[] Ocv_V { get; }
        /// <summary>Ohmic part of the series element (electrolyte, solid, contact) [Ω].</summary>
        public double OhmicResistance_Ohm { get; }
        /// <summary>RT/F [V].</summary>
        public double ThermalVoltage_V { get; }
        /// <summary>Negative-electrode exchange current I₀ = j0·a·L·A at the grid points [A].</summary>
        public double[] NegativeExchangeCurrent_A { get; }
        /// <summary>Positive-electrode exchange current at the grid points [A].</summary>
        public double[] PositiveExchangeCurrent_A { get; }
        /// <summary>Small-signal series resistance R0 = R_ohm + (RT/F)(1/I₀n + 1/I₀p) at the grid points [Ω] (the device prior's R0).</summary>
        public double[] R0_Ohm { get; }
        /// <summary>First (faster) RC resistance at the grid points [Ω].</summary>
        public double[] R1_Ohm { get; }
        /// <summary>First RC time constant [s].</summary>
        public double Tau1_s { get; }
        /// <summary>Second (slower) RC resistance at the grid points [Ω].</summary>
        public double[] R2_Ohm { get; }
        /// <summary>Second RC time constant [s].</summary>
        public double Tau2_s { get; }
        /// <summary>Number of grid points.</summary>
        public int GridCount => Ocv_V.Length;

        /// <summary>Linear interpolation of a table at <paramref name="soc"/> (clamped to [0, 1]).</summary>
        public static double Interpolate(double[] table, double soc)
        {
            double x = Math.Clamp(soc, 0.0, 1.0) * (table.Length - 1);
            int i = Math.Min((int)x, table.Length - 2);
            double f = x - i;
            return table[i] + f * (table[i + 1] - table[i]);
        }

        /// <summary>Voltage across the series element at current <paramref name="current_A"/> and <paramref name="soc"/> [V].</summary>
        public double SeriesDrop_V(double current_A, double soc)
        {
            double i0n = Interpolate(NegativeExchangeCurrent_A, soc), i0p = Interpolate(PositiveExchangeCurrent_A, soc);
            return current_A * OhmicResistance_Ohm
                   + 2 * ThermalVoltage_V * (Math.Asinh(current_A / (2 * i0n)) + Math.Asinh(current_A / (2 * i0p)));
        }

        private static double[] Copy(IReadOnlyList<double> src, string what, bool allowNegative)
        {
            var a = new double[src.Count];
            for (int i = 0; i < a.Length; i++)
            {
                if (!double.IsFinite(src[i]) || (!allowNegative && src[i] < 0))
                    throw new ArgumentException($"{what}[{i}] = {src[i]} is not admissible.");
                a[i] = src[i];
            }
            return a;
        }
    }
}

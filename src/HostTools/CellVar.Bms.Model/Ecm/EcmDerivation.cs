using System;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Ecm
{
    /// <summary>
    /// Derives equivalent-circuit parameters from the physical ones by linearising the SPMe about rest at each SOC
    /// (documented in the library README, "ECM derivation"):
    /// series element = contact + electrolyte and solid ohmic + one Butler–Volmer element per electrode with exchange current
    /// I₀ = j0·a·L·A (small-signal R0 adds RT/(F I₀) per electrode);
    /// the particle-diffusion and electrolyte-diffusion polarisations are linear branches whose steady resistance is the
    /// overpotential per ampere (computed on the SPMe's own finite-volume meshes; particles with all their modes, the
    /// electrolyte as one exponential with its first-moment time constant). Two RC pairs are least-squares fitted to the sum
    /// of these step responses on log-spaced times from 1 s to 1 h: time constants at SOC 0.5, resistances at each SOC.
    /// </summary>
    public static class EcmDerivation
    {
        /// <summary>The linearised pieces at one SOC, for inspection and documentation.</summary>
        public sealed record Components(
            double Soc, double ContactResistance_Ohm, double OhmicResistance_Ohm,
            double NegativeChargeTransferResistance_Ohm, double PositiveChargeTransferResistance_Ohm,
            double NegativeDiffusionResistance_Ohm, double NegativeDiffusionTimeConstant_s,
            double PositiveDiffusionResistance_Ohm, double PositiveDiffusionTimeConstant_s,
            double ElectrolyteDiffusionResistance_Ohm, double ElectrolyteTimeConstant_s)
        {
            /// <summary>Instantaneous series resistance R0 [Ω].</summary>
            public double SeriesResistance_Ohm =>
                ContactResistance_Ohm + OhmicResistance_Ohm + NegativeChargeTransferResistance_Ohm + PositiveChargeTransferResistance_Ohm;
        }

        /// <summary>Builds the ECM tables on <paramref name="gridPoints"/> SOC points.</summary>
        /// <exception cref="ParameterException">Invalid parameters.</exception>
        public static EcmParameters FromPhysical(CellParameters p, int gridPoints = 101)
        {
            if (gridPoints < 2) throw new ArgumentOutOfRangeException(nameof(gridPoints));
            p.Validate();
            var soh = ElectrodeSoh.Compute(p);
            var fixedParts = new FixedParts(p);
            var ocv = new double[gridPoints];
            var i0n = new double[gridPoints];
            var i0p = new double[gridPoints];
            for (int g = 0; g < gridPoints; g++)
            {
                double s = (double)g / (gridPoints - 1);
                var c = Evaluate(p, soh, fixedParts, s);
                ocv[g] = soh.OpenCircuitVoltage_V(s);
                i0n[g] = fixedParts.ThermalVoltage_V / c.NegativeChargeTransferResistance_Ohm;
                i0p[g] = fixedParts.ThermalVoltage_V / c.PositiveChargeTransferResistance_Ohm;
            }
            // Two RC pairs fitted to the linear step response of the three physical branches (negative particle, positive
            // particle, electrolyte) on log-spaced times 1 s … 1 h: time constants at SOC 0.5, resistances at every SOC.
            var times = LogSpace(1.0, 3600.0, 60);
            var fn = new double[times.Length];
            var fp = new double[times.Length];
            var fe = new double[times.Length];
            for (int m = 0; m < times.Length; m++)
            {
                fn[m] = fixedParts.NegativeShape(times[m]);
                fp[m] = fixedParts.PositiveShape(times[m]);
                fe[m] = 1 - Math.Exp(-times[m] / fixedParts.ElectrolyteTau_s);
            }
            double[] Target(double s)
            {
                var c = Evaluate(p, soh, fixedParts, s);
                var y = new double[times.Length];
                for (int m = 0; m < y.Length; m++)
                    y[m] = c.NegativeDiffusionResistance_Ohm * fn[m] + c.PositiveDiffusionResistance_Ohm * fp[m] + c.ElectrolyteDiffusionResistance_Ohm * fe[m];
                return y;
            }
            var (tau1, tau2) = FitTimeConstants(times, Target(0.5));
            var u1 = Basis(times, tau1);
            var u2 = Basis(times, tau2);
            double g11 = Dot(u1, u1), g12 = Dot(u1, u2), g22 = Dot(u2, u2);
            var r1 = new double[gridPoints];
            var r2 = new double[gridPoints];
            for (int g = 0; g < gridPoints; g++)
            {
                var y = Target((double)g / (gridPoints - 1));
                (r1[g], r2[g]) = Solve2(g11, g12, g22, Dot(u1, y), Dot(u2, y));
            }
            double rs = p.ContactResistance_Ohm + fixedParts.Ohmic_Ohm, vt = fixedParts.ThermalVoltage_V;
            return new EcmParameters(soh.Capacity_Ah, ocv, rs, vt, i0n, i0p, r1, tau1, r2, tau2);
        }

        private static double[] LogSpace(double a, double b, int n)
        {
            var t = new double[n];
            for (int i = 0; i < n; i++) t[i] = a * Math.Pow(b / a, (double)i / (n - 1));
            return t;
        }

        // Variable projection: grid search over (τ1 < τ2) on a log grid; for each pair the resistances come from the 2×2
        // normal equations, and the residual from the precomputed Gram matrix, so a pair costs O(1).
        private static (double Tau1, double Tau2) FitTimeConstants(double[] t, double[] y)
        {
            var taus = LogSpace(1.0, 5000.0, 80);
            int n = taus.Length;
            var basis = new double[n][];
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                basis[i] = Basis(t, taus[i]);
                c[i] = Dot(basis[i], y);
            }
            double yy = Dot(y, y), best = double.PositiveInfinity, b1 = 30, b2 = 200;
            for (int i = 0; i < n; i++)
            {
                double a11 = Dot(basis[i], basis[i]);
                for (int j = i + 1; j < n; j++)
                {
                    double a12 = Dot(basis[i], basis[j]), a22 = Dot(basis[j], basis[j]);
                    var (r1, r2) = Solve2(a11, a12, a22, c[i], c[j]);
                    double sse = yy - 2 * (r1 * c[i] + r2 * c[j]) + r1 * r1 * a11 + 2 * r1 * r2 * a12 + r2 * r2 * a22;
                    if (sse < best) { best = sse; b1 = taus[i]; b2 = taus[j]; }
                }
            }
            return (b1, b2);
        }

        private static double[] Basis(double[] t, double tau)
        {
            var u = new double[t.Length];
            for (int m = 0; m < t.Length; m++) u[m] = 1 - Math.Exp(-t[m] / tau);
            return u;
        }

        private static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (int m = 0; m < a.Length; m++) s += a[m] * b[m];
            return s;
        }

        // Non-negative least squares for two columns: the unconstrained solution, or the better single column if it has a
        // negative entry (negative resistances are unphysical).
        private static (double R1, double R2) Solve2(double a11, double a12, double a22, double c1, double c2)
        {
            double det = a11 * a22 - a12 * a12;
            double r1 = (c1 * a22 - c2 * a12) / det, r2 = (a11 * c2 - a12 * c1) / det;
            if (r1 >= 0 && r2 >= 0 && double.IsFinite(r1) && double.IsFinite(r2)) return (r1, r2);
            double s1 = Math.Max(c1 / a11, 0), s2 = Math.Max(c2 / a22, 0);
            // Residual reduction of each single-column fit is s²·a (for s = c/a); keep the larger.
            return s1 * s1 * a11 >= s2 * s2 * a22 ? (s1, 0) : (0, s2);
        }

        /// <summary>The linearised components at one SOC.</summary>
        public static Components Evaluate(CellParameters p, double soc)
        {
            p.Validate();
            return Evaluate(p, ElectrodeSoh.Compute(p), new FixedParts(p), soc);
        }

        private static Components Evaluate(CellParameters p, ElectrodeSoh soh, FixedParts f, double soc)
        {
            double rtf = PhysicalConstants.GasConstant_J_molK * p.Temperature_K / PhysicalConstants.Faraday_C_mol;
            double area = p.ElectrodeArea_m2;
            double x = soh.NegativeStoichiometry(soc), y = soh.PositiveStoichiometry(soc);
            double ce0 = p.InitialElectrolyteConcentration_mol_m3;
            double aN = 3 * p.NegativeActiveMaterialFraction / p.NegativeParticleRadius_m;
            double aP = 3 * p.PositiveActiveMaterialFraction / p.PositiveParticleRadius_m;
            double j0n = Chen2020Functions.ExchangeCurrentDensity_A_m2(p.NegativeExchangeCurrentCoefficient, p.NegativeActivationEnergy_J_mol,
                p.Temperature_K, p.ReferenceTemperature_K, ce0, x * p.NegativeMaxConcentration_mol_m3, p.NegativeMaxConcentration_mol_m3);
            double j0p = Chen2020Functions.ExchangeCurrentDensity_A_m2(p.PositiveExchangeCurrentCoefficient, p.PositiveActivationEnergy_J_mol,
                p.Temperature_K, p.ReferenceTemperature_K, ce0, y * p.PositiveMaxConcentration_mol_m3, p.PositiveMaxConcentration_mol_m3);
            // η = (2RT/F)·asinh(j/(2 j0)) ≈ (RT/F)·j/j0 with j = I/(A a L).
            double rctN = rtf / (j0n * aN * p.NegativeElectrodeThickness_m * area);
            double rctP = rtf / (j0p * aP * p.PositiveElectrodeThickness_m * area);
            // Particle branch: δV = ±(dU/dθ)·δc_s/c_max with δc_s the surface excess per ampere.
            double dUn = Slope(Chen2020Functions.GraphiteOcp_V, x), dUp = Slope(Chen2020Functions.NmcOcp_V, y);
            double rdN = -(-dUn) * f.NegativeExcessPerAmp / p.NegativeMaxConcentration_mol_m3;
            double rdP = -dUp * f.PositiveExcessPerAmp / p.PositiveMaxConcentration_mol_m3;
            return new Components(soc, p.ContactResistance_Ohm, f.Ohmic_Ohm, rctN, rctP,
                Math.Abs(rdN), f.NegativeTau_s, Math.Abs(rdP), f.PositiveTau_s, f.Electrolyte_Ohm, f.ElectrolyteTau_s);
        }

        private static double Slope(Func<double, double> u, double theta)
        {
            const double h = 1e-5; // central difference; the OCP fits are smooth on this scale
            return (u(theta + h) - u(theta - h)) / (2 * h);
        }

        /// <summary>The SOC-independent parts, computed once per parameter set.</summary>
        private sealed class FixedParts
        {
            private readonly double[] _wN, _muN, _wP, _muP;
            public readonly double ThermalVoltage_V, Ohmic_Ohm, NegativeExcessPerAmp, NegativeTau_s, PositiveExcessPerAmp, PositiveTau_s, Electrolyte_Ohm, ElectrolyteTau_s;

            public FixedParts(CellParameters p)
            {
                double area = p.ElectrodeArea_m2, ce0 = p.InitialElectrolyteConcentration_mol_m3;
                ThermalVoltage_V = PhysicalConstants.GasConstant_J_molK * p.Temperature_K / PhysicalConstants.Faraday_C_mol;
                double kappa = Nyman2008Electrolyte.Conductivity_S_m(ce0);
                double bN = Math.Pow(p.NegativePorosity, p.NegativeBruggeman), bS = Math.Pow(p.SeparatorPorosity, p.SeparatorBruggeman);
                double bP = Math.Pow(p.PositivePorosity, p.PositiveBruggeman);
                double lp = p.PositiveElectrodeThickness_m, hp = lp / 20;
                double solid = (p.NegativeElectrodeThickness_m / p.NegativeSolidConductivity_S_m + lp / p.PositiveSolidConductivity_S_m) / 3.0
                               - 3.0 * hp * hp / (8.0 * lp * p.PositiveSolidConductivity_S_m);
                double electrolyte = p.NegativeElectrodeThickness_m / (3 * kappa * bN) + p.SeparatorThickness_m / (kappa * bS) + lp / (3 * kappa * bP);
                Ohmic_Ohm = (electrolyte + solid) / area;

                var modes = ParticleModes.ForCells(20);
                (double exN, double tauN) = ParticleBranch(modes, p.NegativeSolidDiffusivity_m2_s, p.NegativeParticleRadius_m, out _wN, out _muN);
                (double exP, double tauP) = ParticleBranch(modes, p.PositiveSolidDiffusivity_m2_s, p.PositiveParticleRadius_m, out _wP, out _muP);
                double aN = 3 * p.NegativeActiveMaterialFraction / p.NegativeParticleRadius_m;
                double aP = 3 * p.PositiveActiveMaterialFraction / p.PositiveParticleRadius_m;
                // Input b per ampere: b = −j/(F R V̂_N), j̄_n = I/(A a_n L_n) and j̄_p = −I/(A a_p L_p).
                double bInN = -modes.InputScale / (area * aN * p.NegativeElectrodeThickness_m * PhysicalConstants.Faraday_C_mol * p.NegativeParticleRadius_m);
                double bInP = modes.InputScale / (area * aP * lp * PhysicalConstants.Faraday_C_mol * p.PositiveParticleRadius_m);
                NegativeExcessPerAmp = exN * bInN;
                PositiveExcessPerAmp = exP * bInP;
                NegativeTau_s = tauN;
                PositiveTau_s = tauP;

                (Electrolyte_Ohm, ElectrolyteTau_s) = ElectrolyteBranch(p);
            }

            /// <summary>Normalised step response (0 → 1) of the negative particle's surface excess at time t [s].</summary>
            public double NegativeShape(double t) => Shape(_wN, _muN, t);

            /// <summary>Normalised step response of the positive particle's surface excess.</summary>
            public double PositiveShape(double t) => Shape(_wP, _muP, t);

            private static double Shape(double[] w, double[] mu, double t)
            {
                double y = 0, total = 0;
                for (int k = 0; k < w.Length; k++)
                {
                    y += w[k] * (Math.Exp(mu[k] * t) - 1) / mu[k];
                    total += -w[k] / mu[k];
                }
                return y / total;
            }

            // Steady surface excess (c_ss − c̄) per unit input b, and its first-moment time constant, from the modes.
            private static (double Excess, double Tau_s) ParticleBranch(ParticleModes modes, double d, double r, out double[] weights, out double[] rates)
            {
                double scale = d / (r * r), excess = 0, moment = 0;
                var wl = new System.Collections.Generic.List<double>();
                var ml = new System.Collections.Generic.List<double>();
                for (int k = 0; k < modes.CellCount; k++)
                {
                    double mu = scale * modes.Eigenvalues[k];
                    if (mu == 0) continue;
                    double w = modes.SurfaceWeight[k] * modes.InputGain[k];
                    excess += -w / mu;
                    moment += w / (mu * mu);
                    wl.Add(w);
                    ml.Add(mu);
                }
                weights = wl.ToArray();
                rates = ml.ToArray();
                return (excess, moment / excess);
            }

            // Linear electrolyte on the SPMe mesh with D at c_e0: steady profile K c = −q and first moment K W = −M c,
            // both integrated edge by edge because K is a 1-D conductance Laplacian with zero-flux ends.
            private static (double Resistance_Ohm, double Tau_s) ElectrolyteBranch(CellParameters p)
            {
                var mesh = new ElectrolyteMesh(p);
                int n = mesh.Count, m = mesh.PerDomain;
                double d0 = Nyman2008Electrolyte.Diffusivity_m2_s(p.InitialElectrolyteConcentration_mol_m3);
                var k = new double[n - 1];
                for (int e = 0; e + 1 < n; e++)
                    k[e] = mesh.EdgeConductance(e, mesh.TransportEfficiency[e] * d0, mesh.TransportEfficiency[e + 1] * d0);
                var c = Integrate(mesh, k, j => -mesh.Source[j]);
                RemoveMass(mesh, c);
                var w = Integrate(mesh, k, j => -mesh.Porosity[j] * c[j]);
                double rtf = PhysicalConstants.GasConstant_J_molK * p.Temperature_K / PhysicalConstants.Faraday_C_mol;
                double chi = 2 * (1 - p.CationTransferenceNumber) * p.ThermodynamicFactor;
                // η_c ≈ χ(RT/F)(⟨c⟩_p − ⟨c⟩_n)/c_e0 for small perturbations.
                double Functional(double[] v)
                {
                    double sn = 0, sp = 0;
                    for (int j = 0; j < m; j++) sn += v[j];
                    for (int j = 2 * m; j < n; j++) sp += v[j];
                    return chi * rtf * (sp - sn) / m / p.InitialElectrolyteConcentration_mol_m3;
                }
                double ySteady = Functional(c); // volts per unit current density
                double resistance = -ySteady / p.ElectrodeArea_m2;
                double tau = Functional(w) / ySteady;
                return (resistance, tau);
            }

            private static double[] Integrate(ElectrolyteMesh mesh, double[] k, Func<int, double> rhs)
            {
                int n = mesh.Count;
                var v = new double[n];
                double flux = 0;
                for (int j = 0; j + 1 < n; j++)
                {
                    flux += rhs(j) * mesh.Width_m[j];
                    v[j + 1] = v[j] + flux / k[j];
                }
                return v;
            }

            private static void RemoveMass(ElectrolyteMesh mesh, double[] v)
            {
                double mass = 0, vol = 0;
                for (int j = 0; j < v.Length; j++)
                {
                    mass += mesh.Porosity[j] * mesh.Width_m[j] * v[j];
                    vol += mesh.Porosity[j] * mesh.Width_m[j];
                }
                for (int j = 0; j < v.Length; j++) v[j] -= mass / vol;
            }
        }
    }
}

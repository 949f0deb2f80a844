using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Model.Spme
{
    /// <summary>
    /// State and time stepping of one SPMe cell, following PyBaMM's SPMe (pybamm-models.md §2, §4): x-averaged particles
    /// on 20 radial finite volumes (integrated exactly in modal form), the full electrolyte diffusion PDE on 60 cells with
    /// uniform sources and piecewise-linear migration (linearly implicit TR-BDF2), and the composite voltage expression.
    /// Allocation-free after construction.
    /// </summary>
    public sealed class SpmeStepper : ICellStepper
    {
        private static readonly string[] Names =
        {
            "NegativeSurfaceStoichiometry", "PositiveSurfaceStoichiometry",
            "NegativeAverageStoichiometry", "PositiveAverageStoichiometry",
            "OpenCircuitVoltage_V", "SurfaceOpenCircuitVoltage_V",
            "NegativeReactionOverpotential_V", "PositiveReactionOverpotential_V",
            "ElectrolyteConcentrationOverpotential_V", "ElectrolyteOhmicLoss_V", "SolidOhmicLoss_V", "ContactLoss_V",
            "MinElectrolyteConcentration_mol_m3", "HeatGeneration_W",
        };

        private readonly ParticleModes _modes;
        private readonly ElectrodeSoh _soh;
        private readonly int _nr, _nx, _m;
        // Particles: modal state, rates and cached step propagators.
        private readonly double[] _zn, _zp, _rateN, _rateP, _expN, _expP, _gainN, _gainP;
        private double _cachedStep = double.NaN;
        private readonly double _inputN, _inputP; // b per unit current density [mol m⁻³ s⁻¹ per A m⁻²]
        // Electrolyte.
        private readonly ElectrolyteMesh _mesh;
        private readonly double[] _ce, _ceStage, _source, _k, _lower, _diag, _rhs, _cp, _invW, _invDist, _dNode;
        // Constants of the voltage expression.
        private readonly double _area, _ln, _ls, _lp, _lx, _cmaxN, _cmaxP, _aN, _aP, _twoRtF, _chiRtF;
        private readonly double _kinN, _kinP; // 2·m·Arrhenius
        private readonly double _bN, _bS, _bP; // ε^b per domain
        private readonly double _solidOhm, _rContact;
        // Present values.
        private double _current, _voltage, _csN, _csP, _etaN, _etaP, _etaC, _dPhiE, _dPhiS, _ocvSurf;
        private TerminationReason? _violation;

        /// <summary>Creates the state at <paramref name="initialSoc"/> at rest.</summary>
        public SpmeStepper(CellParameters p, double initialSoc, int particleCells = 20, int cellsPerDomain = 20)
        {
            p.Validate();
            if (!(initialSoc >= 0 && initialSoc <= 1))
                throw new ArgumentOutOfRangeException(nameof(initialSoc), initialSoc, "Initial SOC must be within [0, 1].");
            _soh = ElectrodeSoh.Compute(p);
            _modes = ParticleModes.ForCells(particleCells);
            _nr = particleCells;
            _mesh = new ElectrolyteMesh(p, cellsPerDomain);
            _nx = _mesh.Count;
            _m = cellsPerDomain;

            _area = p.ElectrodeArea_m2;
            _ln = p.NegativeElectrodeThickness_m; _ls = p.SeparatorThickness_m; _lp = p.PositiveElectrodeThickness_m;
            _lx = _ln + _ls + _lp;
            _cmaxN = p.NegativeMaxConcentration_mol_m3; _cmaxP = p.PositiveMaxConcentration_mol_m3;
            _aN = 3 * p.NegativeActiveMaterialFraction / p.NegativeParticleRadius_m;
            _aP = 3 * p.PositiveActiveMaterialFraction / p.PositiveParticleRadius_m;
            double rtf = PhysicalConstants.GasConstant_J_molK * p.Temperature_K / PhysicalConstants.Faraday_C_mol;
            _twoRtF = 2 * rtf;
            _chiRtF = 2 * (1 - p.CationTransferenceNumber) * p.ThermodynamicFactor * rtf;
            _kinN = 2 * p.NegativeExchangeCurrentCoefficient
                    * Chen2020Functions.ArrheniusFactor(p.NegativeActivationEnergy_J_mol, p.Temperature_K, p.ReferenceTemperature_K);
            _kinP = 2 * p.PositiveExchangeCurrentCoefficient
                    * Chen2020Functions.ArrheniusFactor(p.PositiveActivationEnergy_J_mol, p.Temperature_K, p.ReferenceTemperature_K);
            _bN = Math.Pow(p.NegativePorosity, p.NegativeBruggeman);
            _bS = Math.Pow(p.SeparatorPorosity, p.SeparatorBruggeman);
            _bP = Math.Pow(p.PositivePorosity, p.PositiveBruggeman);
            // Δφ_s = −(i/3)(L_n/σ_n + L_p/σ_p), plus PyBaMM's discrete extrapolation of φ_s,p to x = L_x: +(i/σ_p)·3h_p²/(8L_p).
            double hp = _lp / _m;
            _solidOhm = (_ln / p.NegativeSolidConductivity_S_m + _lp / p.PositiveSolidConductivity_S_m) / 3.0
                        - 3.0 * hp * hp / (8.0 * _lp * p.PositiveSolidConductivity_S_m);
            _rContact = p.ContactResistance_Ohm;

            // Particles.
            _zn = new double[_nr]; _zp = new double[_nr];
            _rateN = new double[_nr]; _rateP = new double[_nr];
            _expN = new double[_nr]; _expP = new double[_nr]; _gainN = new double[_nr]; _gainP = new double[_nr];
            double dn = p.NegativeSolidDiffusivity_m2_s / (p.NegativeParticleRadius_m * p.NegativeParticleRadius_m);
            double dp = p.PositiveSolidDiffusivity_m2_s / (p.PositiveParticleRadius_m * p.PositiveParticleRadius_m);
            double cn0 = _soh.NegativeStoichiometry(initialSoc) * _cmaxN, cp0 = _soh.PositiveStoichiometry(initialSoc) * _cmaxP;
            for (int k = 0; k < _nr; k++)
            {
                _rateN[k] = dn * _modes.Eigenvalues[k];
                _rateP[k] = dp * _modes.Eigenvalues[k];
                _zn[k] = cn0 * _modes.UniformToModal[k];
                _zp[k] = cp0 * _modes.UniformToModal[k];
            }
            // b = −j/(F R V̂_N) with j̄_n = i/(a_n L_n), j̄_p = −i/(a_p L_p).
            _inputN = -1.0 / (_aN * _ln) / PhysicalConstants.Faraday_C_mol / p.NegativeParticleRadius_m * _modes.InputScale;
            _inputP = +1.0 / (_aP * _lp) / PhysicalConstants.Faraday_C_mol / p.PositiveParticleRadius_m * _modes.InputScale;

            // Electrolyte.
            _ce = new double[_nx]; _ceStage = new double[_nx]; _source = new double[_nx];
            _k = new double[_nx - 1];
            _lower = new double[_nx]; _diag = new double[_nx]; _rhs = new double[_nx]; _cp = new double[_nx];
            _invW = new double[_nx]; _invDist = new double[_nx - 1]; _dNode = new double[_nx];
            for (int j = 0; j < _nx; j++) _invW[j] = 1.0 / _mesh.Width_m[j];
            for (int e = 0; e + 1 < _nx; e++) _invDist[e] = 1.0 / _mesh.EdgeDistance_m[e];
            for (int i = 0; i < _nx; i++) _ce[i] = p.InitialElectrolyteConcentration_mol_m3;
            _mesh.Source.CopyTo(_source, 0);
            SetCurrent(0.0);
        }

        /// <summary>The eSOH windows this cell was initialised with.</summary>
        public ElectrodeSoh ElectrodeSoh => _soh;

        /// <inheritdoc />
        public double Voltage_V => _voltage;
        /// <inheritdoc />
        public double Current_A => _current;
        /// <inheritdoc />
        public double Soc => _soh.SocFromNegativeStoichiometry(Average(_zn) / _cmaxN);
        /// <inheritdoc />
        public double OpenCircuitVoltage_V =>
            Chen2020Functions.NmcOcp_V(Average(_zp) / _cmaxP) - Chen2020Functions.GraphiteOcp_V(Average(_zn) / _cmaxN);
        /// <inheritdoc />
        public TerminationReason? StateViolation => _violation;
        /// <inheritdoc />
        public int StateSize => 2 * _nr + _nx + 1;
        /// <inheritdoc />
        public IReadOnlyList<string> InternalNames => Names;

        /// <inheritdoc />
        public void SetCurrent(double current_A)
        {
            _current = current_A;
            UpdateVoltage();
        }

        /// <inheritdoc />
        public void Step(double current_A, double dt_s)
        {
            _current = current_A;
            double i = current_A / _area;
            if (dt_s != _cachedStep) CacheStep(dt_s);
            double bn = _inputN * i, bp = _inputP * i;
            for (int k = 0; k < _nr; k++)
            {
                _zn[k] = _expN[k] * _zn[k] + _gainN[k] * bn;
                _zp[k] = _expP[k] * _zp[k] + _gainP[k] * bp;
            }
            StepElectrolyte(i, dt_s);
            UpdateVoltage();
        }

        /// <inheritdoc />
        public void SaveState(Span<double> destination)
        {
            _zn.CopyTo(destination);
            _zp.CopyTo(destination.Slice(_nr));
            _ce.CopyTo(destination.Slice(2 * _nr));
            destination[2 * _nr + _nx] = _current;
        }

        /// <inheritdoc />
        public void RestoreState(ReadOnlySpan<double> source)
        {
            source.Slice(0, _nr).CopyTo(_zn);
            source.Slice(_nr, _nr).CopyTo(_zp);
            source.Slice(2 * _nr, _nx).CopyTo(_ce);
            SetCurrent(source[2 * _nr + _nx]);
        }

        /// <inheritdoc />
        public void ReadInternals(Span<double> d)
        {
            double xAvg = Average(_zn) / _cmaxN, yAvg = Average(_zp) / _cmaxP;
            double ceMin = double.MaxValue;
            for (int i = 0; i < _nx; i++) ceMin = Math.Min(ceMin, _ce[i]);
            d[0] = _csN / _cmaxN;
            d[1] = _csP / _cmaxP;
            d[2] = xAvg;
            d[3] = yAvg;
            d[4] = Chen2020Functions.NmcOcp_V(yAvg) - Chen2020Functions.GraphiteOcp_V(xAvg);
            d[5] = _ocvSurf;
            d[6] = _etaN;
            d[7] = _etaP;
            d[8] = _etaC;
            d[9] = _dPhiE;
            d[10] = _dPhiS;
            d[11] = -_current * _rContact;
            d[12] = ceMin;
            // Irreversible heat: every loss between the surface OCV and the terminal (reaction, electrolyte, ohmic, contact).
            d[13] = _current * (_ocvSurf - _voltage);
        }

        /// <summary>Copies the nodal electrolyte concentration [mol m⁻³] (60 values by default).</summary>
        public void ReadElectrolyteConcentration(Span<double> destination) => _ce.CopyTo(destination);

        private double Average(double[] z)
        {
            double s = 0;
            var w = _modes.AverageWeight;
            for (int k = 0; k < _nr; k++) s += w[k] * z[k];
            return s;
        }

        private double Surface(double[] z)
        {
            double s = 0;
            var w = _modes.SurfaceWeight;
            for (int k = 0; k < _nr; k++) s += w[k] * z[k];
            return s;
        }

        private void CacheStep(double h)
        {
            for (int k = 0; k < _nr; k++)
            {
                (_expN[k], _gainN[k]) = Propagator(_rateN[k], h, _modes.InputGain[k]);
                (_expP[k], _gainP[k]) = Propagator(_rateP[k], h, _modes.InputGain[k]);
            }
            _cachedStep = h;
        }

        // Exact solution of ż = μz + g·b over h: z ← e^{μh} z + h·φ₁(μh)·g·b, φ₁(x) = (eˣ − 1)/x.
        private static (double Exp, double Gain) Propagator(double mu, double h, double g)
        {
            double x = mu * h;
            double e = Math.Exp(x);
            double phi1 = Math.Abs(x) < 1e-8 ? 1.0 + 0.5 * x : (e - 1.0) / x;
            return (e, h * phi1 * g);
        }

        // Linearly implicit TR-BDF2 (γ = 2 − √2): both stages share the matrix M − d·h·K, d = 1 − 1/√2, with the diffusion
        // operator K frozen at the start of the step. L-stable, second order, and mass-conserving. The matrix is factorised
        // once per step and divisions are hoisted, because they dominate the cost of this loop.
        private void StepElectrolyte(double i, double h)
        {
            const double d = 0.29289321881345248; // 1 − 1/√2 = γ/2
            const double c1 = 1.2071067811865475;  // 1/(γ(2−γ))
            const double c0 = 0.20710678118654752; // (1−γ)²/(γ(2−γ))
            var eps = _mesh.Porosity; var b = _mesh.TransportEfficiency; var beta = _mesh.EdgeWeight;
            // Edge conductances k_{i+½}: width-weighted harmonic mean of ε^b D_e(c_e), over the centre distance.
            // Nodes and edges are independent, so both loops are vectorised where the hardware allows.
            EffectiveDiffusivities(_ce, b, _dNode);
            int e = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                int w = Vector256<double>.Count;
                var one = Vector256.Create(1.0);
                for (; e <= _nx - 1 - w; e += w)
                {
                    var dl = Vector256.Create(_dNode.AsSpan(e, w));
                    var dr = Vector256.Create(_dNode.AsSpan(e + 1, w));
                    var be = Vector256.Create(beta.AsSpan(e, w));
                    var k = dl * dr / (be * dr + (one - be) * dl) * Vector256.Create(_invDist.AsSpan(e, w));
                    k.CopyTo(_k.AsSpan(e, w));
                }
            }
            for (; e + 1 < _nx; e++)
                _k[e] = _dNode[e] * _dNode[e + 1] / (beta[e] * _dNode[e + 1] + (1 - beta[e]) * _dNode[e]) * _invDist[e];
            double dh = d * h;
            // Factorise (M − dhK) = LU (Thomas): _cp holds U's super-diagonal, _diag the inverse pivots.
            double kl = 0, inv = 0;
            for (int j = 0; j < _nx; j++)
            {
                double kr = j + 1 < _nx ? _k[j] : 0;
                double s = dh * _invW[j];
                double lower = -s * kl, upper = -s * kr;
                double pivot = eps[j] + s * (kl + kr) - (j > 0 ? lower * _cp[j] : 0);
                inv = 1.0 / pivot;
                _diag[j] = inv;
                _lower[j] = lower;
                if (j + 1 < _nx) _cp[j + 1] = upper * inv;
                kl = kr;
            }
            // Stage 1 (trapezoid to t + γh): (M − dhK) c_γ = (M + dhK) c₀ + γ h q i, γh = 2dh.
            double fluxLeft = 0;
            for (int j = 0; j < _nx; j++)
            {
                double fluxRight = j + 1 < _nx ? _k[j] * (_ce[j + 1] - _ce[j]) : 0;
                _rhs[j] = eps[j] * _ce[j] + dh * (fluxRight - fluxLeft) * _invW[j] + 2 * dh * _source[j] * i;
                fluxLeft = fluxRight;
            }
            Substitute(_ceStage);
            // Stage 2 (BDF2): (M − dhK) c₁ = M(c1·c_γ − c0·c₀) + d h q i.
            for (int j = 0; j < _nx; j++)
                _rhs[j] = eps[j] * (c1 * _ceStage[j] - c0 * _ce[j]) + dh * _source[j] * i;
            Substitute(_ce);
        }

        // ε^b·D_e(c) at every node; the Nyman2008 polynomial with PyBaMM's 10 mol m⁻³ floor (see Nyman2008Electrolyte).
        private static void EffectiveDiffusivities(double[] c, double[] efficiency, double[] result)
        {
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                int w = Vector256<double>.Count;
                var floor = Vector256.Create(Nyman2008Electrolyte.ConcentrationFloor_mol_m3);
                for (; j <= c.Length - w; j += w)
                {
                    var x = Vector256.Max(Vector256.Create(c.AsSpan(j, w)), floor) * Vector256.Create(1e-3);
                    var d = (Vector256.Create(8.794e-11) * x - Vector256.Create(3.972e-10)) * x + Vector256.Create(4.862e-10);
                    (Vector256.Create(efficiency.AsSpan(j, w)) * d).CopyTo(result.AsSpan(j, w));
                }
            }
            for (; j < c.Length; j++) result[j] = efficiency[j] * Nyman2008Electrolyte.Diffusivity_m2_s(c[j]);
        }

        // Forward and back substitution with the factors from StepElectrolyte. The matrix is diagonally dominant
        // (M positive, K a conductance Laplacian), so no pivoting is needed.
        private void Substitute(double[] x)
        {
            x[0] = _rhs[0] * _diag[0];
            for (int j = 1; j < _nx; j++) x[j] = (_rhs[j] - _lower[j] * x[j - 1]) * _diag[j];
            for (int j = _nx - 2; j >= 0; j--) x[j] -= _cp[j + 1] * x[j + 1];
        }

        // asinh through one logarithm: about 3× faster than Math.Asinh here, and its absolute error (~1e-16) is what matters,
        // since the result is scaled by 2RT/F ≈ 0.05 V.
        private static double Asinh(double x)
        {
            double a = Math.Abs(x);
            double r = Math.Log(a + Math.Sqrt(a * a + 1.0));
            return x < 0 ? -r : r;
        }

        // Σ_j asinh(a/√c_j), vectorised where the hardware allows: this sum over 40 nodes is most of the voltage's cost.
        // a has one sign per electrode (uniform j̄), so asinh(a/√c) = sign(a)·ln(|a|/√c + √(a²/c + 1)).
        private static double SumAsinh(ReadOnlySpan<double> c, double a)
        {
            double abs = Math.Abs(a), sum = 0;
            int j = 0;
            if (Vector256.IsHardwareAccelerated && c.Length >= Vector256<double>.Count)
            {
                var va = Vector256.Create(abs);
                var one = Vector256.Create(1.0);
                var acc = Vector256<double>.Zero;
                for (; j <= c.Length - Vector256<double>.Count; j += Vector256<double>.Count)
                {
                    var x = va / Vector256.Sqrt(Vector256.Create(c.Slice(j, Vector256<double>.Count)));
                    acc += Vector256.Log(x + Vector256.Sqrt(x * x + one));
                }
                sum = Vector256.Sum(acc);
            }
            for (; j < c.Length; j++) sum += Asinh(abs / Math.Sqrt(c[j]));
            return a < 0 ? -sum : sum;
        }

        private void UpdateVoltage()
        {
            _violation = null;
            _csN = Surface(_zn);
            _csP = Surface(_zp);
            double thN = _csN / _cmaxN, thP = _csP / _cmaxP;
            if (!(thN > 0 && thN < 1 && thP > 0 && thP < 1))
            {
                _violation = TerminationReason.StoichiometryLimit;
                _voltage = double.NaN;
                return;
            }
            double i = _current / _area;
            double ceSum = 0, lnN = 0, lnP = 0, etaN = 0, etaP = 0;
            for (int j = 0; j < _nx; j++)
            {
                if (!(_ce[j] > 0))
                {
                    _violation = TerminationReason.ElectrolyteDepleted;
                    _voltage = double.NaN;
                    return;
                }
                ceSum += _mesh.Width_m[j] * _ce[j];
            }
            double ceAvg = ceSum / _lx;
            // Σ ln c = ln Π c: one logarithm per electrode instead of one per node. The product of 20 concentrations in
            // [1e-3, 1e4] mol m⁻³ stays inside double range; longer meshes fall back to per-node logarithms.
            if (_m <= 20)
            {
                double prodN = 1, prodP = 1;
                for (int j = 0; j < _m; j++) prodN *= _ce[j];
                for (int j = 2 * _m; j < _nx; j++) prodP *= _ce[j];
                lnN = Math.Log(prodN);
                lnP = Math.Log(prodP);
            }
            if (_m > 20 || !double.IsNormal(lnN) || !double.IsNormal(lnP))
            {
                lnN = 0; lnP = 0;
                for (int j = 0; j < _m; j++) lnN += Math.Log(_ce[j]);
                for (int j = 2 * _m; j < _nx; j++) lnP += Math.Log(_ce[j]);
            }
            if (i != 0)
            {
                // η_k(x) = (2RT/F)·asinh(j̄_k / (2 j0_k(c_e(x), c_ss,k))), averaged over the electrode's (uniform) cells.
                double jN = i / (_aN * _ln), jP = -i / (_aP * _lp);
                double kn = _kinN * Math.Sqrt(_csN * (_cmaxN - _csN)), kp = _kinP * Math.Sqrt(_csP * (_cmaxP - _csP));
                etaN = SumAsinh(_ce.AsSpan(0, _m), jN / kn);
                etaP = SumAsinh(_ce.AsSpan(2 * _m, _m), jP / kp);
                etaN *= _twoRtF / _m;
                etaP *= _twoRtF / _m;
            }
            double kappa = Nyman2008Electrolyte.Conductivity_S_m(ceAvg);
            _etaN = etaN;
            _etaP = etaP;
            // ⟨ln(c_e/c̄_e)⟩_p − ⟨ln(c_e/c̄_e)⟩_n: the ln c̄_e terms cancel.
            _etaC = _chiRtF * (lnP - lnN) / _m;
            _dPhiE = -i * (_ln / (3 * kappa * _bN) + _ls / (kappa * _bS) + _lp / (3 * kappa * _bP));
            _dPhiS = -i * _solidOhm;
            _ocvSurf = Chen2020Functions.NmcOcp_V(thP) - Chen2020Functions.GraphiteOcp_V(thN);
            _voltage = _ocvSurf + _etaP - _etaN + _etaC + _dPhiE + _dPhiS - _current * _rContact;
        }
    }
}

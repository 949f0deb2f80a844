using System;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Population.Physics
{
    /// <summary>
    /// A fast single-particle cell with electrolyte ohmic drop, for populations and packs where thousands of cells are
    /// stepped: each electrode keeps its average stoichiometry; the surface offset relaxes to the two-parameter
    /// polynomial value (c_surf − c_avg = ∓ j·R/(5·D·F), Subramanian 2005) with the first-moment time constant of
    /// sphere diffusion, τ = R²/(35·D) (Σ1/λ⁴ ÷ Σ1/λ² over the sphere's eigenvalues), so 10 s pulses see only part of
    /// the diffusion drop; the electrolyte concentration overpotential (2RT/F)(1−t₊)·ln(c̄_n/c̄_p) uses the steady
    /// x-averaged concentration difference J·[L_n/(3D_n) + L_s/D_s + L_p/(3D_p)] (uniform reaction, Bruggeman D_eff)
    /// relaxed with the slowest electrolyte diffusion time ε̄·L²/(π²·D̄_eff); kinetics are symmetric Butler–Volmer;
    /// the ohmic term is contact + electrolyte (Bruggeman) + solid resistance. Every parameter comes from
    /// <see cref="CellParameters"/>, so manufacturing scatter reaches the outputs through the same physics as the SPMe.
    /// Not thread-safe: one instance per cell.
    /// </summary>
    public sealed class ReducedSpmCell
    {
        private readonly CellParameters _p;
        private readonly double _area, _an, _ap, _twoRtF, _rOhm, _ce;
        private readonly double _cmaxN, _cmaxP, _rn, _rp, _dn, _dp, _ln, _lp;
        private readonly double _j0nArr, _j0pArr;
        private readonly double _tauN, _tauP;
        private readonly double _ceSsPerAmp, _tauE, _etaCeFactor;
        private double _xAvg, _yAvg, _dx, _dy, _dce;

        /// <summary>Creates the cell at state of charge <paramref name="soc"/> (0…1 of the eSOH window).</summary>
        public ReducedSpmCell(CellParameters p, DerivedParameters derived, double soc)
        {
            _p = p; Derived = derived;
            _area = p.ElectrodeArea_m2;
            _an = derived.SurfaceAreaNegative_1_m; _ap = derived.SurfaceAreaPositive_1_m;
            _twoRtF = 2 * PhysicalConstants.GasConstant_J_molK * p.Temperature_K / PhysicalConstants.Faraday_C_mol;
            _rOhm = derived.OhmicResistance_Ohm;
            _ce = p.InitialElectrolyteConcentration_mol_m3;
            _cmaxN = p.NegativeMaxConcentration_mol_m3; _cmaxP = p.PositiveMaxConcentration_mol_m3;
            _rn = p.NegativeParticleRadius_m; _rp = p.PositiveParticleRadius_m;
            _dn = p.NegativeSolidDiffusivity_m2_s; _dp = p.PositiveSolidDiffusivity_m2_s;
            _ln = p.NegativeElectrodeThickness_m; _lp = p.PositiveElectrodeThickness_m;
            _j0nArr = Chen2020Functions.ExchangeCurrentDensity_A_m2(p.NegativeExchangeCurrentCoefficient, p.NegativeActivationEnergy_J_mol, p.Temperature_K, p.ReferenceTemperature_K, 1, 0.5, 1) / 0.5;
            _j0pArr = Chen2020Functions.ExchangeCurrentDensity_A_m2(p.PositiveExchangeCurrentCoefficient, p.PositiveActivationEnergy_J_mol, p.Temperature_K, p.ReferenceTemperature_K, 1, 0.5, 1) / 0.5;
            _tauN = _rn * _rn / (35 * _dn); _tauP = _rp * _rp / (35 * _dp);
            double de = Nyman2008Electrolyte.Diffusivity_m2_s(_ce);
            double dN = de * Math.Pow(p.NegativePorosity, p.NegativeBruggeman), dS = de * Math.Pow(p.SeparatorPorosity, p.SeparatorBruggeman), dP = de * Math.Pow(p.PositivePorosity, p.PositiveBruggeman);
            double ls = p.SeparatorThickness_m, lTot = _ln + ls + _lp;
            double sumLOverD = _ln / (3 * dN) + ls / dS + _lp / (3 * dP);
            _ceSsPerAmp = (1 - p.CationTransferenceNumber) / (PhysicalConstants.Faraday_C_mol * _area) * sumLOverD;
            double epsMean = (p.NegativePorosity * _ln + p.SeparatorPorosity * ls + p.PositivePorosity * _lp) / lTot;
            double dMean = lTot / (_ln / dN + ls / dS + _lp / dP);
            _tauE = epsMean * lTot * lTot / (Math.PI * Math.PI * dMean);
            _etaCeFactor = _twoRtF * (1 - p.CationTransferenceNumber) * p.ThermodynamicFactor;
            SetSoc(soc);
        }

        /// <summary>Derived quantities of this cell.</summary>
        public DerivedParameters Derived { get; }
        /// <summary>Ohmic resistance [Ω].</summary>
        public double OhmicResistance_Ohm => _rOhm;
        /// <summary>State of charge from the average negative stoichiometry.</summary>
        public double Soc => Derived.Soh.SocFromNegativeStoichiometry(_xAvg);
        /// <summary>Equilibrium open-circuit voltage at the current average stoichiometries [V].</summary>
        public double OpenCircuitVoltage_V => Chen2020Functions.NmcOcp_V(_yAvg) - Chen2020Functions.GraphiteOcp_V(_xAvg);
        /// <summary>Magnitude of the negative reaction overpotential at the last evaluated current [V].</summary>
        public double LastEtaNegative_V { get; private set; }
        /// <summary>Magnitude of the positive reaction overpotential at the last evaluated current [V].</summary>
        public double LastEtaPositive_V { get; private set; }

        /// <summary>Resets both electrodes to equilibrium at <paramref name="soc"/>.</summary>
        public void SetSoc(double soc)
        {
            _xAvg = Derived.Soh.NegativeStoichiometry(soc);
            _yAvg = Derived.Soh.PositiveStoichiometry(soc);
            _dx = 0; _dy = 0; _dce = 0;
        }

        /// <summary>Terminal voltage for current <paramref name="current_A"/> (positive = discharge) at the present state, without advancing time [V].</summary>
        public double Voltage_V(double current_A)
        {
            double jn = current_A / (_an * _ln * _area);   // A/m² of particle surface, positive = delithiation of graphite
            double jp = -current_A / (_ap * _lp * _area);  // positive = delithiation of NMC
            double xs = Math.Clamp(_xAvg + _dx, 1e-6, 1 - 1e-6), ys = Math.Clamp(_yAvg + _dy, 1e-6, 1 - 1e-6);
            xs = Math.Clamp(xs, 1e-6, 1 - 1e-6); ys = Math.Clamp(ys, 1e-6, 1 - 1e-6);
            double j0n = _j0nArr * Math.Sqrt(_ce * xs * (1 - xs)) * _cmaxN;
            double j0p = _j0pArr * Math.Sqrt(_ce * ys * (1 - ys)) * _cmaxP;
            double etaN = _twoRtF * Math.Asinh(jn / (2 * j0n));
            double etaP = _twoRtF * Math.Asinh(jp / (2 * j0p));
            LastEtaNegative_V = Math.Abs(etaN); LastEtaPositive_V = Math.Abs(etaP);
            // ln(c̄_n/c̄_p) with c̄ = c0 ± Δ/2 is 2·atanh(Δ/2c0); clamped short of depletion.
            double etaCe = _etaCeFactor * 2 * Math.Atanh(Math.Clamp(_dce / (2 * _ce), -0.95, 0.95));
            return Chen2020Functions.NmcOcp_V(ys) - Chen2020Functions.GraphiteOcp_V(xs) + etaP - etaN - etaCe - current_A * _rOhm;
        }

        /// <summary>Number of state values written by <see cref="SaveState"/>.</summary>
        public const int StateSize = 5;

        /// <summary>Writes the state (average and surface-offset stoichiometries, electrolyte concentration difference).</summary>
        public void SaveState(Span<double> d) { d[0] = _xAvg; d[1] = _yAvg; d[2] = _dx; d[3] = _dy; d[4] = _dce; }

        /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
        public void RestoreState(ReadOnlySpan<double> s) { _xAvg = s[0]; _yAvg = s[1]; _dx = s[2]; _dy = s[3]; _dce = s[4]; }

        /// <summary>Advances the state by <paramref name="dt_s"/> at constant current (surface offsets relax exactly, exponentially).</summary>
        public void Advance(double current_A, double dt_s)
        {
            double jn = current_A / (_an * _ln * _area);
            double jp = -current_A / (_ap * _lp * _area);
            double dxSs = -jn * _rn / (5 * _dn * PhysicalConstants.Faraday_C_mol * _cmaxN);
            double dySs = -jp * _rp / (5 * _dp * PhysicalConstants.Faraday_C_mol * _cmaxP);
            _dx += (dxSs - _dx) * (1 - Math.Exp(-dt_s / _tauN));
            _dy += (dySs - _dy) * (1 - Math.Exp(-dt_s / _tauP));
            _dce += (current_A * _ceSsPerAmp - _dce) * (1 - Math.Exp(-dt_s / _tauE));
            double charge_Ah = current_A * dt_s / PhysicalConstants.SecondsPerHour;
            _xAvg -= charge_Ah / Derived.NegativeCapacity_Ah;
            _yAvg += charge_Ah / Derived.PositiveCapacity_Ah;
        }
    }
}

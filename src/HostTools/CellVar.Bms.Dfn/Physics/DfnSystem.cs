using System;
using System.Collections.Generic;
using CellVar.Bms.Dfn.Numerics;

namespace CellVar.Bms.Dfn.Physics
{
    /// <summary>
    /// The discretised DFN equations and one Newton iteration on them, following PyBaMM's finite-volume choices
    /// (cell-centred nodes, width-weighted harmonic mean of ε^b·D_e and of χRT/(F c_e) at edges, arithmetic mean of
    /// ε^b·κ_e, linear extrapolation of the particle surface concentration and of the terminal potential).
    /// </summary>
    /// <remarks>
    /// Unknowns y = [c_s of every particle | c_e (Nx) | φ_e (Nx) | φ_s (electrode cells) | j (electrode cells)].
    /// The interfacial current density j is kept as an explicit algebraic unknown so that each particle couples to the
    /// rest only through j and its own surface concentration. Each Newton iteration condenses the particles out
    /// (one tridiagonal solve each) and leaves a system in (c_e, φ_e, φ_s, j) per x-cell, ordered by x, which is banded
    /// with half-bandwidth 5 and solved by <see cref="BandedLu"/>.
    /// </remarks>
    internal sealed class DfnSystem
    {
        internal const double Faraday = 96485.33212;
        internal const double GasConstant = 8.314462618;
        private const double RegPowerDelta = 1e-6;

        private readonly DfnCellProperties _p;
        public readonly int Nn, Ns, Np, Nx, Ne;
        private readonly double[] _dx, _dEdge, _beta, _eps, _brug, _aSurf;
        private readonly int[] _cellOfE, _eOfCell, _csOffset, _red;
        private readonly Particle[] _particles; // 0 negative, 1 positive
        public readonly int NCs, OffCe, OffPhie, OffPhis, OffJ, N, NRed;
        private readonly double _vt, _chiRtOverF, _tPlus, _ce0;

        // Workspaces, reused across iterations (no allocation per step).
        private readonly BandedLu _lu;
        private readonly double[] _rhs, _u, _edgeN, _edgeIe, _dNdcL, _dNdcR, _dNdpL, _dNdpR, _dIedcL, _dIedcR, _dIedp;
        private readonly double[] _resC;
        // Slopes of U(θ), ε^b·D_e(c) and ε^b·κ_e(c): only the Newton matrix uses them, so they are refreshed on the first
        // iteration of each step and reused after that (the residual is always exact, so accuracy is unaffected).
        private readonly double[] _ocpSlope, _dDiff, _dCond;
        private bool _refreshSlopes = true;

        private sealed class Particle
        {
            public int Nr;
            public double Radius, Diffusivity, CMax, RateConstant, Sigma;
            public double[] QPlus = [], QMinus = [], ShellFraction = [];
            public double BCoef, W1 = 1.5, W2 = -0.5;
            public Func<double, double> Ocp = _ => 0;
            // Tridiagonal factor of A = a0·I + L (depends on a0 only) and A⁻¹·(BCoef·e_last).
            public double[] CPrime = [], Denom = [], Wv = [];
            public double G, FactoredA0 = double.NaN;
        }

        public DfnSystem(DfnCellProperties p, DfnMeshOptions mesh)
        {
            _p = p;
            Nn = mesh.NegativeCells; Ns = mesh.SeparatorCells; Np = mesh.PositiveCells;
            Nx = Nn + Ns + Np; Ne = Nn + Np;
            _dx = new double[Nx]; _eps = new double[Nx]; _brug = new double[Nx]; _aSurf = new double[Nx];
            _eOfCell = new int[Nx]; _cellOfE = new int[Ne];
            double hn = p.NegativeThickness_m / Nn, hs = p.SeparatorThickness_m / Ns, hp = p.PositiveThickness_m / Np;
            for (int i = 0; i < Nx; i++)
            {
                if (i < Nn)
                {
                    _dx[i] = hn; _eps[i] = p.NegativePorosity; _brug[i] = Math.Pow(p.NegativePorosity, p.NegativeBruggeman);
                    _aSurf[i] = 3 * p.NegativeActiveFraction / p.NegativeParticleRadius_m; _eOfCell[i] = i; _cellOfE[i] = i;
                }
                else if (i < Nn + Ns)
                {
                    _dx[i] = hs; _eps[i] = p.SeparatorPorosity; _brug[i] = Math.Pow(p.SeparatorPorosity, p.SeparatorBruggeman);
                    _aSurf[i] = 0; _eOfCell[i] = -1;
                }
                else
                {
                    _dx[i] = hp; _eps[i] = p.PositivePorosity; _brug[i] = Math.Pow(p.PositivePorosity, p.PositiveBruggeman);
                    _aSurf[i] = 3 * p.PositiveActiveFraction / p.PositiveParticleRadius_m;
                    int e = i - Ns; _eOfCell[i] = e; _cellOfE[e] = i;
                }
            }
            _dEdge = new double[Nx - 1]; _beta = new double[Nx - 1];
            for (int i = 0; i < Nx - 1; i++)
            {
                _dEdge[i] = 0.5 * (_dx[i] + _dx[i + 1]);
                _beta[i] = _dx[i] / (_dx[i] + _dx[i + 1]);
            }

            _particles =
            [
                MakeParticle(mesh.NegativeParticleShells, p.NegativeParticleRadius_m, p.NegativeDiffusivity_m2_s,
                    p.NegativeMaxConcentration_mol_m3, p.NegativeRateConstant, p.NegativeConductivity_S_m, p.NegativeOcp),
                MakeParticle(mesh.PositiveParticleShells, p.PositiveParticleRadius_m, p.PositiveDiffusivity_m2_s,
                    p.PositiveMaxConcentration_mol_m3, p.PositiveRateConstant, p.PositiveConductivity_S_m, p.PositiveOcp),
            ];
            _csOffset = new int[Ne];
            int off = 0;
            for (int e = 0; e < Ne; e++) { _csOffset[e] = off; off += ParticleOf(e).Nr; }
            NCs = off; OffCe = NCs; OffPhie = OffCe + Nx; OffPhis = OffPhie + Nx; OffJ = OffPhis + Ne; N = OffJ + Ne;

            _red = new int[Nx];
            int r = 0;
            for (int i = 0; i < Nx; i++) { _red[i] = r; r += _eOfCell[i] >= 0 ? 4 : 2; }
            NRed = r;

            _vt = GasConstant * p.Temperature_K / Faraday;
            _chiRtOverF = 2 * (1 - p.TransferenceNumber) * p.ThermodynamicFactor * _vt;
            _tPlus = p.TransferenceNumber; _ce0 = p.InitialElectrolyte_mol_m3;

            // Half-bandwidth 5 follows from the per-cell order (c_e, φ_e, φ_s, j): e.g. the φ_e row of cell i reaches the
            // c_e of cell i−1, five places back. BandedLu.Add throws if an entry ever falls outside.
            _lu = new BandedLu(NRed, 5, 5);
            _ocpSlope = new double[Ne]; _dDiff = new double[Nx]; _dCond = new double[Nx];
            _rhs = new double[NRed]; _u = new double[NCs]; _resC = new double[Math.Max(mesh.NegativeParticleShells, mesh.PositiveParticleShells)];
            int ne = Nx - 1;
            _edgeN = new double[ne]; _edgeIe = new double[ne]; _dNdcL = new double[ne]; _dNdcR = new double[ne];
            _dNdpL = new double[ne]; _dNdpR = new double[ne]; _dIedcL = new double[ne]; _dIedcR = new double[ne]; _dIedp = new double[ne];
        }

        private static Particle MakeParticle(int nr, double radius, double d, double cmax, double m, double sigma, Func<double, double> ocp)
        {
            var pt = new Particle { Nr = nr, Radius = radius, Diffusivity = d, CMax = cmax, RateConstant = m, Sigma = sigma, Ocp = ocp };
            double h = radius / nr;
            pt.QPlus = new double[nr]; pt.QMinus = new double[nr]; pt.ShellFraction = new double[nr];
            for (int k = 0; k < nr; k++)
            {
                double rm = k * h, rp = (k + 1) * h;
                double vol = (rp * rp * rp - rm * rm * rm) / 3;
                pt.ShellFraction[k] = vol / (radius * radius * radius / 3);
                pt.QPlus[k] = k < nr - 1 ? rp * rp * d / (h * vol) : 0;
                pt.QMinus[k] = k > 0 ? rm * rm * d / (h * vol) : 0;
                if (k == nr - 1) pt.BCoef = radius * radius / (Faraday * vol);
            }
            // Surface value extrapolated linearly from the two outer centres without the flux BC (PyBaMM default):
            // c_ss = c_N + (Δ_N/Δ_{N−½})(c_N − c_{N−1}) = 1.5 c_N − 0.5 c_{N−1} on a uniform mesh.
            pt.CPrime = new double[nr]; pt.Denom = new double[nr]; pt.Wv = new double[nr];
            return pt;
        }

        private Particle ParticleOf(int e) => e < Nn ? _particles[0] : _particles[1];

        /// <summary>Thermal voltage RT/F [V].</summary>
        public double ThermalVoltage => _vt;

        /// <summary>Electrode area [m²].</summary>
        public double Area_m2 => _p.ElectrodeArea_m2;

        /// <summary>Weight scale of unknown k for error and Newton norms (c_max, c_e0, 1 V or 1 A m⁻²).</summary>
        public void FillScales(double[] scale)
        {
            for (int e = 0; e < Ne; e++)
            {
                var pt = ParticleOf(e);
                for (int k = 0; k < pt.Nr; k++) scale[_csOffset[e] + k] = pt.CMax;
            }
            for (int i = 0; i < Nx; i++) { scale[OffCe + i] = _ce0; scale[OffPhie + i] = 1; }
            for (int e = 0; e < Ne; e++) { scale[OffPhis + e] = 1; scale[OffJ + e] = 1; }
        }

        /// <summary>Number of differential unknowns (particles then c_e); they come first in y.</summary>
        public int DifferentialCount => NCs + Nx;

        /// <summary>Uniform initial concentrations and PyBaMM's initial guesses for the potentials.</summary>
        public double[] InitialState()
        {
            var y = new double[N];
            double xN = _p.InitialNegativeStoichiometry, yP = _p.InitialPositiveStoichiometry;
            for (int e = 0; e < Ne; e++)
            {
                var pt = ParticleOf(e);
                double c = (e < Nn ? xN : yP) * pt.CMax;
                for (int k = 0; k < pt.Nr; k++) y[_csOffset[e] + k] = c;
            }
            double un = _p.NegativeOcp(xN), up = _p.PositiveOcp(yP);
            for (int i = 0; i < Nx; i++) { y[OffCe + i] = _ce0; y[OffPhie + i] = -un; }
            for (int e = 0; e < Ne; e++) { y[OffPhis + e] = e < Nn ? 0 : up - un; y[OffJ + e] = 0; }
            return y;
        }

        /// <summary>Terminal voltage: φ_s,p extrapolated linearly to x = L (PyBaMM) minus the contact drop [V].</summary>
        public double Voltage(double[] y, double current_A)
        {
            int last = OffPhis + Ne - 1;
            double ratio = 0.5 * _dx[Nx - 1] / _dEdge[Nx - 2];
            return y[last] + ratio * (y[last] - y[last - 1]) - current_A * _p.ContactResistance_Ohm;
        }

        /// <summary>Cyclable lithium in particles plus electrolyte [mol].</summary>
        public double TotalLithium_mol(double[] y)
        {
            double sum = 0;
            for (int e = 0; e < Ne; e++)
            {
                int i = _cellOfE[e];
                var pt = ParticleOf(e);
                double mean = 0;
                for (int k = 0; k < pt.Nr; k++) mean += pt.ShellFraction[k] * y[_csOffset[e] + k];
                double activeFraction = e < Nn ? _p.NegativeActiveFraction : _p.PositiveActiveFraction;
                sum += _dx[i] * activeFraction * mean;
            }
            for (int i = 0; i < Nx; i++) sum += _dx[i] * _eps[i] * y[OffCe + i];
            return sum * _p.ElectrodeArea_m2;
        }

        /// <summary>Volume-averaged stoichiometry of the negative (or positive) electrode.</summary>
        public double MeanStoichiometry(double[] y, bool negative)
        {
            double sum = 0, len = 0;
            int from = negative ? 0 : Nn, to = negative ? Nn : Ne;
            for (int e = from; e < to; e++)
            {
                var pt = ParticleOf(e);
                double mean = 0;
                for (int k = 0; k < pt.Nr; k++) mean += pt.ShellFraction[k] * y[_csOffset[e] + k];
                double w = _dx[_cellOfE[e]];
                sum += w * mean / pt.CMax; len += w;
            }
            return sum / len;
        }

        /// <summary>Names (with units) of the quantities <see cref="ReadInternals"/> writes; shared names match the SPMe's.</summary>
        public static IReadOnlyList<string> InternalNames { get; } =
        [
            "NegativeSurfaceStoichiometry", "PositiveSurfaceStoichiometry",
            "NegativeAverageStoichiometry", "PositiveAverageStoichiometry",
            "OpenCircuitVoltage_V", "MinElectrolyteConcentration_mol_m3", "MaxElectrolyteConcentration_mol_m3",
        ];

        /// <summary>Writes the internals of state y: surface stoichiometries averaged over each electrode (by cell width),
        /// bulk stoichiometries, bulk OCV and the extreme electrolyte concentrations.</summary>
        public void ReadInternals(double[] y, Span<double> destination)
        {
            double sn = 0, sp = 0;
            for (int e = 0; e < Ne; e++)
            {
                double w = _dx[_cellOfE[e]] * SurfaceStoichiometry(y, e);
                if (e < Nn) sn += w; else sp += w;
            }
            double xn = MeanStoichiometry(y, true), yp = MeanStoichiometry(y, false);
            double cmax = double.NegativeInfinity;
            for (int i = 0; i < Nx; i++) cmax = Math.Max(cmax, y[OffCe + i]);
            destination[0] = sn / _p.NegativeThickness_m;
            destination[1] = sp / _p.PositiveThickness_m;
            destination[2] = xn;
            destination[3] = yp;
            destination[4] = _p.PositiveOcp(yp) - _p.NegativeOcp(xn);
            destination[5] = MinElectrolyte(y);
            destination[6] = cmax;
        }

        /// <summary>Smallest electrolyte concentration in the cell [mol m⁻³].</summary>
        public double MinElectrolyte(double[] y)
        {
            double m = double.PositiveInfinity;
            for (int i = 0; i < Nx; i++) m = Math.Min(m, y[OffCe + i]);
            return m;
        }

        /// <summary>Surface stoichiometry of electrode cell e.</summary>
        public double SurfaceStoichiometry(double[] y, int e)
        {
            var pt = ParticleOf(e);
            int o = _csOffset[e] + pt.Nr - 1;
            return (pt.W1 * y[o] + pt.W2 * y[o - 1]) / pt.CMax;
        }

        /// <summary>True for electrode cells of the negative electrode.</summary>
        public bool IsNegative(int e) => e < Nn;

        /// <summary>Centre of x-cell i measured from the negative current collector [m].</summary>
        public double CellCentre_m(int i)
        {
            double x = 0;
            for (int k = 0; k < i; k++) x += _dx[k];
            return x + 0.5 * _dx[i];
        }

        /// <summary>Index of the first c_e unknown; c_e of cell i is y[CeIndex(i)].</summary>
        public int CeIndex(int i) => OffCe + i;

        /// <summary>
        /// One Newton iteration. Differential unknowns obey ydot = a0·y + hist (BDF), or are frozen if
        /// <paramref name="algebraicOnly"/> (consistent initialisation). Writes the full update into dy.
        /// Returns false if the linear system is singular or produced non-finite values.
        /// </summary>
        public bool NewtonIteration(double[] y, double a0, double[] hist, double currentDensity_A_m2, bool algebraicOnly, double[] dy,
            bool refreshSlopes = true)
        {
            _refreshSlopes = refreshSlopes;
            ComputeEdges(y);
            _lu.Clear();
            Array.Clear(_rhs);
            double iApp = currentDensity_A_m2;

            // Electrolyte mass (c_e) and charge (φ_e) rows, scaled by Δx (units mol m⁻² s⁻¹ and A m⁻²).
            for (int i = 0; i < Nx; i++)
            {
                int rc = _red[i], rp = rc + 1;
                int e = _eOfCell[i];
                double jv = e >= 0 ? y[OffJ + e] : 0;
                double src = _dx[i] * _aSurf[i];
                bool hasL = i > 0, hasR = i < Nx - 1;
                double nR = hasR ? _edgeN[i] : 0, nL = hasL ? _edgeN[i - 1] : 0;
                double ieR = hasR ? _edgeIe[i] : 0, ieL = hasL ? _edgeIe[i - 1] : 0;

                if (algebraicOnly)
                {
                    _lu.Add(rc, rc, 1);
                }
                else
                {
                    double ce = y[OffCe + i];
                    _rhs[rc] = -(_dx[i] * _eps[i] * (a0 * ce + hist[OffCe + i]) + nR - nL - src * jv / Faraday);
                    _lu.Add(rc, rc, _dx[i] * _eps[i] * a0);
                    if (hasR)
                    {
                        _lu.Add(rc, rc, _dNdcL[i]); _lu.Add(rc, _red[i + 1], _dNdcR[i]);
                        _lu.Add(rc, rp, _dNdpL[i]); _lu.Add(rc, _red[i + 1] + 1, _dNdpR[i]);
                    }
                    if (hasL)
                    {
                        _lu.Add(rc, _red[i - 1], -_dNdcL[i - 1]); _lu.Add(rc, rc, -_dNdcR[i - 1]);
                        _lu.Add(rc, _red[i - 1] + 1, -_dNdpL[i - 1]); _lu.Add(rc, rp, -_dNdpR[i - 1]);
                    }
                    if (e >= 0) _lu.Add(rc, rc + 3, -src / Faraday);
                }

                _rhs[rp] = -(ieR - ieL - src * jv);
                if (hasR)
                {
                    _lu.Add(rp, rc, _dIedcL[i]); _lu.Add(rp, _red[i + 1], _dIedcR[i]);
                    _lu.Add(rp, rp, _dIedp[i]); _lu.Add(rp, _red[i + 1] + 1, -_dIedp[i]);
                }
                if (hasL)
                {
                    _lu.Add(rp, _red[i - 1], -_dIedcL[i - 1]); _lu.Add(rp, rc, -_dIedcR[i - 1]);
                    _lu.Add(rp, _red[i - 1] + 1, -_dIedp[i - 1]); _lu.Add(rp, rp, _dIedp[i - 1]);
                }
                if (e >= 0) _lu.Add(rp, rc + 3, -src);
            }

            // Solid charge (φ_s) and kinetics (j) rows of every electrode cell, with the particle condensed out.
            for (int e = 0; e < Ne; e++)
            {
                int i = _cellOfE[e];
                int rc = _red[i], rphie = rc + 1, rs = rc + 2, rj = rc + 3;
                var pt = ParticleOf(e);
                bool neg = e < Nn;
                double sigma = pt.Sigma;
                double phis = y[OffPhis + e];

                // Solid current I = −σ ∂φ_s/∂x at the two faces of the cell.
                double iLeft, iRight;
                bool firstInDomain = neg ? e == 0 : e == Nn, lastInDomain = neg ? e == Nn - 1 : e == Ne - 1;
                if (firstInDomain)
                {
                    if (neg) { iLeft = -sigma * 2 * phis / _dx[i]; _lu.Add(rs, rs, 2 * sigma / _dx[i]); }
                    else iLeft = 0;
                }
                else
                {
                    double d = _dEdge[i - 1];
                    iLeft = -sigma * (phis - y[OffPhis + e - 1]) / d;
                    _lu.Add(rs, rs, sigma / d); _lu.Add(rs, _red[i - 1] + 2, -sigma / d);
                }
                if (lastInDomain)
                {
                    iRight = neg ? 0 : iApp;
                }
                else
                {
                    double d = _dEdge[i];
                    iRight = -sigma * (y[OffPhis + e + 1] - phis) / d;
                    _lu.Add(rs, rs, sigma / d); _lu.Add(rs, _red[i + 1] + 2, -sigma / d);
                }
                double jv = y[OffJ + e];
                double src = _dx[i] * _aSurf[i];
                _rhs[rs] = -(iRight - iLeft + src * jv);
                _lu.Add(rs, rj, src);

                // Particle residual and its condensation.
                int o = _csOffset[e], nr = pt.Nr;
                double eu = 0;
                if (!algebraicOnly)
                {
                    FactorParticle(pt, a0);
                    for (int k = 0; k < nr; k++)
                    {
                        double c = y[o + k];
                        double r = a0 * c + hist[o + k];
                        if (k < nr - 1) r += pt.QPlus[k] * (c - y[o + k + 1]);
                        if (k > 0) r += pt.QMinus[k] * (c - y[o + k - 1]);
                        if (k == nr - 1) r += pt.BCoef * jv;
                        _resC[k] = r;
                    }
                    SolveParticle(pt, _resC, _u.AsSpan(o, nr));
                    eu = pt.W1 * _u[o + nr - 1] + pt.W2 * _u[o + nr - 2];
                }

                // Butler–Volmer: j = 2 j0 sinh(η / 2V_t), η = φ_s − φ_e − U(c_ss/c_max).
                double css = pt.W1 * y[o + nr - 1] + pt.W2 * y[o + nr - 2];
                double ce = y[OffCe + i];
                double theta = css / pt.CMax;
                double thetaC = Math.Clamp(theta, 1e-10, 1 - 1e-10);
                double u = pt.Ocp(thetaC);
                if (_refreshSlopes) _ocpSlope[e] = OcpSlope(pt.Ocp, thetaC, u);
                double du = _ocpSlope[e];
                double cssC = Math.Clamp(css, 0, pt.CMax);
                double fCe = RegSqrt(ce, _ce0, out double dfCe);
                double fS = RegSqrt(cssC, pt.CMax, out double dfS);
                double fV = RegSqrt(pt.CMax - cssC, pt.CMax, out double dfV);
                double j0 = pt.RateConstant * fCe * fS * fV;
                double dj0dcss = css > 0 && css < pt.CMax ? pt.RateConstant * fCe * (dfS * fV - fS * dfV) : 0;
                double dj0dce = pt.RateConstant * dfCe * fS * fV;
                double eta = phis - y[OffPhie + i] - u;
                double x = eta / (2 * _vt);
                double sh = Math.Sinh(x), ch = Math.Cosh(x);
                double rjv = jv - 2 * j0 * sh;
                double jCss = -2 * dj0dcss * sh + j0 * ch * du / (pt.CMax * _vt);
                double jCe = -2 * dj0dce * sh;
                double jPhi = j0 * ch / _vt;
                double g = algebraicOnly ? 0 : pt.G;
                _lu.Add(rj, rj, 1 - jCss * g);
                if (!algebraicOnly) _lu.Add(rj, rc, jCe);
                _lu.Add(rj, rs, -jPhi);
                _lu.Add(rj, rphie, jPhi);
                _rhs[rj] = -rjv + jCss * eu;
            }

            if (!_lu.Factor()) return false;
            _lu.Solve(_rhs);

            for (int i = 0; i < Nx; i++)
            {
                int rc = _red[i];
                dy[OffCe + i] = algebraicOnly ? 0 : _rhs[rc];
                dy[OffPhie + i] = _rhs[rc + 1];
                int e = _eOfCell[i];
                if (e < 0) continue;
                double dj = _rhs[rc + 3];
                dy[OffPhis + e] = _rhs[rc + 2];
                dy[OffJ + e] = dj;
                var pt = ParticleOf(e);
                int o = _csOffset[e];
                for (int k = 0; k < pt.Nr; k++)
                    dy[o + k] = algebraicOnly ? 0 : -_u[o + k] - pt.Wv[k] * dj;
            }
            for (int k = 0; k < N; k++)
                if (!double.IsFinite(dy[k])) return false;
            return true;
        }

        /// <summary>s^½·x̂·(x̂² + δ)^(−¼) with x̂ = x/s: PyBaMM's regularised square root (smooth through 0).</summary>
        private static double RegSqrt(double x, double scale, out double derivative)
        {
            double xh = x / scale;
            double q = xh * xh + RegPowerDelta;
            double qm14 = 1 / Math.Sqrt(Math.Sqrt(q));
            double sqs = Math.Sqrt(scale);
            derivative = qm14 / (q * sqs) * (0.5 * xh * xh + RegPowerDelta);
            return sqs * xh * qm14;
        }

        private static double OcpSlope(Func<double, double> ocp, double theta, double u)
        {
            // Only the Newton matrix uses the slope, so a one-sided difference is accurate enough (the residual is exact).
            const double h = 1e-6;
            return theta + h < 1 ? (ocp(theta + h) - u) / h : (u - ocp(theta - h)) / h;
        }

        private void FactorParticle(Particle pt, double a0)
        {
            if (pt.FactoredA0 == a0) return;
            int n = pt.Nr;
            // Thomas algorithm on A = a0 I + L: diag a0 + q⁺ + q⁻, super −q⁺, sub −q⁻.
            for (int k = 0; k < n; k++)
            {
                double diag = a0 + pt.QPlus[k] + pt.QMinus[k];
                double sub = k > 0 ? -pt.QMinus[k] : 0;
                double den = diag - (k > 0 ? sub * pt.CPrime[k - 1] : 0);
                pt.Denom[k] = den;
                pt.CPrime[k] = k < n - 1 ? -pt.QPlus[k] / den : 0;
            }
            Array.Clear(pt.Wv);
            pt.Wv[n - 1] = pt.BCoef;
            SolveParticle(pt, pt.Wv, pt.Wv);
            pt.G = pt.W1 * pt.Wv[n - 1] + pt.W2 * pt.Wv[n - 2];
            pt.FactoredA0 = a0;
        }

        private static void SolveParticle(Particle pt, ReadOnlySpan<double> b, Span<double> x)
        {
            int n = pt.Nr;
            double prev = 0;
            for (int k = 0; k < n; k++)
            {
                double sub = k > 0 ? -pt.QMinus[k] : 0;
                prev = (b[k] - sub * prev) / pt.Denom[k];
                x[k] = prev;
            }
            for (int k = n - 2; k >= 0; k--)
                x[k] -= pt.CPrime[k] * x[k + 1];
        }

        private void ComputeEdges(double[] y)
        {
            var de = _p.ElectrolyteDiffusivity;
            var kappa = _p.ElectrolyteConductivity;
            double fTplus = _tPlus / Faraday;
            // Node values of ε^b D_e and ε^b κ_e and their slopes; D_e and κ_e are evaluated at max(c_e, 10) as in PyBaMM.
            double cPrev = y[OffCe], dPrev = 0, dDPrev = 0, kPrev = 0, dKPrev = 0;
            NodeTransport(0, cPrev, de, kappa, out dPrev, out dDPrev, out kPrev, out dKPrev);
            for (int i = 0; i < Nx - 1; i++)
            {
                double cR = y[OffCe + i + 1];
                NodeTransport(i + 1, cR, de, kappa, out double dR, out double dDR, out double kR, out double dKR);
                double cL = cPrev, dL = dPrev, dDL = dDPrev, kL = kPrev, dKL = dKPrev;
                double b = _beta[i], d = _dEdge[i];
                double dh = 1 / (b / dL + (1 - b) / dR);
                double dhdcL = dh * dh * b / (dL * dL) * dDL;
                double dhdcR = dh * dh * (1 - b) / (dR * dR) * dDR;
                double ka = 0.5 * (kL + kR);
                double cLc = Math.Max(cL, 0.01), cRc = Math.Max(cR, 0.01);
                double den = b * cLc + (1 - b) * cRc;
                double hchi = _chiRtOverF / den;
                double dhchidcL = cL > 0.01 ? -hchi * b / den : 0;
                double dhchidcR = cR > 0.01 ? -hchi * (1 - b) / den : 0;
                double gc = (cR - cL) / d;
                double gp = (y[OffPhie + i + 1] - y[OffPhie + i]) / d;
                double bracket = hchi * gc - gp;
                double ie = ka * bracket;
                double dIedcL = 0.5 * dKL * bracket + ka * (dhchidcL * gc - hchi / d);
                double dIedcR = 0.5 * dKR * bracket + ka * (dhchidcR * gc + hchi / d);
                double dIedp = ka / d; // ∂ie/∂φ_L; ∂ie/∂φ_R is its negative
                _edgeIe[i] = ie; _dIedcL[i] = dIedcL; _dIedcR[i] = dIedcR; _dIedp[i] = dIedp;
                _edgeN[i] = -dh * gc + fTplus * ie;
                _dNdcL[i] = -dhdcL * gc + dh / d + fTplus * dIedcL;
                _dNdcR[i] = -dhdcR * gc - dh / d + fTplus * dIedcR;
                _dNdpL[i] = fTplus * dIedp;
                _dNdpR[i] = -fTplus * dIedp;
                cPrev = cR; dPrev = dR; dDPrev = dDR; kPrev = kR; dKPrev = dKR;
            }
        }

        private void NodeTransport(int i, double c, Func<double, double> de, Func<double, double> kappa,
            out double d, out double dd, out double k, out double dk)
        {
            double cc = Math.Max(c, 10.0);
            double b = _brug[i];
            double d0 = de(cc), k0 = kappa(cc);
            d = b * d0;
            k = b * k0;
            if (_refreshSlopes)
            {
                if (c > 10.0)
                {
                    double h = 1e-4 * cc;
                    _dDiff[i] = b * (de(cc + h) - d0) / h;
                    _dCond[i] = b * (kappa(cc + h) - k0) / h;
                }
                else { _dDiff[i] = 0; _dCond[i] = 0; }
            }
            dd = _dDiff[i];
            dk = _dCond[i];
        }
    }
}

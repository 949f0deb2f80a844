using System;
using System.Collections.Generic;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Numerics
{
    /// <summary>
    /// Variable-step, variable-order (1–2) BDF integration of the DFN DAE with Newton on every step, local-error control
    /// on the differential unknowns, restarts at every current change (with a consistent re-initialisation of the
    /// algebraic unknowns) and cut-off voltage events located by regula falsi on the step size.
    /// </summary>
    internal sealed class DfnIntegrator
    {
        // Newton stops once the weighted update is below this fraction of the local-error tolerance; 0.05 keeps the
        // algebraic potentials within ~0.02 mV at rtol 1e-4 (IDA uses 0.33, which could leave ~0.1 mV).
        private const double NewtonTolerance = 0.05;
        private const double EventVoltageTolerance_V = 1e-7;

        private readonly DfnSystem _sys;
        private readonly DfnCellProperties _p;
        private readonly DfnSolverOptions _opt;
        private readonly int _n, _nDiff;
        private readonly double[] _yInterp;
        private readonly double[] _scale, _weight, _hist, _dy, _yPred, _yTry;
        private readonly double[][] _yHist = new double[3][];
        private readonly double[] _tHist = new double[3], _vHist = new double[3];
        private int _nHist;
        private int _steps, _rejected, _newton;
        // Continuation across Run calls (the stepper's Step): valid while the caller's state is the newest history point
        // and the current has not changed, so a 30 s Step costs one or two BDF steps instead of a restart from 1 ms.
        private bool _canContinue;
        private double _lastCurrent, _hNext;

        public DfnIntegrator(DfnSystem sys, DfnCellProperties p, DfnSolverOptions opt)
        {
            _sys = sys; _p = p; _opt = opt;
            _n = sys.N; _nDiff = sys.DifferentialCount;
            _scale = new double[_n]; sys.FillScales(_scale);
            _yInterp = new double[_n];
            _weight = new double[_n]; _hist = new double[_n]; _dy = new double[_n]; _yPred = new double[_n]; _yTry = new double[_n];
            for (int k = 0; k < 3; k++) _yHist[k] = new double[_n];
        }

        /// <summary>
        /// Integrates from state <paramref name="y"/> (updated in place to the final state) at time <paramref name="t0"/>
        /// through a piecewise-constant current: segment s applies segmentCurrent_A[s] (positive = discharge) until
        /// segmentEnd_s[s]. Voltages are recorded at <paramref name="outputTimes_s"/> (ascending) or, if null, after every
        /// step (<paramref name="recordEveryStep"/>) or only at the start and the end.
        /// </summary>
        public DfnRun Run(double[] y, double t0, IReadOnlyList<double> segmentEnd_s, IReadOnlyList<double> segmentCurrent_A,
            IReadOnlyList<double>? outputTimes_s, bool recordEveryStep, bool stopAtCutoffs, bool continueHistory = false,
            List<double[]>? internals = null)
        {
            _steps = 0; _rejected = 0; _newton = 0;
            var tOut = new List<double>(); var vOut = new List<double>(); var iOut = new List<double>();
            double t = t0, li0 = double.NaN, v = double.NaN, current = segmentCurrent_A.Count > 0 ? segmentCurrent_A[0] : 0;
            int outIdx = 0;
            var outs = outputTimes_s ?? Array.Empty<double>();
            bool everyStep = outputTimes_s == null && recordEveryStep;
            while (outIdx < outs.Count && outs[outIdx] < t0 - 1e-9) outIdx++;
            var termination = TerminationReason.ProfileCompleted;
            string message = "";

            for (int s = 0; s < segmentEnd_s.Count && termination == TerminationReason.ProfileCompleted; s++)
            {
                double tEnd = segmentEnd_s[s];
                current = segmentCurrent_A[s];
                if (!(tEnd > t)) continue;
                double iDens = current / _sys.Area_m2;
                bool resume = continueHistory && _canContinue && s == 0 && current == _lastCurrent && _tHist[0] == t;
                _canContinue = false;
                if (!resume) SolveAlgebraic(y, iDens, t);
                bool first = double.IsNaN(li0);
                if (first) li0 = _sys.TotalLithium_mol(y);
                v = _sys.Voltage(y, current);
                while (outIdx < outs.Count && outs[outIdx] <= t + 1e-9)
                {
                    tOut.Add(outs[outIdx]); vOut.Add(v); iOut.Add(current); AddInternals(internals, y); outIdx++;
                }
                if (first && outputTimes_s == null) { tOut.Add(t); vOut.Add(v); iOut.Add(current); AddInternals(internals, y); }
                if (stopAtCutoffs && (v < _p.LowerCutoff_V || v > _p.UpperCutoff_V))
                {
                    termination = v < _p.LowerCutoff_V ? TerminationReason.LowerVoltageCutoff : TerminationReason.UpperVoltageCutoff;
                    break;
                }
                double h = _opt.InitialStep_s;
                if (resume) h = _hNext;
                else
                {
                    _nHist = 0;
                    Push(t, y, v);
                }
                while (t < tEnd)
                {
                    if (_steps >= _opt.MaxSteps)
                        throw new DfnSolverException($"the step limit ({_opt.MaxSteps}) was reached; loosen the tolerances or raise MaxSteps", t);
                    h = Math.Min(h, _opt.MaxStep_s);
                    // Land exactly on the breakpoint (t + (tEnd − t) can miss it by an ulp) and avoid a sliver step.
                    // A stretch of at most 10 % is harmless; a rejected step shrinks by ≥ 10 %, so it then splits the
                    // remainder in two instead of retrying the same length forever.
                    double remaining = tEnd - t;
                    bool lastStep = false;
                    double hWanted = h;
                    if (remaining <= 1.1 * h) { h = remaining; lastStep = true; }
                    else if (remaining < 1.25 * h) h = 0.5 * remaining;
                    // BDF2 only for step ratios below 2.4 (zero-stability bound 1+√2); a large jump falls back to BDF1.
                    int order = _nHist >= 3 && h <= 2.4 * (_tHist[0] - _tHist[1]) ? 2 : 1;
                    if (!TryStep(h, order, iDens, _yTry, out double err))
                    {
                        _rejected++;
                        h *= 0.25;
                        if (h < _opt.MinStep_s)
                            throw new DfnSolverException($"Newton iteration did not converge even with a step of {h:G3} s (current {current:G4} A); the state may have left the model's valid range", t);
                        continue;
                    }
                    if (err > 1)
                    {
                        _rejected++;
                        h *= Math.Max(0.2, 0.9 * Math.Pow(err, -1.0 / (order + 1)));
                        if (h < _opt.MinStep_s)
                            throw new DfnSolverException($"the local error test failed down to a step of {h:G3} s", t);
                        continue;
                    }

                    double tNew = lastStep ? tEnd : t + h;
                    double vNew = _sys.Voltage(_yTry, current);
                    var limit = StateLimit(_yTry, out string limitText);
                    if (limit != null)
                    {
                        // Bisect the step so the run ends at the last admissible state just before the limit.
                        double ok = 0, bad = h;
                        for (int it = 0; it < 30 && bad - ok > 1e-3; it++)
                        {
                            double mid = 0.5 * (ok + bad);
                            if (TryStep(mid, order, iDens, _yTry, out _) && StateLimit(_yTry, out _) == null) ok = mid; else bad = mid;
                        }
                        if (ok == 0) Array.Copy(_yHist[0], _yTry, _n);
                        else if (!TryStep(ok, order, iDens, _yTry, out _)) Array.Copy(_yHist[0], _yTry, _n);
                        tNew = t + ok;
                        vNew = _sys.Voltage(_yTry, current);
                        termination = limit.Value;
                        message = $"{limitText} at t = {tNew:0.###} s";
                    }
                    else if (stopAtCutoffs && (vNew < _p.LowerCutoff_V || vNew > _p.UpperCutoff_V))
                    {
                        bool low = vNew < _p.LowerCutoff_V;
                        double vCut = low ? _p.LowerCutoff_V : _p.UpperCutoff_V;
                        double hEvent = LocateEvent(h, order, iDens, current, vCut, v, vNew);
                        tNew = t + hEvent;
                        vNew = _sys.Voltage(_yTry, current);
                        termination = low ? TerminationReason.LowerVoltageCutoff : TerminationReason.UpperVoltageCutoff;
                    }
                    if (tNew == t)
                    {
                        // The limit was already reached within 1 ms of the last accepted point: stop there.
                        v = _sys.Voltage(y, current);
                        break;
                    }
                    _steps++;
                    Array.Copy(_yTry, y, _n);
                    Push(tNew, y, vNew);
                    while (outIdx < outs.Count && outs[outIdx] <= tNew + 1e-9)
                    {
                        tOut.Add(outs[outIdx]); vOut.Add(Interpolate(outs[outIdx])); iOut.Add(current);
                        if (internals != null) { InterpolateState(outs[outIdx], _yInterp); AddInternals(internals, _yInterp); }
                        outIdx++;
                    }
                    if (everyStep) { tOut.Add(tNew); vOut.Add(vNew); iOut.Add(current); AddInternals(internals, y); }
                    t = tNew; v = vNew;
                    if (termination != TerminationReason.ProfileCompleted) break;
                    double grow = order == 2 ? 2.0 : 4.0; // variable-step BDF2 stays zero-stable for step ratios below 1+√2
                    h *= Math.Min(grow, 0.9 * Math.Pow(Math.Max(err, 1e-10), -1.0 / (order + 1)));
                    // A step shortened to land on tEnd must not shrink the next one.
                    if (lastStep) h = Math.Max(h, Math.Min(hWanted, _opt.MaxStep_s));
                    _hNext = h;
                }
            }
            if (double.IsNaN(li0)) li0 = _sys.TotalLithium_mol(y);
            if (double.IsNaN(v)) v = _sys.Voltage(y, current);
            if (outputTimes_s == null && !recordEveryStep && (tOut.Count == 0 || tOut[^1] != t)) { tOut.Add(t); vOut.Add(v); iOut.Add(current); AddInternals(internals, y); }
            if (message.Length == 0)
            {
                message = termination switch
                {
                    TerminationReason.LowerVoltageCutoff => $"lower cut-off {_p.LowerCutoff_V} V reached at t = {t:0.###} s",
                    TerminationReason.UpperVoltageCutoff => $"upper cut-off {_p.UpperCutoff_V} V reached at t = {t:0.###} s",
                    _ => $"profile completed at t = {t:0.###} s",
                };
            }
            _canContinue = termination == TerminationReason.ProfileCompleted && _nHist > 0 && _tHist[0] == t;
            _lastCurrent = current;
            return new DfnRun(tOut, vOut, iOut, termination, message, t, v, _steps, _rejected, _newton, li0, _sys.TotalLithium_mol(y));
        }

        private void Push(double t, double[] y, double v)
        {
            var oldest = _yHist[2];
            _yHist[2] = _yHist[1]; _yHist[1] = _yHist[0]; _yHist[0] = oldest;
            Array.Copy(y, _yHist[0], _n);
            _tHist[2] = _tHist[1]; _tHist[1] = _tHist[0]; _tHist[0] = t;
            _vHist[2] = _vHist[1]; _vHist[1] = _vHist[0]; _vHist[0] = v;
            _nHist = Math.Min(_nHist + 1, 3);
        }

        private void AddInternals(List<double[]>? rows, double[] y)
        {
            if (rows == null) return;
            var row = new double[DfnSystem.InternalNames.Count];
            _sys.ReadInternals(y, row);
            rows.Add(row);
        }

        private void InterpolateState(double t, double[] dest)
        {
            // The same quadratic (or linear) interpolant as the voltage, applied to every unknown.
            if (_nHist >= 3)
            {
                double t0 = _tHist[0], t1 = _tHist[1], t2 = _tHist[2];
                double l0 = (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2));
                double l1 = (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2));
                double l2 = (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1));
                for (int k = 0; k < _n; k++) dest[k] = l0 * _yHist[0][k] + l1 * _yHist[1][k] + l2 * _yHist[2][k];
            }
            else if (_nHist == 2)
            {
                double w = (t - _tHist[1]) / (_tHist[0] - _tHist[1]);
                for (int k = 0; k < _n; k++) dest[k] = _yHist[1][k] + w * (_yHist[0][k] - _yHist[1][k]);
            }
            else Array.Copy(_yHist[0], dest, _n);
        }

        private double Interpolate(double t)
        {
            // Quadratic through the last three accepted points of this segment (linear right after a restart).
            if (_nHist >= 3)
            {
                double t0 = _tHist[0], t1 = _tHist[1], t2 = _tHist[2];
                double l0 = (t - t1) * (t - t2) / ((t0 - t1) * (t0 - t2));
                double l1 = (t - t0) * (t - t2) / ((t1 - t0) * (t1 - t2));
                double l2 = (t - t0) * (t - t1) / ((t2 - t0) * (t2 - t1));
                return l0 * _vHist[0] + l1 * _vHist[1] + l2 * _vHist[2];
            }
            if (_nHist == 2)
            {
                double w = (t - _tHist[1]) / (_tHist[0] - _tHist[1]);
                return _vHist[1] + w * (_vHist[0] - _vHist[1]);
            }
            return _vHist[0];
        }

        /// <summary>One BDF step of size h from the newest history point into yNew; err is the weighted local error.</summary>
        private bool TryStep(double h, int order, double iDens, double[] yNew, out double err)
        {
            err = double.PositiveInfinity;
            double[] yn = _yHist[0];
            double a0, errFactor;
            if (order == 1)
            {
                a0 = 1 / h;
                for (int k = 0; k < _nDiff; k++) _hist[k] = -yn[k] / h;
            }
            else
            {
                double h1 = _tHist[0] - _tHist[1];
                double w = h / h1;
                a0 = (1 + 2 * w) / ((1 + w) * h);
                double c1 = -(1 + w) / h, c2 = w * w / ((1 + w) * h);
                double[] ym1 = _yHist[1];
                for (int k = 0; k < _nDiff; k++) _hist[k] = c1 * yn[k] + c2 * ym1[k];
            }

            // Predictor: polynomial through the last order+1 points (the newest point alone right after a restart).
            double tNew = _tHist[0] + h;
            if (_nHist == 1)
            {
                Array.Copy(yn, _yPred, _n);
                errFactor = 0.5; // constant predictor: y − y_pred ≈ h·y', so this over-estimates the error; safe
            }
            else if (order == 1 || _nHist == 2)
            {
                double r = h / (_tHist[0] - _tHist[1]);
                double[] ym1 = _yHist[1];
                for (int k = 0; k < _n; k++) _yPred[k] = yn[k] + r * (yn[k] - ym1[k]);
                errFactor = h / (tNew - _tHist[1]);
            }
            else
            {
                double t0 = _tHist[0], t1 = _tHist[1], t2 = _tHist[2];
                double l0 = (tNew - t1) * (tNew - t2) / ((t0 - t1) * (t0 - t2));
                double l1 = (tNew - t0) * (tNew - t2) / ((t1 - t0) * (t1 - t2));
                double l2 = (tNew - t0) * (tNew - t1) / ((t2 - t0) * (t2 - t1));
                double[] ym1 = _yHist[1], ym2 = _yHist[2];
                for (int k = 0; k < _n; k++) _yPred[k] = l0 * yn[k] + l1 * ym1[k] + l2 * ym2[k];
                errFactor = h / (tNew - t2);
            }

            double rtol = _opt.RelativeTolerance, atol = _opt.AbsoluteTolerance;
            for (int k = 0; k < _n; k++) _weight[k] = 1 / (rtol * Math.Abs(yn[k]) + atol * _scale[k]);
            Array.Copy(_yPred, yNew, _n);
            bool converged = false;
            double prev = double.PositiveInfinity;
            for (int it = 0; it < _opt.MaxNewtonIterations; it++)
            {
                _newton++;
                if (!_sys.NewtonIteration(yNew, a0, _hist, iDens, false, _dy, refreshSlopes: it == 0)) return false;
                double norm = 0;
                for (int k = 0; k < _n; k++)
                {
                    yNew[k] += _dy[k];
                    double q = _dy[k] * _weight[k];
                    norm += q * q;
                }
                norm = Math.Sqrt(norm / _n);
                if (!double.IsFinite(norm)) return false;
                if (norm < NewtonTolerance) { converged = true; break; }
                if (it >= 1 && norm > 2 * prev) return false;
                prev = norm;
            }
            if (!converged) return false;

            double sum = 0;
            for (int k = 0; k < _nDiff; k++)
            {
                double q = errFactor * (yNew[k] - _yPred[k]) * _weight[k];
                sum += q * q;
            }
            err = Math.Sqrt(sum / _nDiff);
            return true;
        }

        private double LocateEvent(double h, int order, double iDens, double current, double vCut, double vOld, double vNew)
        {
            // Illinois regula falsi on the step size: V(h') − V_cut changes sign on (0, h].
            double a = 0, fa = vOld - vCut, b = h, fb = vNew - vCut;
            double[] best = (double[])_yTry.Clone();
            double bestH = h;
            int side = 0;
            for (int it = 0; it < 40 && Math.Abs(fb) > EventVoltageTolerance_V && b - a > 1e-9; it++)
            {
                double c = b - fb * (b - a) / (fb - fa);
                if (!(c > a && c < b)) c = 0.5 * (a + b);
                if (!TryStep(c, order, iDens, _yTry, out _))
                    throw new DfnSolverException("Newton iteration failed while locating the cut-off voltage", _tHist[0]);
                double fc = _sys.Voltage(_yTry, current) - vCut;
                if (Math.Sign(fc) == Math.Sign(fb))
                {
                    b = c; fb = fc; Array.Copy(_yTry, best, _n); bestH = c;
                    if (side == -1) fa *= 0.5;
                    side = -1;
                }
                else
                {
                    a = c; fa = fc;
                    if (side == 1) fb *= 0.5;
                    side = 1;
                    // Keep the state just past the cut-off unless this point sits on it.
                    if (Math.Abs(fc) <= EventVoltageTolerance_V) { Array.Copy(_yTry, best, _n); bestH = c; break; }
                }
            }
            Array.Copy(best, _yTry, _n);
            return bestH;
        }

        /// <summary>Forgets the step history: the next Run restarts (after the caller changed the state or the current).</summary>
        public void Invalidate() => _canContinue = false;

        /// <summary>Makes the potentials and reaction currents of y consistent with the concentrations at this current.</summary>
        public void Initialise(double[] y, double current_A, double t) => SolveAlgebraic(y, current_A / _sys.Area_m2, t);

        private void SolveAlgebraic(double[] y, double iDens, double t)
        {
            double rtol = _opt.RelativeTolerance, atol = _opt.AbsoluteTolerance;
            for (int k = 0; k < _n; k++) _weight[k] = 1 / (rtol * Math.Abs(y[k]) + atol * _scale[k]);
            for (int it = 0; it < 50; it++)
            {
                _newton++;
                if (!_sys.NewtonIteration(y, 0, _hist, iDens, true, _dy))
                    throw new DfnSolverException("consistent initialisation of the potentials failed (singular or non-finite Newton system)", t);
                double norm = 0;
                for (int k = 0; k < _n; k++)
                {
                    y[k] += _dy[k];
                    double q = _dy[k] * _weight[k];
                    norm += q * q;
                }
                norm = Math.Sqrt(norm / _n);
                if (!double.IsFinite(norm))
                    throw new DfnSolverException("consistent initialisation of the potentials produced non-finite values", t);
                if (norm < 1e-3) return;
            }
            throw new DfnSolverException("consistent initialisation of the potentials did not converge in 50 Newton iterations", t);
        }

        private TerminationReason? StateLimit(double[] y, out string text)
        {
            for (int i = 0; i < _sys.Nx; i++)
            {
                double c = y[_sys.CeIndex(i)];
                if (!(c > 0))
                {
                    text = $"electrolyte depleted (c_e = {c:G4} mol/m³ at x = {_sys.CellCentre_m(i) * 1e6:0.#} µm; the current exceeds the transport limit)";
                    return TerminationReason.ElectrolyteDepleted;
                }
            }
            for (int e = 0; e < _sys.Ne; e++)
            {
                double th = _sys.SurfaceStoichiometry(y, e);
                if (!(th > 0 && th < 1))
                {
                    text = $"{(_sys.IsNegative(e) ? "negative" : "positive")} particle surface stoichiometry {th:G4} left (0, 1) (electrode surface empty or full)";
                    return TerminationReason.StoichiometryLimit;
                }
            }
            text = "";
            return null;
        }
    }
}

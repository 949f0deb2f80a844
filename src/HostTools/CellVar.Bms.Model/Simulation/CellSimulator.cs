using System;
using System.Collections.Generic;
using System.Globalization;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>
    /// Drives any <see cref="ICellStepper"/> through a <see cref="CurrentProfile"/>: chooses steps, records points,
    /// and locates cut-off crossings to ~1 ms by bisection on the last step, so the trace ends exactly at the limit.
    /// </summary>
    public static class CellSimulator
    {
        // A crossing is located to this time resolution; finer is meaningless against 1 s data.
        private const double CrossingTolerance_s = 1e-3;

        // ... or to this voltage from a cut-off (1/100 of the 1 mV the models are compared at).
        private const double VoltageTolerance_V = 1e-5;

        /// <summary>Runs the profile; see <see cref="ICellModel.Simulate"/>.</summary>
        public static SimulationResult Run(string modelName, ICellStepper cell, CellParameters parameters, CurrentProfile profile, SimulationOptions options)
        {
            if (!(options.TimeStep_s > 0) || !double.IsFinite(options.TimeStep_s))
                throw new ArgumentException("TimeStep_s must be a positive finite number of seconds.", nameof(options));
            var rec = new Recorder(cell, options.RecordInternals);
            double[] outputs = SortedOutputs(options.OutputTimes_s);
            int nextOut = 0;
            double lower = parameters.LowerCutoffVoltage_V, upper = parameters.UpperCutoffVoltage_V;
            bool check = options.StopAtVoltageCutoffs;
            var saved = new double[cell.StateSize];

            double t = profile.StartTime_s;
            double charge_As = 0;
            cell.SetCurrent(profile.Current_A[0]);
            while (nextOut < outputs.Length && outputs[nextOut] < t - 1e-9) nextOut++;
            bool recordEvery = outputs.Length == 0 && options.RecordTrace;
            bool atStart = false;
            while (nextOut < outputs.Length && outputs[nextOut] <= t + 1e-9)
            {
                atStart = true;
                nextOut++;
            }
            if (recordEvery || outputs.Length == 0 || atStart) rec.Add(t);

            for (int k = 0; k < profile.SegmentCount; k++)
            {
                double current = profile.Current_A[k];
                double tEnd = profile.Time_s[k + 1];
                cell.SetCurrent(current);
                var violation = Violation(cell, check, lower, upper);
                if (violation != null)
                    return rec.Finish(modelName, t, violation.Value, Message(violation.Value, t, lower, upper, cell), charge_As, force: true);

                while (t < tEnd - 1e-9)
                {
                    double h = Math.Min(options.TimeStep_s, tEnd - t);
                    if (nextOut < outputs.Length && outputs[nextOut] > t + 1e-9) h = Math.Min(h, outputs[nextOut] - t);
                    cell.SaveState(saved);
                    double vBefore = cell.Voltage_V;
                    cell.Step(current, h);
                    violation = Violation(cell, check, lower, upper);
                    if (violation != null)
                    {
                        double hHit = LocateCrossing(cell, saved, current, h, vBefore, violation.Value, check, lower, upper);
                        t += hHit;
                        charge_As += current * hHit;
                        var reason = Violation(cell, check, lower, upper) ?? violation.Value;
                        return rec.Finish(modelName, t, reason, Message(reason, t, lower, upper, cell), charge_As, force: true);
                    }
                    t += h;
                    charge_As += current * h;
                    // Consume every requested time reached by this step (duplicates included) so the schedule never stalls.
                    bool atOutput = false;
                    while (nextOut < outputs.Length && outputs[nextOut] <= t + 1e-9)
                    {
                        atOutput |= Math.Abs(outputs[nextOut] - t) < 1e-9;
                        nextOut++;
                    }
                    if (recordEvery || atOutput) rec.Add(t);
                }
                t = tEnd;
            }
            return rec.Finish(modelName, t, TerminationReason.ProfileCompleted,
                string.Format(CultureInfo.InvariantCulture, "profile completed at t = {0:0.###} s", t), charge_As, force: !recordEvery);
        }

        private static TerminationReason? Violation(ICellStepper cell, bool check, double lower, double upper)
        {
            if (cell.StateViolation is { } v) return v;
            double volt = cell.Voltage_V;
            if (!double.IsFinite(volt)) return TerminationReason.StoichiometryLimit;
            if (!check) return null;
            if (volt < lower) return TerminationReason.LowerVoltageCutoff;
            if (volt > upper) return TerminationReason.UpperVoltageCutoff;
            return null;
        }

        // Locates the crossing inside the last step and leaves the cell at the last admissible state, within
        // CrossingTolerance_s of the limit or within VoltageTolerance_V of a cut-off. A voltage cut-off is found by the
        // Illinois variant of regula falsi on V(h) (a handful of steps, V is smooth in h); other limits by bisection.
        private static double LocateCrossing(ICellStepper cell, double[] saved, double current, double h, double vBefore,
            TerminationReason first, bool check, double lower, double upper)
        {
            double ok = 0, bad = h;
            bool voltageLimit = first is TerminationReason.LowerVoltageCutoff or TerminationReason.UpperVoltageCutoff;
            double target = first == TerminationReason.LowerVoltageCutoff ? lower : upper;
            double gOk = vBefore - target, gBad = cell.Voltage_V - target, gOkTrue = gOk;
            int side = 0;
            for (int iter = 0; iter < 60 && bad - ok > CrossingTolerance_s; iter++)
            {
                if (voltageLimit && Math.Abs(gOkTrue) < VoltageTolerance_V) break;
                double mid = voltageLimit && double.IsFinite(gBad) && gOk != gBad ? ok + (bad - ok) * gOk / (gOk - gBad) : 0.5 * (ok + bad);
                // Keep the trial strictly inside the bracket so it always shrinks.
                double margin = 0.01 * (bad - ok);
                mid = Math.Clamp(mid, ok + margin, bad - margin);
                cell.RestoreState(saved);
                cell.Step(current, mid);
                var v = Violation(cell, check, lower, upper);
                double g = cell.Voltage_V - target;
                if (v == null)
                {
                    ok = mid; gOk = g; gOkTrue = g;
                    if (side == -1) gBad *= 0.5; // Illinois: halve the stale end so regula falsi does not stall
                    side = -1;
                }
                else
                {
                    bad = mid;
                    if (v == first && voltageLimit) gBad = g; else voltageLimit = false;
                    if (side == 1) gOk *= 0.5;
                    side = 1;
                }
            }
            cell.RestoreState(saved);
            if (ok > 0) cell.Step(current, ok);
            else cell.SetCurrent(current);
            return ok;
        }

        private static string Message(TerminationReason reason, double t, double lower, double upper, ICellStepper cell)
        {
            var ci = CultureInfo.InvariantCulture;
            return reason switch
            {
                TerminationReason.LowerVoltageCutoff => string.Format(ci, "lower cut-off {0} V reached at t = {1:0.###} s (SOC {2:0.####})", lower, t, cell.Soc),
                TerminationReason.UpperVoltageCutoff => string.Format(ci, "upper cut-off {0} V reached at t = {1:0.###} s (SOC {2:0.####})", upper, t, cell.Soc),
                TerminationReason.StoichiometryLimit => string.Format(ci, "an electrode ran empty or full (surface stoichiometry or SOC out of range) at t = {0:0.###} s (SOC {1:0.####})", t, cell.Soc),
                TerminationReason.ElectrolyteDepleted => string.Format(ci, "electrolyte depleted at t = {0:0.###} s", t),
                _ => string.Format(ci, "stopped at t = {0:0.###} s", t),
            };
        }

        private static double[] SortedOutputs(IReadOnlyList<double>? times)
        {
            if (times == null) return Array.Empty<double>();
            var a = new double[times.Count];
            for (int i = 0; i < a.Length; i++) a[i] = times[i];
            Array.Sort(a);
            return a;
        }

        private sealed class Recorder
        {
            private readonly ICellStepper _cell;
            private readonly bool _internals;
            private readonly List<double> _t = new(), _i = new(), _v = new(), _soc = new();
            private readonly List<double[]> _rows = new();
            private readonly int _nInt;

            public Recorder(ICellStepper cell, bool internals)
            {
                _cell = cell;
                _internals = internals;
                _nInt = internals ? cell.InternalNames.Count : 0;
            }

            public void Add(double t)
            {
                // A point is recorded only for an admissible state, so no NaN reaches the output.
                if (_t.Count > 0 && Math.Abs(_t[^1] - t) < 1e-9) return;
                _t.Add(t); _i.Add(_cell.Current_A); _v.Add(_cell.Voltage_V); _soc.Add(_cell.Soc);
                if (_nInt > 0)
                {
                    var row = new double[_nInt];
                    _cell.ReadInternals(row);
                    _rows.Add(row);
                }
            }

            public SimulationResult Finish(string model, double t, TerminationReason reason, string message, double charge_As, bool force)
            {
                if (force && _cell.StateViolation == null && double.IsFinite(_cell.Voltage_V)) Add(t);
                var internals = new double[_nInt][];
                for (int j = 0; j < _nInt; j++)
                {
                    internals[j] = new double[_rows.Count];
                    for (int r = 0; r < _rows.Count; r++) internals[j][r] = _rows[r][j];
                }
                IReadOnlyList<string> names = _internals ? _cell.InternalNames : Array.Empty<string>();
                return new SimulationResult(model, _t.ToArray(), _i.ToArray(), _v.ToArray(), _soc.ToArray(), names, internals,
                    reason, t, message, charge_As / PhysicalConstants.SecondsPerHour);
            }
        }
    }
}

using System;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Population.Physics;

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>Which experiment runs per cell.</summary>
    public enum ExperimentKind
    {
        /// <summary>C/3 and 1C discharges from 100 % SOC, plus a 10 s 1C pulse at 50 % SOC.</summary>
        Standard,
        /// <summary>Only the 1C discharge and the pulse (what the performance benchmark times).</summary>
        OneC,
    }

    /// <summary>
    /// The per-cell characterisation experiment, run on any registry cell model through <see cref="ICellStepper"/>:
    /// a 10 s 1C pulse from rest at 50 % SOC, then constant-current discharges from 100 % SOC to the lower cut-off (the
    /// crossing is interpolated inside the last step). Overpotentials are the closed-form Butler–Volmer values at 1C and
    /// 50 % SOC (<see cref="DerivedParameters"/>), so they mean the same for every model.
    /// </summary>
    public static class CellExperiment
    {
        /// <summary>Runs <paramref name="kind"/> for one validated parameter set on <paramref name="model"/>.</summary>
        public static CellOutputs Run(ICellModel model, CellParameters p, DerivedParameters derived, ExperimentKind kind)
        {
            double i1C = p.NominalCapacity_Ah;
            var pulse = model.CreateStepper(p, 0.5);
            double ocv = pulse.OpenCircuitVoltage_V;
            for (int k = 0; k < 5; k++) pulse.Step(i1C, 2.0);
            double rPulse_mOhm = pulse.StateViolation == null ? (ocv - pulse.Voltage_V) / i1C * 1000 : double.NaN;
            if (!double.IsFinite(rPulse_mOhm)) throw new ParameterException("10 s pulse at 50 % SOC left the model's physical range");

            // Step sizes: on the SPMe a 30 s step changes the 1C capacity by 0.7 mAh (0.014 %) against 5 s steps — about 1 % of
            // the cell-to-cell sd and nearly the same for every cell — at a sixth of the cost; C/3 is slower, so 60 s.
            var (q1, heat1) = Discharge(model.CreateStepper(p, 1.0), i1C, 30, p.LowerCutoffVoltage_V);
            double qc3 = kind == ExperimentKind.Standard ? Discharge(model.CreateStepper(p, 1.0), i1C / 3, 60, p.LowerCutoffVoltage_V).Capacity_Ah : 0;
            return new CellOutputs
            {
                CapacityC3_Ah = qc3, Capacity1C_Ah = q1, PulseResistance10s_mOhm = rPulse_mOhm,
                EtaNegative1C_mV = derived.EtaNegative1C_V * 1000, EtaPositive1C_mV = derived.EtaPositive1C_V * 1000, Heat1C_W = heat1,
            };
        }

        /// <summary>Discharges a fresh stepper at constant current until the terminal voltage reaches the cut-off.</summary>
        internal static (double Capacity_Ah, double MeanHeat_W) Discharge(ICellStepper cell, double current_A, double dt_s, double cutoff_V)
        {
            double t = 0, heatSum = 0;
            cell.SetCurrent(current_A);
            double vPrev = cell.Voltage_V;
            if (!(vPrev > cutoff_V)) return (0, 0);
            const double tMax = 48 * 3600; // far beyond any real discharge; only guards the loop
            while (t < tMax)
            {
                double ocv = cell.OpenCircuitVoltage_V;
                cell.Step(current_A, dt_s);
                double v = cell.Voltage_V;
                if (cell.StateViolation != null || !double.IsFinite(v) || v <= cutoff_V)
                {
                    double frac = double.IsFinite(v) && vPrev > v && cell.StateViolation == null ? Math.Clamp((vPrev - cutoff_V) / (vPrev - v), 0, 1) : 0;
                    t += frac * dt_s;
                    heatSum += current_A * (ocv - cutoff_V) * frac * dt_s;
                    break;
                }
                heatSum += current_A * (ocv - v) * dt_s;
                t += dt_s; vPrev = v;
            }
            return (current_A * t / 3600, t > 0 ? heatSum / t : 0);
        }
    }
}

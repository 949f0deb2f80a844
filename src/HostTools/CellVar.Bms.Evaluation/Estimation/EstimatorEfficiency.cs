using System;
using System.Collections.Generic;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Estimation;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.Evaluation.Estimation
{
    /// <summary>
    /// The device's resistance estimator (<see cref="ResistanceEstimator"/>, fixed point, default forgetting) against the
    /// Cramér–Rao bound. Model: the current steps of the Rig's standard profile (|ΔI| ≥ the device's minimum step), a true
    /// R of 18 mΩ, voltage samples with Gaussian noise σ, so each step's drop ΔV = ΔI·R + (n_prev − n_now) has variance 2σ²
    /// (steps are ≥ 10 s apart, so drops are independent). For known ΔI the bound on any unbiased estimate from all steps is
    /// Var ≥ 2σ²/ΣΔI². Forgetting (λ &lt; 1) trades variance for tracking, so a second bound is reported: the variance of the
    /// best λ-weighted estimate, 2σ²·Σλ^{2(n−k)}ΔI²/(Σλ^{n−k}ΔI²)². The same recursion in double precision on unquantised
    /// samples gives the fixed-point error; the device sees voltages through the 10 µV virtual ADC, as on the rig.
    /// </summary>
    public static class EstimatorEfficiency
    {
        /// <summary>True resistance used (µΩ).</summary>
        public const double TrueResistance_uOhm = 18000;

        /// <summary>Runs <paramref name="replicates"/> seeded replicates at each noise level.</summary>
        public static EfficiencyRow[] Run(IReadOnlyList<double> noise_mV, int replicates, int seed)
        {
            var cfg = new MonitorConfig();
            double[] profile = CurrentProfile.Standard(1.0);
            var steps = new List<int>();
            for (int k = 1; k < profile.Length; k++)
            {
                int d = (int)Math.Round((profile[k] - profile[k - 1]) * 1000);
                if (Math.Abs(d) >= cfg.MinCurrentStep_mA) steps.Add(d);
            }
            double lambda = cfg.ResistanceForgetting_Q16 / 65536.0;
            double sxx = 0, s = 0, s2 = 0;
            foreach (int d in steps) { sxx += (double)d * d; s = lambda * s + (double)d * d; s2 = lambda * lambda * s2 + (double)d * d; }
            var rows = new EfficiencyRow[noise_mV.Count];
            for (int ni = 0; ni < noise_mV.Count; ni++)
            {
                double sigma_uV = noise_mV[ni] * 1000;
                // µΩ: sqrt(2σ²/Σx²) with σ in µV and x in mA gives µV/mA = mΩ… scaled by 1e3 to µΩ.
                double crb = Math.Sqrt(2 * sigma_uV * sigma_uV / sxx) * 1000;
                double window = sigma_uV * Math.Sqrt(2 * s2) / s * 1000;
                double seDev = 0, bias = 0, seDbl = 0, dd = 0, ddMax = 0;
                for (int r = 0; r < replicates; r++)
                {
                    var rng = new Random(unchecked(seed + 7919 * ni + 104729 * r));
                    var est = new ResistanceEstimator(1, cfg.ResistanceForgetting_Q16, cfg.ResistanceNoiseFloor_uV);
                    double rd = 0, sd = 0;
                    const double ocv_uV = 3_700_000;
                    double current = 0;
                    foreach (int d in steps)
                    {
                        double vPrev = ocv_uV - current * TrueResistance_uOhm / 1000 + sigma_uV * Normal(rng);
                        current += d;
                        double vNow = ocv_uV - current * TrueResistance_uOhm / 1000 + sigma_uV * Normal(rng);
                        // Device path: both samples quantised by the virtual ADC (10 µV counts), then differenced in integers.
                        int qPrev = VirtualAdc.VoltageToCounts((int)Math.Round(vPrev)) * VirtualAdc.Voltage_uVPerCount;
                        int qNow = VirtualAdc.VoltageToCounts((int)Math.Round(vNow)) * VirtualAdc.Voltage_uVPerCount;
                        est.Update(0, d, qPrev - qNow);
                        // Double path: the same recursion, R in µΩ.
                        double y = vPrev - vNow;
                        sd = lambda * sd + (double)d * d;
                        rd += (y - rd * d / 1000) * d / sd * 1000;
                    }
                    double rf = est.GetResistance_nOhm(0) / 1000.0;
                    seDev += (rf - TrueResistance_uOhm) * (rf - TrueResistance_uOhm);
                    bias += rf - TrueResistance_uOhm;
                    seDbl += (rd - TrueResistance_uOhm) * (rd - TrueResistance_uOhm);
                    dd += (rf - rd) * (rf - rd);
                    ddMax = Math.Max(ddMax, Math.Abs(rf - rd));
                }
                rows[ni] = new EfficiencyRow
                {
                    VoltageNoise_mV = noise_mV[ni],
                    Replicates = replicates,
                    Steps = steps.Count,
                    CrbSd_uOhm = crb,
                    ForgettingBoundSd_uOhm = window,
                    DeviceRmse_uOhm = Math.Sqrt(seDev / replicates),
                    DeviceBias_uOhm = bias / replicates,
                    DoubleRmse_uOhm = Math.Sqrt(seDbl / replicates),
                    FixedVsDoubleRms_uOhm = Math.Sqrt(dd / replicates),
                    FixedVsDoubleMax_uOhm = ddMax,
                };
            }
            return rows;
        }

        private static double Normal(Random rng)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;
using CellVar.Bms.OnDevice;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// Ours: the device's own decisions. Resistance: the device's log-likelihood CUSUM against the pack-median reference
    /// (default prior), alarm at h (default 30 σ units), clear when it returns to 0. The device ran with a higher
    /// threshold (<see cref="DeviceRecorder.RecordingCusumThreshold"/>) so its statistic S was never capped below the sweep;
    /// for a threshold h the device's own path S' = min(2h, max(0, S'_prev + increment)) is replayed from S: the increment
    /// is S − S_prev whenever S &gt; 0, and whenever S clips to 0 so does S' (S' ≤ S by induction) — exact, because the
    /// threshold changes nothing else in the device. Temperature: the device's smoothed, I²R-compensated excess over the
    /// sensor median (K), alarm after <see cref="MonitorConfig.HotPersistTicks"/> ticks above the threshold (default
    /// 5 K), clear 1 K below, as the device does.
    /// </summary>
    public sealed class DeviceCusumMethod : DetectionMethod
    {
        private static readonly MonitorConfig Defaults = new();

        /// <inheritdoc/>
        public override string Id => "ours";
        /// <inheritdoc/>
        public override string Description(Quantity q) => q == Quantity.Resistance
            ? "device LLR-CUSUM vs pack median (σ units)" : "device hot-cell excess (K)";
        /// <inheritdoc/>
        public override double DefaultThreshold(Quantity q) => q == Quantity.Resistance
            ? Defaults.CusumThreshold_Q16 / 65536.0 : Defaults.HotExcess_dC / 10.0;
        /// <inheritdoc/>
        public override IReadOnlyList<double> Thresholds(Quantity q) =>
            q == Quantity.Resistance ? Grid(0.5, 150, 45, DefaultThreshold(q)) : Grid(0.2, 30, 45, DefaultThreshold(q));
        /// <inheritdoc/>
        protected override int PersistRows(Quantity q) => q == Quantity.Temperature ? Defaults.HotPersistTicks : 1;
        /// <inheritdoc/>
        protected override bool Strict(Quantity q) => q == Quantity.Temperature; // the device tests excess > threshold
        /// <inheritdoc/>
        protected override double Hysteresis(Quantity q, double threshold) => q == Quantity.Temperature ? Defaults.HotHysteresis_dC / 10.0 : threshold;

        /// <inheritdoc/>
        public override ScoreMatrix Score(DeviceTrace trace, Quantity quantity, PopulationPrior prior)
        {
            bool r = quantity == Quantity.Resistance;
            var m = new ScoreMatrix(r ? trace.ResistanceTime_s : trace.TemperatureTime_s, trace.Cells);
            List<int[]> rows = r ? trace.Cusum_Q16 : trace.Excess_dC;
            for (int i = 0; i < rows.Count; i++)
                for (int c = 0; c < trace.Cells; c++)
                    m.Values[i][c] = r ? rows[i][c] / 65536.0 : rows[i][c] / 10.0;
            return m;
        }

        /// <inheritdoc/>
        public override AlarmEvents Sweep(DeviceTrace trace, Quantity quantity, PopulationPrior prior)
        {
            if (quantity == Quantity.Temperature) return base.Sweep(trace, quantity, prior);
            IReadOnlyList<double> th = Thresholds(quantity);
            List<int[]> rows = trace.Cusum_Q16;
            var result = new double[th.Count][][];
            var clears = new double[th.Count][][];
            var list = new List<double>();
            var cl = new List<double>();
            for (int k = 0; k < th.Count; k++)
            {
                long h = (long)Math.Round(th[k] * 65536);
                if (2 * h > trace.CusumCap_Q16) throw new InvalidOperationException("sweep threshold above the recorded CUSUM range");
                result[k] = new double[trace.Cells][];
                clears[k] = new double[trace.Cells][];
                for (int c = 0; c < trace.Cells; c++)
                {
                    list.Clear();
                    cl.Clear();
                    long prev = 0, s = 0;
                    bool active = false;
                    for (int i = 0; i < rows.Count; i++)
                    {
                        long raw = rows[i][c];
                        s = raw > 0 ? Math.Min(2 * h, Math.Max(0, s + raw - prev)) : 0;
                        prev = raw;
                        if (!active && s >= h) { active = true; list.Add(trace.ResistanceTime_s[i]); }
                        else if (active && s == 0) { active = false; cl.Add(trace.ResistanceTime_s[i]); }
                    }
                    result[k][c] = list.ToArray();
                    clears[k][c] = AlarmEvents.Close(cl, list.Count);
                }
            }
            return new AlarmEvents(result, clears);
        }
    }
}

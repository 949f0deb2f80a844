using System.Collections.Generic;

namespace CellVar.Bms.Evaluation.Running
{
    /// <summary>
    /// What the device computed during one run, recorded tick by tick so every detection rule can be judged on the same
    /// samples: the device's resistance estimates and CUSUM (on ticks where an estimator moved), its temperatures and
    /// hot-cell excess (every tick), and its alerts.
    /// </summary>
    public sealed class DeviceTrace
    {
        /// <summary>Marks a value the device does not have (estimate not warmed up, or the cell is in sensor fault).</summary>
        public const int Missing = int.MinValue;

        internal DeviceTrace(int cells, double duration_s, int cusumCap_Q16)
        {
            Cells = cells;
            Duration_s = duration_s;
            CusumCap_Q16 = cusumCap_Q16;
        }

        /// <summary>Cells monitored.</summary>
        public int Cells { get; }
        /// <summary>Time span of the run.</summary>
        public double Duration_s { get; }
        /// <summary>2 × the CUSUM threshold the device ran with (the statistic's cap).</summary>
        public int CusumCap_Q16 { get; }

        /// <summary>Times of resistance rows (ticks on which some cell's estimator took a step).</summary>
        public List<double> ResistanceTime_s { get; } = [];
        /// <summary>Per resistance row: each cell's warmed-up estimate in µΩ, or <see cref="Missing"/>.</summary>
        public List<int[]> Resistance_uOhm { get; } = [];
        /// <summary>Per resistance row: each cell's CUSUM statistic (Q16 σ units).</summary>
        public List<int[]> Cusum_Q16 { get; } = [];

        /// <summary>Times of temperature rows (every tick).</summary>
        public List<double> TemperatureTime_s { get; } = [];
        /// <summary>Per temperature row: each cell's temperature in dC, or <see cref="Missing"/>.</summary>
        public List<int[]> Temperature_dC { get; } = [];
        /// <summary>Per temperature row: each cell's smoothed hot-cell excess in dC (the device's hot-cell statistic).</summary>
        public List<int[]> Excess_dC { get; } = [];

        /// <summary>First time a sensor-fault alert was raised per cell (NaN = never).</summary>
        public double[] FirstSensorFault_s { get; internal set; } = [];
        /// <summary>First time the device raised a resistance outlier per cell at the threshold it ran with (NaN = never).</summary>
        public double[] FirstResistanceAlert_s { get; internal set; } = [];
        /// <summary>First time the device raised a hot-cell alert per cell (NaN = never).</summary>
        public double[] FirstHotAlert_s { get; internal set; } = [];
        /// <summary>Ticks on which each cell's sample was flagged (SampleFlags.FaultMask).</summary>
        public int[] FlaggedSamples { get; internal set; } = [];
        /// <summary>Pack-level sensor faults raised (current channel or pack sum).</summary>
        public int PackFaults { get; internal set; }
    }
}

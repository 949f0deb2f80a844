using System;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.Rig.Csv;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>
    /// The rig log seen through the device's 20-bit virtual ADC (<see cref="VirtualAdc"/>): each row's physical values are
    /// turned into raw counts, which the device's own calibration path turns back into µV, mA and dC — exactly what the
    /// firmware does with a real ADC. A missing sample reads as a failed conversion (−1), which the device flags;
    /// nothing is invented.
    /// Channel layout as <see cref="OnDevice.MonitorConfig.CreateVirtual"/>: cells 0..N−1, current N, sensors N+1..N+M.
    /// </summary>
    public sealed class RigLogAdc : IAdcChannelReader
    {
        /// <summary>Value returned for a missing sample: a failed conversion.</summary>
        public const int ConversionFailed = -1;

        private readonly RigLog _log;
        private readonly int[] _counts;
        private readonly int _cells;
        private readonly int _sensors;

        /// <summary>Serves the first <paramref name="cells"/> cells and <paramref name="sensors"/> sensors of <paramref name="log"/>.</summary>
        public RigLogAdc(RigLog log, int cells, int sensors)
        {
            ArgumentNullException.ThrowIfNull(log);
            if (cells < 1 || cells > log.CellCount) throw new ArgumentOutOfRangeException(nameof(cells));
            if (sensors < 0 || sensors > log.TemperatureSensorCount) throw new ArgumentOutOfRangeException(nameof(sensors));
            _log = log;
            _cells = cells;
            _sensors = sensors;
            _counts = new int[cells + 1 + sensors];
        }

        /// <summary>Row whose values <see cref="ReadRaw"/> returns (set by <see cref="Load"/>).</summary>
        public int Row { get; private set; } = -1;

        /// <summary>Converts row <paramref name="row"/> to counts.</summary>
        public void Load(int row)
        {
            Row = row;
            for (int c = 0; c < _cells; c++)
            {
                double v = _log.CellVoltage_V[c][row];
                _counts[c] = RigLog.IsMissing(v) ? ConversionFailed : VirtualAdc.VoltageToCounts(ToDeviceInt(v * 1e6));
            }
            double i = _log.Current_A[row];
            _counts[_cells] = RigLog.IsMissing(i) ? ConversionFailed : VirtualAdc.CurrentToCounts(ToDeviceInt(i * 1e3));
            for (int s = 0; s < _sensors; s++)
            {
                double t = _log.Temperature_C[s][row];
                _counts[_cells + 1 + s] = RigLog.IsMissing(t) ? ConversionFailed : VirtualAdc.TemperatureToCounts(ToDeviceInt(t * 10));
            }
        }

        /// <inheritdoc/>
        public int ReadRaw(int channel) => channel >= 0 && channel < _counts.Length ? _counts[channel] : ConversionFailed;

        /// <summary>
        /// Rounds a device-unit value to int, clamping far-out values so that they reach the ADC as a rail reading
        /// (the device flags it) instead of wrapping around.
        /// </summary>
        internal static int ToDeviceInt(double value)
        {
            const double limit = 1_000_000_000;
            if (value > limit) return (int)limit;
            if (value < -limit) return -(int)limit;
            return (int)Math.Round(value, MidpointRounding.AwayFromZero);
        }
    }
}

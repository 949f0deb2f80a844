using System;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.VirtualRig.Adc
{
    /// <summary>
    /// Host implementation of the device's <see cref="IAdcChannelReader"/>: turns the simulated pack's cell voltages,
    /// current and sensor temperatures into raw 12-bit counts the way an uncalibrated ESP32 ADC would (per-channel
    /// gain/offset error, Gaussian noise, optional glitches, open wires). Channel layout is the virtual one
    /// (cells 0..N−1, current N, sensors N+1..N+M), so <see cref="BuildConfig"/> only has to change gains and offsets.
    /// It also keeps what the device computed from this tick's conversions, so a recorder can log exactly what the
    /// monitor measured.
    /// </summary>
    public sealed class Esp32AdcFrontEnd : IAdcChannelReader
    {
        private readonly AdcModelOptions _o;
        private readonly Random _rng;
        private readonly int _cells, _sensors;
        private readonly double[] _gain, _offset;      // per channel: counts = ideal·(1+gain) + offset
        private readonly double[] _input;              // ideal counts (before error) of the value on each channel
        private readonly bool[] _open;
        private readonly long[] _sum;
        private readonly int[] _min, _max;             // per channel: extremes of this tick's conversions (the device may drop them)
        private readonly int[] _conversions;
        private readonly bool[] _failed;
        private readonly MonitorConfig _config;

        /// <summary>Creates the front end for <paramref name="cells"/> cells and <paramref name="sensors"/> sensors; errors are drawn from <paramref name="seed"/>.</summary>
        public Esp32AdcFrontEnd(int cells, int sensors, AdcModelOptions options, int seed)
        {
            if (cells < 1 || cells > MonitorConfig.MaxCells) throw new ArgumentOutOfRangeException(nameof(cells), $"cells must be 1..{MonitorConfig.MaxCells}");
            if (sensors < 0 || sensors > cells) throw new ArgumentOutOfRangeException(nameof(sensors), "sensors must be 0..cells");
            _o = options ?? throw new ArgumentNullException(nameof(options));
            if (_o.MaxCount < 255 || !(_o.CellFullScale_V > 0) || !(_o.CurrentFullScale_A > 0) || !(_o.TemperatureMax_C > _o.TemperatureMin_C) || _o.AveragingCount < 1)
                throw new ArgumentException("ADC options: max count ≥ 255, positive full scales, temperature max > min and averaging ≥ 1 required", nameof(options));
            _rng = new Random(seed);
            _cells = cells;
            _sensors = sensors;
            int ch = cells + 1 + sensors;
            _gain = new double[ch];
            _offset = new double[ch];
            _input = new double[ch];
            _open = new bool[ch];
            _sum = new long[ch];
            _min = new int[ch];
            _max = new int[ch];
            Array.Fill(_min, int.MaxValue);
            Array.Fill(_max, int.MinValue);
            _conversions = new int[ch];
            _failed = new bool[ch];
            for (int i = 0; i < ch; i++)
            {
                _gain[i] = _o.GainErrorSd * Normal();
                _offset[i] = _o.OffsetErrorSd_counts * Normal();
            }
            _config = BuildConfig();
        }

        /// <summary>The device config matching this front end (virtual layout, 12-bit range, two-point calibration per channel).</summary>
        public MonitorConfig Config => _config;

        /// <summary>Channel count (cells + current + sensors).</summary>
        public int ChannelCount => _gain.Length;

        /// <summary>Sets what the front end sees for the next tick: true cell voltages, current (positive = discharge) and sensor temperatures.</summary>
        public void SetInputs(ReadOnlySpan<double> cellVoltage_V, double current_A, ReadOnlySpan<double> sensorTemperature_C)
        {
            for (int i = 0; i < _cells; i++) _input[i] = cellVoltage_V[i] / _o.CellFullScale_V * _o.MaxCount;
            _input[_cells] = (current_A / (2 * _o.CurrentFullScale_A) + 0.5) * _o.MaxCount;
            for (int s = 0; s < _sensors; s++)
                _input[_cells + 1 + s] = (sensorTemperature_C[s] - _o.TemperatureMin_C) / (_o.TemperatureMax_C - _o.TemperatureMin_C) * _o.MaxCount;
            Array.Clear(_sum);
            Array.Fill(_min, int.MaxValue);
            Array.Fill(_max, int.MinValue);
            Array.Clear(_conversions);
            Array.Clear(_failed);
        }

        /// <summary>Opens (or reconnects) the sense wire of channel <paramref name="channel"/>: it then reads near zero.</summary>
        public void SetOpenWire(int channel, bool open) => _open[channel] = open;

        /// <inheritdoc />
        public int ReadRaw(int channel)
        {
            if ((uint)channel >= (uint)_gain.Length) return -1;
            int counts;
            if (_o.GlitchProbability > 0 && _rng.NextDouble() < _o.GlitchProbability)
                counts = _rng.Next(-1, _o.MaxCount + 1); // −1 = the driver reporting a failed conversion
            else
            {
                // An open tap floats to the pull-down: the input is zero and only offset and noise remain.
                double ideal = _open[channel] ? 0.0 : _input[channel];
                double c = ideal * (1 + _gain[channel]) + _offset[channel] + _o.Noise_counts * Normal();
                counts = (int)Math.Clamp(Math.Round(c), 0, _o.MaxCount);
            }
            if (counts < 0) _failed[channel] = true;
            else
            {
                _sum[channel] += counts;
                _conversions[channel]++;
                if (counts < _min[channel]) _min[channel] = counts;
                if (counts > _max[channel]) _max[channel] = counts;
            }
            return counts;
        }

        /// <summary>
        /// What the device computed for channel <paramref name="channel"/> from this tick's conversions (µV for cells, mA for
        /// current, dC for sensors): combined the way <see cref="PackMonitor.Tick"/> combines them — with at least 4
        /// conversions and <see cref="MonitorConfig.Averaging"/> = <see cref="ConversionAveraging.TrimExtremes"/> the lowest
        /// and the highest are dropped — then calibrated through the same <see cref="ChannelCalibration.Apply"/> (same
        /// rounding). Null when a conversion failed (the device flags the sample and keeps no value).
        /// </summary>
        public int? MeasuredValue(int channel)
        {
            int conversions = _conversions[channel];
            if (_failed[channel] || conversions == 0) return null;
            long sum = _sum[channel];
            if (conversions >= 4 && _config.Averaging == ConversionAveraging.TrimExtremes)
            {
                sum -= (long)_min[channel] + _max[channel];
                conversions -= 2;
            }
            var (g, off) = Calibration(channel);
            return ChannelCalibration.Apply(sum, conversions, g, off);
        }

        private (int Gain_Q16, int Offset) Calibration(int ch)
        {
            if (ch < _cells) return (_config.CellGain_Q16[ch], _config.CellOffset_uV[ch]);
            if (ch == _cells) return (_config.CurrentGain_Q16, _config.CurrentOffset_mA);
            int s = ch - _cells - 1;
            return (_config.TemperatureGain_Q16[s], _config.TemperatureOffset_dC[s]);
        }

        private MonitorConfig BuildConfig()
        {
            MonitorConfig c = MonitorConfig.CreateVirtual(_cells, _sensors);
            c.AdcMaxCount = _o.MaxCount;
            c.AveragingCount = _o.AveragingCount;
            // Provisioning calibrates each channel at two reference inputs (20 % and 80 % of the span) with long averaging,
            // so the calibration sees the channel's true transfer function without noise.
            for (int i = 0; i < _cells; i++)
            {
                double v1 = 0.2 * _o.CellFullScale_V, v2 = 0.8 * _o.CellFullScale_V;
                (c.CellGain_Q16[i], c.CellOffset_uV[i]) = TwoPoint(i, v1 * _o.MaxCount / _o.CellFullScale_V, (int)(v1 * 1e6), v2 * _o.MaxCount / _o.CellFullScale_V, (int)(v2 * 1e6));
            }
            double a1 = -0.6 * _o.CurrentFullScale_A, a2 = 0.6 * _o.CurrentFullScale_A;
            (c.CurrentGain_Q16, c.CurrentOffset_mA) = TwoPoint(_cells, (a1 / (2 * _o.CurrentFullScale_A) + 0.5) * _o.MaxCount, (int)(a1 * 1000),
                (a2 / (2 * _o.CurrentFullScale_A) + 0.5) * _o.MaxCount, (int)(a2 * 1000));
            double span = _o.TemperatureMax_C - _o.TemperatureMin_C;
            for (int s = 0; s < _sensors; s++)
            {
                double t1 = _o.TemperatureMin_C + 0.2 * span, t2 = _o.TemperatureMin_C + 0.8 * span;
                (c.TemperatureGain_Q16[s], c.TemperatureOffset_dC[s]) = TwoPoint(_cells + 1 + s, 0.2 * _o.MaxCount, (int)Math.Round(t1 * 10), 0.8 * _o.MaxCount, (int)Math.Round(t2 * 10));
            }
            string? bad = c.Validate();
            if (bad != null) throw new InvalidOperationException("ADC model gives an invalid device config: " + bad);
            return c;
        }

        // Gain/offset computed in double from the channel's true transfer function: the device's integer two-point helper
        // would lose the sub-count part of the reference readings, which a long-averaged calibration does resolve.
        private (int Gain_Q16, int Offset) TwoPoint(int ch, double ideal1, int value1, double ideal2, int value2)
        {
            double raw1 = ideal1 * (1 + _gain[ch]) + _offset[ch], raw2 = ideal2 * (1 + _gain[ch]) + _offset[ch];
            double perCount = (value2 - value1) / (raw2 - raw1);
            int gain = (int)Math.Round(perCount * 65536);
            int offset = (int)Math.Round(value1 - gain / 65536.0 * raw1);
            return (gain, offset);
        }

        private double Normal()
        {
            double u1 = 1.0 - _rng.NextDouble(), u2 = _rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}

using System;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.OnDevice.Tests.Simulation
{
    /// <summary>
    /// A series pack behind the virtual ADC (<see cref="VirtualAdc"/>): V_i = OCV_i − I·R_i + noise per conversion.
    /// Channel faults can be injected per channel. Reading allocates nothing (needed by the allocation test).
    /// </summary>
    public sealed class SimulatedPack : IAdcChannelReader
    {
        private readonly Random _rng;
        private readonly int _n;
        private readonly int _m;

        /// <summary>Per-cell ohmic resistance (Ω).</summary>
        public readonly double[] Resistance_Ohm;
        /// <summary>Per-cell open-circuit voltage (V).</summary>
        public readonly double[] Ocv_V;
        /// <summary>Per-sensor temperature (°C).</summary>
        public readonly double[] Temperature_C;
        /// <summary>Pack current (A, positive = discharge).</summary>
        public double Current_A;
        /// <summary>Gaussian noise σ per conversion on every cell channel (V).</summary>
        public double VoltageNoisePerConversion_V;
        /// <summary>Gaussian noise σ per conversion on the current channel (A).</summary>
        public double CurrentNoisePerConversion_A;
        /// <summary>Gaussian noise σ per conversion on temperature channels (°C).</summary>
        public double TemperatureNoise_C;
        /// <summary>Error added to the pack-voltage channel (channel N+1+M, 100 µV/count) (V).</summary>
        public double PackVoltageError_V;
        /// <summary>
        /// Probability that one conversion is a glitch: a count drawn uniformly over the channel's front-end span (cells
        /// 0..5 V, current ±100 A, temperature −40..125 °C), as a disturbed ESP32 SAR conversion returns (0 = none).
        /// </summary>
        public double GlitchProbability;
        /// <summary>Glitched conversions returned so far.</summary>
        public int Glitches { get; private set; }
        /// <summary>Per-channel override: when not null and entry ≥ 0 … returned instead of the simulated value; -2 = pass through.</summary>
        public readonly int[] ForcedRaw;

        public SimulatedPack(int cells, int sensors, int seed)
        {
            _n = cells;
            _m = sensors;
            _rng = new Random(seed);
            Resistance_Ohm = new double[cells];
            Ocv_V = new double[cells];
            Temperature_C = new double[sensors];
            ForcedRaw = new int[cells + 2 + sensors];
            for (int i = 0; i < ForcedRaw.Length; i++) ForcedRaw[i] = -2;
            for (int i = 0; i < cells; i++) { Resistance_Ohm[i] = 0.015; Ocv_V[i] = 3.7; }
            for (int s = 0; s < sensors; s++) Temperature_C[s] = 25.0;
        }

        public int Reads { get; private set; }

        public int ReadRaw(int channel)
        {
            Reads++;
            if (ForcedRaw[channel] != -2) return ForcedRaw[channel];
            if (GlitchProbability > 0 && _rng.NextDouble() < GlitchProbability && channel != _n + 1 + _m)
            {
                Glitches++;
                double u = _rng.NextDouble();
                if (channel < _n) return Clamp((long)Math.Round(u * 5.0e6 / VirtualAdc.Voltage_uVPerCount));
                if (channel == _n) return Clamp((long)Math.Round((u * 200.0 - 100.0) * 1000.0) + VirtualAdc.CurrentZero_counts);
                return Clamp((long)Math.Round((u * 165.0 - 40.0) * 10.0) + VirtualAdc.TemperatureZero_counts);
            }
            if (channel < _n)
            {
                double v = Ocv_V[channel] - Current_A * Resistance_Ohm[channel] + VoltageNoisePerConversion_V * Gaussian();
                return Clamp((long)Math.Round(v * 1e6 / VirtualAdc.Voltage_uVPerCount));
            }
            if (channel == _n)
            {
                double i = Current_A + CurrentNoisePerConversion_A * Gaussian();
                return Clamp((long)Math.Round(i * 1000.0) + VirtualAdc.CurrentZero_counts);
            }
            if (channel == _n + 1 + _m)
            {
                // Pack-voltage channel (the last one): 100 µV per count.
                double sum = PackVoltageError_V;
                for (int i = 0; i < _n; i++) sum += Ocv_V[i] - Current_A * Resistance_Ohm[i];
                return Clamp((long)Math.Round(sum * 1e4));
            }
            double t = Temperature_C[channel - _n - 1] + TemperatureNoise_C * Gaussian();
            return Clamp((long)Math.Round(t * 10.0) + VirtualAdc.TemperatureZero_counts);
        }

        private static int Clamp(long c) => (int)Math.Max(0, Math.Min(VirtualAdc.MaxCount, c));

        // Box–Muller without caching (no allocation, deterministic per seed).
        public double Gaussian()
        {
            double u1 = 1.0 - _rng.NextDouble();
            double u2 = _rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        public double Uniform() => _rng.NextDouble();
    }
}

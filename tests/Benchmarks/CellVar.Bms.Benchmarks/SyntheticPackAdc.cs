using System;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.Benchmarks
{
    /// <summary>
    /// A virtual ADC replaying a precomputed cycle of rig-like readings, so that <see cref="ReadRaw"/> costs an array
    /// lookup and the benchmark measures the monitor, not the data source. One cycle (600 ticks of 1 s): 90 s rest, then
    /// 10 A / 0 / −5 A / 0 / 5 A pulses (many |ΔI| ≥ 2 A steps for the resistance estimator), then a 90 s rest again, so
    /// with a short RestTime_ms every estimator (resistance, capacity at rest points, temperature) runs in the loop.
    /// Cells: OCV 3.7 V minus I·R with R = 18 mΩ ± 1 %, Gaussian noise 1 mV (seeded); sensors 25 °C + I²R heating.
    /// </summary>
    public sealed class SyntheticPackAdc : IAdcChannelReader
    {
        /// <summary>Ticks per cycle.</summary>
        public const int CycleTicks = 600;

        private readonly int[][] _counts; // [tick in cycle][channel]
        private int[] _row;
        private int _tick;

        /// <summary>Precomputes the cycle for <paramref name="cells"/> cells and one temperature sensor per cell.</summary>
        public SyntheticPackAdc(int cells, int seed)
        {
            var rng = new Random(seed);
            double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            var r = new double[cells];
            for (int i = 0; i < cells; i++) r[i] = 0.018 * (1 + 0.01 * Gauss());
            _counts = new int[CycleTicks][];
            double charge = 0;
            for (int k = 0; k < CycleTicks; k++)
            {
                double current = CurrentAt(k);
                charge += current / 3600.0;
                var row = new int[2 * cells + 1];
                for (int i = 0; i < cells; i++)
                {
                    double v = 3.7 - 0.02 * charge - current * r[i] + 0.001 * Gauss();
                    row[i] = VirtualAdc.VoltageToCounts((int)Math.Round(v * 1e6));
                    double t = 25 + current * current * r[i] * 5 + 0.05 * Gauss();
                    row[cells + 1 + i] = VirtualAdc.TemperatureToCounts((int)Math.Round(t * 10));
                }
                row[cells] = VirtualAdc.CurrentToCounts((int)Math.Round(current * 1000));
                _counts[k] = row;
            }
            _row = _counts[0];
        }

        private static double CurrentAt(int k)
        {
            if (k < 90 || k >= 510) return 0;
            int p = (k - 90) % 120;
            if (p < 20) return 10;
            if (p < 35) return 0;
            if (p < 45) return -5;
            if (p < 60) return 0;
            if (p < 100) return 5;
            return 0;
        }

        /// <summary>Moves to the next tick of the cycle.</summary>
        public void Advance()
        {
            _tick = _tick + 1 == CycleTicks ? 0 : _tick + 1;
            _row = _counts[_tick];
        }

        /// <inheritdoc/>
        public int ReadRaw(int channel) => _row[channel];
    }
}

using System;

namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>Seeded standard-normal draws (Box–Muller over <see cref="Random"/>, whose seeded sequence is stable across .NET versions).</summary>
    internal sealed class GaussianNoise
    {
        private readonly Random _rng;
        private double _spare;
        private bool _hasSpare;

        public GaussianNoise(int seed) => _rng = new Random(seed);

        /// <summary>One N(0, 1) draw.</summary>
        public double Next()
        {
            if (_hasSpare) { _hasSpare = false; return _spare; }
            double u1 = 1.0 - _rng.NextDouble(); // (0, 1], so the log is finite
            double u2 = _rng.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            _spare = r * Math.Sin(2 * Math.PI * u2);
            _hasSpare = true;
            return r * Math.Cos(2 * Math.PI * u2);
        }

        /// <summary>One N(mean, sd²) draw.</summary>
        public double Next(double mean, double sd) => mean + sd * Next();
    }
}

using System;

namespace CellVar.Bms.Population.Sampling
{
    /// <summary>
    /// Latin hypercube design for N points in d dimensions: one seeded permutation per dimension, and a jitter per
    /// (point, dimension) taken from the point's own stream, so points can be produced in any order.
    /// </summary>
    public sealed class LatinHypercube
    {
        private readonly int[][] _perm;
        private readonly long _seed;

        /// <summary>Builds the permutations for <paramref name="count"/> points.</summary>
        public LatinHypercube(int dimension, int count, long seed)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "LHS needs at least one point");
            Dimension = dimension; Count = count; _seed = seed;
            _perm = new int[dimension][];
            for (int d = 0; d < dimension; d++)
            {
                var p = new int[count];
                for (int i = 0; i < count; i++) p[i] = i;
                StreamRng.Create(seed, StreamRng.Purpose.Design, d).Shuffle(p);
                _perm[d] = p;
            }
        }

        /// <summary>Number of dimensions.</summary>
        public int Dimension { get; }
        /// <summary>Number of points.</summary>
        public int Count { get; }

        /// <summary>Writes point <paramref name="index"/> into <paramref name="u"/> (each coordinate in its own 1/N bin).</summary>
        public void Point(int index, Span<double> u)
        {
            var rng = StreamRng.Create(_seed, StreamRng.Purpose.Design, 1_000_000_000L + index);
            for (int d = 0; d < Dimension; d++) u[d] = (_perm[d][index] + rng.NextDouble()) / Count;
        }
    }
}

using System;

namespace CellVar.Bms.Population.Sampling
{
    /// <summary>
    /// Sobol' sequence in up to 32 dimensions (Joe &amp; Kuo 2008 "new-joe-kuo-6.21201" direction numbers), Gray-code
    /// order, randomised by a digital shift (XOR with a seeded 32-bit word per dimension). Point i is computed
    /// directly from i, so any thread can produce any point.
    /// </summary>
    public sealed class SobolSequence
    {
        /// <summary>Most dimensions supported.</summary>
        public const int MaxDimension = 32;
        private const int Bits = 32;

        // s, a, m_1..m_s for dimensions 2..32 (dimension 1 is van der Corput).
        private static readonly int[][] JoeKuo =
        {
            new[] {1,0,1}, new[] {2,1,1,3}, new[] {3,1,1,3,1}, new[] {3,2,1,1,1}, new[] {4,1,1,1,3,3}, new[] {4,4,1,3,5,13},
            new[] {5,2,1,1,5,5,17}, new[] {5,4,1,1,5,5,5}, new[] {5,7,1,1,7,11,19}, new[] {5,11,1,1,5,1,1}, new[] {5,13,1,1,1,3,11},
            new[] {5,14,1,3,5,5,31}, new[] {6,1,1,3,3,9,7,49}, new[] {6,13,1,1,1,15,21,21}, new[] {6,16,1,3,1,13,27,49},
            new[] {6,19,1,1,1,15,7,5}, new[] {6,22,1,3,1,15,13,25}, new[] {6,25,1,1,5,5,19,61}, new[] {7,1,1,3,7,11,23,15,103},
            new[] {7,4,1,3,7,13,13,15,69}, new[] {7,7,1,1,3,13,7,35,63}, new[] {7,8,1,3,5,9,1,25,53}, new[] {7,14,1,3,1,13,9,35,107},
            new[] {7,19,1,3,1,5,27,61,31}, new[] {7,21,1,1,5,11,19,41,61}, new[] {7,28,1,3,5,3,3,13,69}, new[] {7,31,1,1,7,13,1,19,1},
            new[] {7,32,1,3,7,5,13,19,59}, new[] {7,37,1,1,3,9,25,29,41}, new[] {7,41,1,3,5,13,23,1,55}, new[] {7,42,1,3,7,3,13,59,17},
        };

        private readonly uint[,] _v;
        private readonly uint[] _shift;

        /// <summary>Creates a sequence of <paramref name="dimension"/> dims; <paramref name="shiftSeed"/> 0 means no shift.</summary>
        public SobolSequence(int dimension, long shiftSeed)
        {
            if (dimension < 1 || dimension > MaxDimension) throw new ArgumentOutOfRangeException(nameof(dimension), $"Sobol' sampling supports 1..{MaxDimension} variables, got {dimension}");
            Dimension = dimension;
            _v = new uint[dimension, Bits];
            for (int k = 0; k < Bits; k++) _v[0, k] = 1u << (Bits - 1 - k);
            for (int d = 1; d < dimension; d++)
            {
                int[] row = JoeKuo[d - 1];
                int s = row[0], a = row[1];
                for (int k = 0; k < s && k < Bits; k++) _v[d, k] = (uint)row[2 + k] << (Bits - 1 - k);
                for (int k = s; k < Bits; k++)
                {
                    uint v = _v[d, k - s] ^ (_v[d, k - s] >> s);
                    for (int j = 1; j < s; j++)
                        if (((a >> (s - 1 - j)) & 1) != 0) v ^= _v[d, k - j];
                    _v[d, k] = v;
                }
            }
            _shift = new uint[dimension];
            if (shiftSeed != 0)
                for (int d = 0; d < dimension; d++) _shift[d] = (uint)StreamRng.Hash(shiftSeed, StreamRng.Purpose.Design, 1000 + d);
        }

        /// <summary>Number of dimensions.</summary>
        public int Dimension { get; }

        /// <summary>Writes point <paramref name="index"/> (0-based, Gray-code order) into <paramref name="u"/>, each in [0,1).</summary>
        public void Point(long index, Span<double> u)
        {
            ulong g = (ulong)index ^ ((ulong)index >> 1);
            for (int d = 0; d < Dimension; d++)
            {
                uint x = 0;
                ulong gg = g;
                for (int k = 0; gg != 0 && k < Bits; k++, gg >>= 1)
                    if ((gg & 1) != 0) x ^= _v[d, k];
                x ^= _shift[d];
                // Centre of the 2^-32 cell keeps Φ⁻¹ finite at the boundary.
                u[d] = (x + 0.5) / 4294967296.0;
            }
        }
    }
}

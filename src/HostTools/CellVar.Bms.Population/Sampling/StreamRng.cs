using System;

namespace CellVar.Bms.Population.Sampling
{
    /// <summary>
    /// Derives independent, reproducible random streams from (seed, purpose, index) with SplitMix64 hashing, so a cell's
    /// draws depend only on the seed and its index — never on thread scheduling.
    /// </summary>
    public static class StreamRng
    {
        /// <summary>Purpose tags keep lot, module, cell and defect streams apart.</summary>
        public enum Purpose : ulong
        {
            /// <summary>Lot-level latent normals.</summary>
            Lot = 1,
            /// <summary>Module-level latent normals.</summary>
            Module = 2,
            /// <summary>Cell-level latent normals and defect draws.</summary>
            Cell = 3,
            /// <summary>Latin-hypercube permutations and Sobol' shifts.</summary>
            Design = 4,
            /// <summary>Epistemic (outer-loop) draws.</summary>
            Epistemic = 5,
            /// <summary>Ageing trajectories.</summary>
            Ageing = 6,
            /// <summary>Pack-level draws (interconnect resistances).</summary>
            Pack = 7,
        }

        /// <summary>A seeded <see cref="Random"/> for one stream.</summary>
        public static Random Create(long seed, Purpose purpose, long index)
        {
            ulong h = Mix((ulong)seed ^ Mix((ulong)purpose * 0x9E3779B97F4A7C15UL + (ulong)index));
            return new Random((int)(h ^ (h >> 32)) & int.MaxValue);
        }

        /// <summary>64-bit hash of the three keys (used for Sobol' digital shifts).</summary>
        public static ulong Hash(long seed, Purpose purpose, long index) => Mix((ulong)seed ^ Mix((ulong)purpose * 0x9E3779B97F4A7C15UL + (ulong)index));

        private static ulong Mix(ulong z)
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

using System;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Distributions
{
    /// <summary>Standard-normal helpers shared by the samplers.</summary>
    public static class LatentMath
    {
        /// <summary>Φ(z), the standard normal CDF.</summary>
        public static double Phi(double z) => Normal.CDF(0, 1, z);

        /// <summary>Φ⁻¹(u) with u clamped into (0,1) so quasi-random points on the boundary stay finite.</summary>
        public static double PhiInv(double u)
        {
            const double eps = 1e-15;
            return Normal.InvCDF(0, 1, Math.Clamp(u, eps, 1 - eps));
        }

        /// <summary>One standard normal draw by Box–Muller (two uniforms, deterministic for a seeded Random).</summary>
        public static double StandardNormal(Random rng)
        {
            double u1 = 1.0 - rng.NextDouble();
            double u2 = rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}

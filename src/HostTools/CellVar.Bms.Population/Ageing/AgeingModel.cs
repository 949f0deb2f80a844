using System;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Sampling;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Ageing
{
    /// <summary>Hyper-parameters of <see cref="AgeingModel"/> (capacity in Ah, time in equivalent full cycles).</summary>
    public sealed record AgeingHyperParameters
    {
        /// <summary>Mean initial capacity [Ah].</summary>
        public double InitialMean_Ah { get; init; } = 1.838;
        /// <summary>Initial capacity sd [Ah] (quenched, manufacturing).</summary>
        public double InitialSd_Ah { get; init; } = 0.0049;
        /// <summary>Median SEI coefficient s in s·√n [Ah/√cycle].</summary>
        public double SeiMedian { get; init; } = 2.5e-3;
        /// <summary>Per-cell log-sd of the SEI coefficient.</summary>
        public double SeiSigmaLog { get; init; } = 0.1;
        /// <summary>Latent correlation between initial capacity and SEI rate.</summary>
        public double InitialSeiCorrelation { get; init; } = 0.0;
        /// <summary>Mean LAM (crack) loss per cycle of the gamma process [Ah/cycle].</summary>
        public double LamRate_Ah { get; init; } = 1e-4;
        /// <summary>Gamma-process scale [Ah]: the variance of the LAM loss grows as scale × mean.</summary>
        public double LamScale_Ah { get; init; } = 1e-3;
        /// <summary>Median cumulative loss at which the knee starts [Ah].</summary>
        public double KneeLossMedian_Ah { get; init; } = 0.25;
        /// <summary>Per-cell log-sd of the knee loss threshold.</summary>
        public double KneeSigmaLog { get; init; } = 0.1;
        /// <summary>Post-knee accelerated loss c·(n − n_knee)² coefficient [Ah/cycle²].</summary>
        public double KneeCurvature { get; init; } = 1e-6;
    }

    /// <summary>
    /// Stochastic capacity fade of a population: each cell has quenched (manufacturing) initial capacity, SEI rate and
    /// knee threshold, and a time-evolving loss of active material as a gamma process (independent, positive
    /// increments). Q(n) = Q0 − s·√n − LAM(n) − c·max(0, n − n_knee)², where n_knee is the first cycle at which the
    /// accumulated loss exceeds the cell's knee threshold (onset of lithium plating / electrode saturation).
    /// </summary>
    public static class AgeingModel
    {
        /// <summary>Cycle step of the simulation.</summary>
        public const double CycleStep = 10;

        /// <summary>
        /// Simulates <paramref name="cells"/> cells; returns initial capacity, capacity at each checkpoint and cycles to
        /// <paramref name="endOfLife_Ah"/> (linear interpolation inside the step; +∞ never happens within the 6000-cycle horizon for fading cells).
        /// </summary>
        public static (double[] Initial, double[][] AtCheckpoints, double[] Life) Simulate(AgeingHyperParameters h, int cells, long seed, double[] checkpoints, double endOfLife_Ah)
        {
            var initial = new double[cells]; var life = new double[cells]; var at = new double[cells][];
            double rho = Math.Clamp(h.InitialSeiCorrelation, -0.99, 0.99);
            for (int i = 0; i < cells; i++)
            {
                var rng = StreamRng.Create(seed, StreamRng.Purpose.Ageing, i);
                double z1 = LatentMath.StandardNormal(rng), z2 = LatentMath.StandardNormal(rng), z3 = LatentMath.StandardNormal(rng);
                double q0 = h.InitialMean_Ah + h.InitialSd_Ah * z1;
                double s = h.SeiMedian * Math.Exp(h.SeiSigmaLog * (rho * z1 + Math.Sqrt(1 - rho * rho) * z2));
                double knee = h.KneeLossMedian_Ah * Math.Exp(h.KneeSigmaLog * z3);
                double shapePerStep = h.LamRate_Ah * CycleStep / h.LamScale_Ah;
                double lam = 0, n = 0, nKnee = double.NaN, qPrev = q0;
                var cp = new double[checkpoints.Length];
                int next = 0;
                life[i] = double.NaN;
                initial[i] = q0;
                while (n < 6000 && (next < checkpoints.Length || double.IsNaN(life[i])))
                {
                    double nNew = n + CycleStep;
                    lam += Gamma.Sample(rng, shapePerStep, 1.0 / h.LamScale_Ah);
                    double loss = s * Math.Sqrt(nNew) + lam;
                    if (double.IsNaN(nKnee) && loss >= knee) nKnee = nNew;
                    if (!double.IsNaN(nKnee)) loss += h.KneeCurvature * (nNew - nKnee) * (nNew - nKnee);
                    double q = q0 - loss;
                    while (next < checkpoints.Length && checkpoints[next] <= nNew)
                    {
                        cp[next] = qPrev + (q - qPrev) * (checkpoints[next] - n) / CycleStep;
                        next++;
                    }
                    if (double.IsNaN(life[i]) && q <= endOfLife_Ah) life[i] = n + CycleStep * (qPrev - endOfLife_Ah) / (qPrev - q);
                    qPrev = q; n = nNew;
                }
                for (; next < checkpoints.Length; next++) cp[next] = qPrev;
                at[i] = cp;
            }
            return (initial, at, life);
        }
    }
}

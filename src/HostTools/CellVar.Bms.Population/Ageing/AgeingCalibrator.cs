using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CellVar.Bms.Population.Ageing
{
    /// <summary>
    /// Calibrates <see cref="AgeingHyperParameters"/> to population statistics by Nelder–Mead on a weighted squared
    /// mismatch of capacity means and CoVs at the checkpoints, life mean and CoV, and the initial-capacity/life
    /// correlation. The simulated population uses common random numbers (fixed seed) so the objective is smooth enough.
    /// Initial capacity mean and sd are taken from the targets directly.
    /// </summary>
    public static class AgeingCalibrator
    {
        /// <summary>Calibrates to <paramref name="t"/>; <paramref name="cells"/> simulated cells per objective evaluation.</summary>
        public static AgeingHyperParameters Calibrate(AgeingTargets t, double endOfLife_Ah, int cells = 400, long seed = 12345, int maxIterations = 1500)
        {
            var start = new AgeingHyperParameters { InitialMean_Ah = t.InitialMean_Ah, InitialSd_Ah = t.InitialCoV * t.InitialMean_Ah };
            AgeingHyperParameters Make(Vector<double> p) => start with
            {
                SeiMedian = Math.Exp(p[0]), SeiSigmaLog = Math.Exp(p[1]), LamRate_Ah = Math.Exp(p[2]), LamScale_Ah = Math.Exp(p[3]),
                KneeLossMedian_Ah = Math.Exp(p[4]), KneeSigmaLog = Math.Exp(p[5]), KneeCurvature = Math.Exp(p[6]), InitialSeiCorrelation = Math.Tanh(p[7]),
            };
            double best = double.MaxValue;
            Vector<double>? bestP = null;
            double Objective(Vector<double> p)
            {
                double e = Mismatch(p);
                if (e < best) { best = e; bestP = p.Clone(); }
                return e;
            }
            double Mismatch(Vector<double> p)
            {
                var h = Make(p);
                var (ini, at, life) = AgeingModel.Simulate(h, cells, seed, AgeingTargets.Checkpoints, endOfLife_Ah);
                if (life.Any(double.IsNaN)) return 1e6 + life.Count(double.IsNaN);
                var s = AgeingTargets.From(ini, at, life);
                double e = 0;
                for (int k = 0; k < AgeingTargets.Checkpoints.Length; k++)
                {
                    e += Sq((s.MeanAt_Ah[k] - t.MeanAt_Ah[k]) / 0.005);                 // 5 mAh on the mean curve
                    e += Sq(Math.Log(s.CoVAt[k] / t.CoVAt[k]) / 0.15);                  // 15 % on each CoV
                }
                e += Sq((s.LifeMean - t.LifeMean) / 15);                                  // 15 cycles on mean life
                e += Sq(Math.Log(s.LifeCoV / t.LifeCoV) / 0.1);                           // 10 % on life CoV
                e += Sq((s.InitialLifeCorrelation - t.InitialLifeCorrelation) / 0.05);   // 0.05 on r
                return e;
            }
            var x0 = Vector<double>.Build.DenseOfArray(new[] { Math.Log(2.5e-3), Math.Log(0.1), Math.Log(1e-4), Math.Log(1e-3), Math.Log(0.25), Math.Log(0.1), Math.Log(1e-6), 0.0 });
            var step = Vector<double>.Build.DenseOfArray(new[] { 0.5, 0.7, 0.7, 1.0, 0.4, 0.7, 1.0, 0.5 });
            // The iteration cap is the budget; the best point seen is kept whether or not the simplex converged.
            try { new NelderMeadSimplex(1e-6, maxIterations).FindMinimum(ObjectiveFunction.Value(Objective), x0, step); }
            catch (MaximumIterationsException) { }
            return Make(bestP ?? x0);
        }

        private static double Sq(double x) => x * x;
    }
}

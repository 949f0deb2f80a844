using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Inference.Fitting;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;
using MathNet.Numerics.LinearAlgebra;

namespace CellVar.Bms.Inference.Identifiability
{
    /// <summary>An independent measurement of one analysis parameter (e.g. gravimetric porosity, µ-CT tortuosity).</summary>
    /// <param name="Parameter">Analysis parameter name (eps, tau, …).</param>
    /// <param name="Sigma">Its standard deviation in the parameter's own units.</param>
    public sealed record ExtraMeasurement(string Parameter, double Sigma);

    /// <summary>One profile likelihood curve.</summary>
    /// <param name="Name">Parameter.</param>
    /// <param name="Factors">Parameter value / nominal at each grid point.</param>
    /// <param name="Drop">Profile log-likelihood drop from the maximum (NaN where the model could not run).</param>
    /// <param name="Lower">Lowest factor inside the 95 % profile region (NaN = the region reaches the grid end).</param>
    /// <param name="Upper">Highest factor inside the region (NaN = reaches the grid end).</param>
    public sealed record ProfileCurve(string Name, double[] Factors, double[] Drop, double Lower, double Upper)
    {
        /// <summary>True when the 95 % region ends inside the grid on both sides.</summary>
        public bool Bounded => double.IsFinite(Lower) && double.IsFinite(Upper);
    }

    /// <summary>Result of the local (Fisher) and profile-likelihood identifiability analysis; parameters on a log scale.</summary>
    public sealed record IdentifiabilityResult(
        IReadOnlyList<string> Names, double[] Nominal, double[,] Fisher, double[] Eigenvalues, double ConditionNumber,
        double[] RelativeSd, double[,] Correlation, double[] WeakestDirection, IReadOnlyList<ProfileCurve> Profiles, long ModelRuns, int Samples);

    /// <summary>
    /// Local identifiability from voltage data: output sensitivities ∂V(tₖ)/∂ln θⱼ by central differences, Fisher
    /// information F = SᵀS/σ² (+ 1/σ_rel² for independent measurements), its eigenvalues and condition number, the
    /// Cramér–Rao covariance F⁻¹ (relative SDs, correlations), and profile likelihoods on noise-free synthetic data
    /// (the expected profile: flat means the data cannot tell the values apart at any noise level of this size).
    /// </summary>
    public static class IdentifiabilityAnalysis
    {
        // 95 % profile region: log-likelihood drop below χ²₁(0.95)/2.
        private const double Cut = 1.920729;

        /// <summary>Runs the analysis.</summary>
        public static IdentifiabilityResult Run(ICellModel model, CellParameterMap map, VoltageExperiment experiment, double noise_V,
            IReadOnlyList<ExtraMeasurement> extra, double[]? profileFactors = null, double fdStep = 1e-3)
        {
            try
            {
                return RunCore(model, map, experiment, noise_V, extra, profileFactors, fdStep);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0 && ex.InnerExceptions[0] is InvalidInputException inner)
            {
                throw inner;
            }
        }

        private static IdentifiabilityResult RunCore(ICellModel model, CellParameterMap map, VoltageExperiment experiment, double noise_V,
            IReadOnlyList<ExtraMeasurement> extra, double[]? profileFactors = null, double fdStep = 1e-3)
        {
            if (!(noise_V > 0)) throw new InvalidInputException($"Voltage noise {noise_V} V must be > 0.", "Use e.g. --noise-mV 1.");
            foreach (ExtraMeasurement e in extra)
            {
                if (!map.Names.Contains(e.Parameter))
                    throw new InvalidInputException($"Extra measurement of '{e.Parameter}' but that parameter is not in --params.", "Add it to --params or drop the measurement.");
                if (!(e.Sigma > 0)) throw new InvalidInputException($"Extra measurement of '{e.Parameter}' has sigma {e.Sigma}; it must be > 0.", "Give a positive standard deviation, e.g. porosity:0.01.");
            }
            int d = map.Names.Count;
            long runs = 0;
            double[] logNominal = map.NominalValues.Select(v => Math.Log(v)).ToArray();
            double[] v0 = Simulate(model, map, experiment, map.NominalValues);
            runs++;
            int n = v0.Length;
            var sens = new double[d][];
            Parallel.For(0, d, j =>
            {
                double[] up = (double[])logNominal.Clone(), dn = (double[])logNominal.Clone();
                up[j] += fdStep;
                dn[j] -= fdStep;
                double[] vu = Simulate(model, map, experiment, up.Select(Math.Exp).ToArray());
                double[] vd = Simulate(model, map, experiment, dn.Select(Math.Exp).ToArray());
                sens[j] = vu.Select((v, k) => (v - vd[k]) / (2 * fdStep)).ToArray();
            });
            runs += 2 * d;
            var s = Matrix<double>.Build.Dense(n, d, (k, j) => sens[j][k]);
            Matrix<double> fisher = s.TransposeThisAndMultiply(s) / (noise_V * noise_V);
            foreach (ExtraMeasurement e in extra)
            {
                int j = map.Names.ToList().IndexOf(e.Parameter);
                double rel = e.Sigma / map.NominalValues[j];
                fisher[j, j] += 1 / (rel * rel);
            }
            var evd = fisher.Evd(Symmetricity.Symmetric);
            double[] eig = evd.EigenValues.Select(c => c.Real).ToArray();
            int iMin = Array.IndexOf(eig, eig.Min());
            double[] weakest = evd.EigenVectors.Column(iMin).ToArray();
            double scale = weakest[Array.IndexOf(weakest.Select(Math.Abs).ToArray(), weakest.Select(Math.Abs).Max())];
            weakest = weakest.Select(w => w / scale).ToArray();
            double cond = eig.Max() / Math.Max(eig.Min(), double.Epsilon);
            Matrix<double> cov = fisher.PseudoInverse();
            double[] sd = Enumerable.Range(0, d).Select(j => Math.Sqrt(Math.Max(0, cov[j, j]))).ToArray();
            var corr = new double[d, d];
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    corr[a, b] = cov[a, b] / (sd[a] * sd[b]);

            var profiles = new List<ProfileCurve>();
            double[] factors = profileFactors ?? Enumerable.Range(0, 13).Select(i => Math.Pow(2, (i - 6) / 6.0)).ToArray();
            long profileRuns = 0;
            Parallel.For(0, d, () => 0L, (j, _, local) =>
            {
                var drop = new double[factors.Length];
                double[] warm = (double[])logNominal.Clone();
                int centre = Array.IndexOf(factors, factors.OrderBy(f => Math.Abs(f - 1)).First());
                // Walk outwards from the nominal point so each inner fit starts from its neighbour's optimum.
                foreach (int side in new[] { -1, +1 })
                {
                    Array.Copy(logNominal, warm, d);
                    for (int i = side < 0 ? centre : centre + 1; i >= 0 && i < factors.Length; i += side)
                    {
                        double lj = logNominal[j] + Math.Log(factors[i]);
                        int[] others = Enumerable.Range(0, d).Where(k => k != j).ToArray();
                        double Objective(double[] o)
                        {
                            var full = new double[d];
                            full[j] = lj;
                            for (int k = 0; k < others.Length; k++) full[others[k]] = o[k];
                            local++;
                            return NegLogLik(model, map, experiment, v0, noise_V, extra, full.Select(Math.Exp).ToArray());
                        }
                        double[] o0 = others.Select(k => warm[k]).ToArray();
                        double[] best = others.Length == 0 ? o0 : DistributionFamily.MinimiseNelderMead(Objective, o0, 1e-7, 1, 0.02);
                        double val = Objective(best);
                        drop[i] = double.IsFinite(val) && val < 1e299 ? val : double.NaN;
                        if (double.IsFinite(drop[i]))
                            for (int k = 0; k < others.Length; k++) warm[others[k]] = best[k];
                    }
                }
                var (lo, hi) = Region(factors, drop);
                lock (profiles) profiles.Add(new ProfileCurve(map.Names[j], factors, drop, lo, hi));
                return local;
            }, local => Interlocked.Add(ref profileRuns, local));
            runs += profileRuns;
            var ordered = map.Names.Select(nm => profiles.First(p => p.Name == nm)).ToList();
            return new IdentifiabilityResult(map.Names, map.NominalValues, fisher.ToArray(), eig, cond, sd, corr, weakest, ordered, runs, n);
        }

        private static (double Lo, double Hi) Region(double[] f, double[] drop)
        {
            int c = Array.IndexOf(f, f.OrderBy(x => Math.Abs(x - 1)).First());
            double lo = double.NaN, hi = double.NaN;
            for (int i = c; i > 0; i--)
                if (drop[i - 1] > Cut || double.IsNaN(drop[i - 1])) { lo = Interp(f[i], drop[i], f[i - 1], drop[i - 1]); break; }
            for (int i = c; i < f.Length - 1; i++)
                if (drop[i + 1] > Cut || double.IsNaN(drop[i + 1])) { hi = Interp(f[i], drop[i], f[i + 1], drop[i + 1]); break; }
            return (lo, hi);
        }

        // Where the drop crosses the cut-off between two grid points; NaN when the outer point failed to run.
        // √drop is linear in ln factor for a locally quadratic profile, so interpolating it is exact in that limit.
        private static double Interp(double fIn, double dIn, double fOut, double dOut)
        {
            if (double.IsNaN(dOut)) return double.NaN;
            double t = (Math.Sqrt(Cut) - Math.Sqrt(Math.Max(0, dIn))) / (Math.Sqrt(dOut) - Math.Sqrt(Math.Max(0, dIn)));
            return Math.Exp(Math.Log(fIn) + t * (Math.Log(fOut) - Math.Log(fIn)));
        }

        private static double NegLogLik(ICellModel model, CellParameterMap map, VoltageExperiment e, double[] data, double noise, IReadOnlyList<ExtraMeasurement> extra, double[] values)
        {
            double[] v;
            try
            {
                v = Simulate(model, map, e, values);
            }
            catch (InvalidInputException)
            {
                return 1e300; // outside the model's valid parameter range: treat as impossible
            }
            double ssr = 0;
            for (int k = 0; k < v.Length; k++) ssr += (v[k] - data[k]) * (v[k] - data[k]);
            double nll = ssr / (2 * noise * noise);
            foreach (ExtraMeasurement m in extra)
            {
                int j = map.Names.ToList().IndexOf(m.Parameter);
                double z = (values[j] - map.NominalValues[j]) / m.Sigma;
                nll += 0.5 * z * z;
            }
            return nll;
        }

        /// <summary>Voltages at the sample times for the given analysis-parameter values.</summary>
        public static double[] Simulate(ICellModel model, CellParameterMap map, VoltageExperiment e, double[] values)
        {
            CellParameters p;
            try
            {
                p = map.Apply(values);
                p.Validate();
            }
            catch (ParameterException ex)
            {
                throw new InvalidInputException("Parameter values outside the model's valid range: " + ex.Message, "Analyse a smaller range or another region.");
            }
            SimulationResult r = model.Simulate(p, e.Profile, new SimulationOptions
            {
                InitialSoc = e.InitialSoc,
                TimeStep_s = e.TimeStep_s,
                OutputTimes_s = e.SampleTimes_s,
                RecordInternals = false,
            });
            if (r.Termination != TerminationReason.ProfileCompleted)
                throw new InvalidInputException($"The experiment stopped early ({r.TerminationMessage}).", "Use a milder experiment (lower current, shorter, or a mid-range starting SOC).");
            var v = new double[e.SampleTimes_s.Length];
            int k = 0;
            for (int i = 0; i < r.Count && k < v.Length; i++)
                if (Math.Abs(r.Time_s[i] - e.SampleTimes_s[k]) < 1e-6) v[k++] = r.Voltage_V[i];
            if (k != v.Length)
                throw new InvalidOperationException($"model returned {k} of {v.Length} sample times");
            return v;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Differentiation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.RootFinding;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>
    /// A parametric family fitted by maximum likelihood. Parameters are "natural" (as users read them);
    /// the optimiser works in unconstrained coordinates given by <see cref="Transforms"/>.
    /// </summary>
    public abstract class DistributionFamily
    {
        /// <summary>Short name used on the command line and in output (e.g. "weibull").</summary>
        public abstract string Name { get; }

        /// <summary>Names of the natural parameters.</summary>
        public abstract IReadOnlyList<string> ParameterNames { get; }

        /// <summary>Transform of each natural parameter to its optimisation coordinate.</summary>
        public abstract IReadOnlyList<ParameterTransform> Transforms { get; }

        /// <summary>Fewest uncensored observations for a meaningful fit (about three per parameter, at least five).</summary>
        public virtual int MinimumObservations => Math.Max(5, 3 * ParameterNames.Count);

        /// <summary>True when the family lives on (0, ∞) and needs positive data.</summary>
        public abstract bool RequiresPositiveData { get; }

        /// <summary>True when right-censored values are supported.</summary>
        public virtual bool SupportsCensoring => true;

        /// <summary>Log density at x.</summary>
        public abstract double LogDensity(double[] p, double x);

        /// <summary>Cumulative distribution at x.</summary>
        public abstract double Cdf(double[] p, double x);

        /// <summary>One random draw.</summary>
        public abstract double Draw(double[] p, Random rng);

        /// <summary>Starting values (natural parameters) from the data.</summary>
        protected abstract double[] InitialGuess(ObservedSample sample);

        /// <summary>Log survival log(1 − F(x)); override where a more accurate form exists.</summary>
        public virtual double LogSurvival(double[] p, double x) => Math.Log(Math.Max(1e-300, 1 - Cdf(p, x)));

        /// <summary>Quantile by root finding on the CDF; override where a closed form exists.</summary>
        public virtual double Quantile(double[] p, double probability)
        {
            double lo = -1, hi = 1;
            if (RequiresPositiveData) { lo = 1e-300; hi = 1; }
            int guard = 0;
            while (Cdf(p, hi) < probability && guard++ < 2000) hi = hi > 0 ? hi * 2 : 1;
            guard = 0;
            while (!RequiresPositiveData && Cdf(p, lo) > probability && guard++ < 2000) lo = lo < 0 ? lo * 2 : -1;
            return Bisection.FindRoot(x => Cdf(p, x) - probability, lo, hi, 1e-12 * Math.Max(1, Math.Abs(hi)), 400);
        }

        /// <summary>Log-likelihood of the sample, censored values contributing their log survival.</summary>
        public double LogLikelihood(double[] p, ObservedSample sample)
        {
            double sum = 0;
            for (int i = 0; i < sample.Count; i++)
                sum += sample.Censored[i] ? LogSurvival(p, sample.Values[i]) : LogDensity(p, sample.Values[i]);
            return sum;
        }

        /// <summary>
        /// Why this family cannot be fitted to the sample, or null when it can.
        /// The text says what is wrong and what would fix it.
        /// </summary>
        public virtual string? Unsuitable(ObservedSample sample)
        {
            if (sample.ObservedCount < MinimumObservations)
                return $"{Name} needs at least {MinimumObservations} uncensored observations but '{sample.Name}' has {sample.ObservedCount}; collect more data or choose a family with fewer parameters.";
            if (RequiresPositiveData && !sample.AllPositive)
                return $"{Name} needs strictly positive data but '{sample.Name}' has values <= 0 (minimum {sample.Values.Min()}); shift or transform the data, or use normal/student-t.";
            if (sample.HasCensoring && !SupportsCensoring)
                return $"{Name} does not support censored data; drop --censored-by or use another family.";
            double first = sample.Values[0];
            if (sample.Values.All(v => v == first))
                return $"all values of '{sample.Name}' equal {first}, so no spread can be estimated; check the column or measurement resolution.";
            return null;
        }

        /// <summary>Maximum-likelihood fit with Wald intervals from the observed information.</summary>
        public virtual FittedDistribution Fit(ObservedSample sample, double[]? start = null)
        {
            string? problem = Unsuitable(sample);
            if (problem != null)
                throw new InvalidInputException(problem, "See the message above.");
            double[] theta0 = ToTheta(start ?? InitialGuess(sample));
            Func<double[], double> nll = t =>
            {
                double ll = LogLikelihood(ToNatural(t), sample);
                return double.IsFinite(ll) ? -ll : 1e300;
            };
            double[] theta = MinimiseNelderMead(nll, theta0);
            return Finish(sample, theta, nll);
        }

        /// <summary>Builds the result from the optimum, including the observed-information intervals.</summary>
        protected FittedDistribution Finish(ObservedSample sample, double[] theta, Func<double[], double> negLogLik)
        {
            double[] natural = ToNatural(theta);
            double ll = -negLogLik(theta);
            double[] se = ThetaStandardErrors(theta, negLogLik);
            var lower = new double[theta.Length];
            var upper = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                // 95 % Wald interval in the unconstrained coordinate, mapped back: keeps positive parameters positive.
                lower[i] = Back(Transforms[i], theta[i] - 1.959964 * se[i]);
                upper[i] = Back(Transforms[i], theta[i] + 1.959964 * se[i]);
            }
            return new FittedDistribution(this, natural, ll, sample.Count, lower, upper);
        }

        /// <summary>Natural → optimisation coordinates.</summary>
        public double[] ToTheta(double[] natural)
        {
            var t = new double[natural.Length];
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = Transforms[i] switch
                {
                    ParameterTransform.Log => Math.Log(natural[i]),
                    ParameterTransform.Logit => Math.Log(natural[i] / (1 - natural[i])),
                    _ => natural[i],
                };
            }
            return t;
        }

        /// <summary>Optimisation → natural coordinates.</summary>
        public double[] ToNatural(double[] theta)
        {
            var p = new double[theta.Length];
            for (int i = 0; i < p.Length; i++)
                p[i] = Back(Transforms[i], theta[i]);
            return p;
        }

        private static double Back(ParameterTransform t, double v) => t switch
        {
            ParameterTransform.Log => Math.Exp(v),
            ParameterTransform.Logit => 1 / (1 + Math.Exp(-v)),
            _ => v,
        };

        /// <summary>Nelder–Mead (MathNet) with one restart from the first optimum, which fixes most premature stops.</summary>
        internal static double[] MinimiseNelderMead(Func<double[], double> f, double[] start, double tolerance = 1e-12, int rounds = 2, double minStep = 0.05)
        {
            var objective = ObjectiveFunction.Value(v => f(v.ToArray()));
            var solver = new NelderMeadSimplex(tolerance, 20000);
            Vector<double> x = Vector<double>.Build.DenseOfArray(start);
            for (int round = 0; round < rounds; round++)
            {
                Vector<double> step = x.Map(v => Math.Max(minStep, 0.1 * Math.Abs(v)));
                try
                {
                    x = solver.FindMinimum(objective, x, step).MinimizingPoint;
                }
                catch (MaximumIterationsException)
                {
                    // Keep the starting point of this round; the restart (or the caller's checks) handles it.
                }
            }
            return x.ToArray();
        }

        /// <summary>Standard errors from the inverse numerical Hessian of the negative log-likelihood; NaN when it is singular.</summary>
        internal static double[] ThetaStandardErrors(double[] theta, Func<double[], double> negLogLik)
        {
            var hessian = new NumericalHessian();
            double[,] h = hessian.Evaluate(negLogLik, theta);
            var m = Matrix<double>.Build.DenseOfArray(h);
            var se = new double[theta.Length];
            try
            {
                var cov = m.Inverse();
                for (int i = 0; i < se.Length; i++)
                    se[i] = cov[i, i] > 0 ? Math.Sqrt(cov[i, i]) : double.NaN;
            }
            catch (Exception)
            {
                for (int i = 0; i < se.Length; i++) se[i] = double.NaN;
            }
            for (int i = 0; i < se.Length; i++)
                if (!double.IsFinite(se[i])) se[i] = double.NaN;
            return se;
        }

        /// <summary>Sample mean and standard deviation of the uncensored values.</summary>
        protected static (double Mean, double Sd) Moments(IEnumerable<double> values)
        {
            double[] v = values.ToArray();
            double mean = v.Average();
            double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1));
            return (mean, sd);
        }
    }
}

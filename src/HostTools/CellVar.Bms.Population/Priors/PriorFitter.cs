using System;
using System.Linq;
using CellVar.Bms.Population.Distributions;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.Priors
{
    /// <summary>Fits prior families to a sample (maximum likelihood; EM for the defect mixture) and sets thresholds.</summary>
    public static class PriorFitter
    {
        /// <summary>Families a prior may use.</summary>
        public static readonly string[] Families = { "normal", "lognormal", "student_t", "normal_defect_mixture" };

        /// <summary>
        /// Fits <paramref name="family"/> to <paramref name="x"/> and returns the quantity with thresholds for a daily false-alarm budget.
        /// Thresholds are exact quantiles of the healthy part: the bulk of a mixture, the whole distribution otherwise.
        /// </summary>
        public static PriorQuantity Fit(string name, string unit, string family, double[] x, double falseAlarmPerDay, double testsPerDay, bool high, bool low)
        {
            var data = x.Where(double.IsFinite).ToArray();
            if (data.Length < 10) throw new ArgumentException($"{name}: need at least 10 finite values to fit a prior, got {data.Length}");
            double alpha = FalseAlarm.PerTest(falseAlarmPerDay, testsPerDay);
            IMarginal healthy;
            PriorQuantity q;
            switch (family)
            {
                case "normal":
                {
                    var m = new NormalMarginal(data.Mean(), Positive(data.StandardDeviation(), name));
                    healthy = m;
                    q = Base(name, unit, family, m.Location, m.Sd);
                    break;
                }
                case "lognormal":
                {
                    if (data.Any(v => v <= 0)) throw new ArgumentException($"{name}: lognormal needs positive values");
                    var logs = data.Select(v => Math.Log(v)).ToArray();
                    var m = new LogNormalMarginal(Math.Exp(logs.Mean()), Positive(logs.StandardDeviation(), name));
                    healthy = m;
                    q = Base(name, unit, family, m.Median, m.SigmaLog);
                    break;
                }
                case "student_t":
                {
                    var m = FitStudentT(data, name);
                    healthy = m;
                    q = Base(name, unit, family, m.Location, m.Scale) with { Df = m.Df };
                    break;
                }
                case "normal_defect_mixture":
                {
                    var m = FitMixture(data, name);
                    healthy = m.Bulk;
                    q = Base(name, unit, family, m.Bulk.Location, m.Bulk.Sd) with
                    { DefectWeight = m.DefectWeight, DefectLocation = m.Defect.Median, DefectScale = m.Defect.SigmaLog };
                    break;
                }
                default: throw new ArgumentException($"{name}: unknown family \"{family}\" ({string.Join(", ", Families)})");
            }
            return q with
            {
                FalseAlarmPerCellDay = falseAlarmPerDay,
                ThresholdHigh = high ? FalseAlarm.High(healthy, alpha) : null,
                ThresholdLow = low ? FalseAlarm.Low(healthy, alpha) : null,
            };
        }

        private static PriorQuantity Base(string name, string unit, string family, double loc, double scale) =>
            new() { Name = name, Unit = unit, Family = family, Location = loc, Scale = scale };

        private static double Positive(double sd, string name) =>
            sd > 0 && double.IsFinite(sd) ? sd : throw new ArgumentException($"{name}: values have no spread (sd = {sd}); cannot fit a prior");

        /// <summary>Student-t maximum likelihood by Nelder–Mead over (location, ln scale, ln df), started from the median and MAD.</summary>
        internal static StudentTMarginal FitStudentT(double[] x, string name)
        {
            double med = x.Median();
            double mad = x.Select(v => Math.Abs(v - med)).Median() * 1.4826;
            if (!(mad > 0)) mad = Positive(x.StandardDeviation(), name);
            double Nll(Vector<double> p)
            {
                double loc = med + p[0] * mad, sc = mad * Math.Exp(p[1]), df = Math.Exp(p[2]);
                if (df > 1e4 || df < 0.05) return 1e300;
                double s = 0;
                foreach (double v in x) s -= StudentT.PDFLn(loc, sc, df, v);
                return s;
            }
            var r = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Nll), Vector<double>.Build.DenseOfArray(new[] { 0.0, 0.0, Math.Log(5) }), 1e-10, 5000);
            var p = r.MinimizingPoint;
            return new StudentTMarginal(med + p[0] * mad, mad * Math.Exp(p[1]), Math.Exp(p[2]));
        }

        /// <summary>
        /// EM for a normal bulk plus a log-normal defect component. Starts from a robust split (values beyond median + 6·MAD
        /// are defect candidates); with no candidates the defect weight is 0 and the defect component is a placeholder
        /// (median 3× the bulk mean, sigma 0.5) so the file stays valid.
        /// </summary>
        internal static DefectMixtureMarginal FitMixture(double[] x, string name)
        {
            double med = x.Median();
            double mad = x.Select(v => Math.Abs(v - med)).Median() * 1.4826;
            if (!(mad > 0)) mad = Positive(x.StandardDeviation(), name);
            var cand = x.Where(v => v > med + 6 * mad && v > 0).ToArray();
            var bulk0 = x.Where(v => v <= med + 6 * mad).ToArray();
            double mu = bulk0.Mean(), sd = Positive(bulk0.StandardDeviation(), name);
            if (cand.Length == 0) return new DefectMixtureMarginal(mu, sd, 0, Math.Max(3 * Math.Abs(mu), 1e-12), 0.5);
            double w = (double)cand.Length / x.Length;
            double lm = cand.Select(v => Math.Log(v)).Average();
            double ls = cand.Length > 1 ? Math.Max(cand.Select(v => Math.Log(v)).StandardDeviation(), 0.05) : 0.5;
            var resp = new double[x.Length];
            for (int it = 0; it < 200; it++)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    double pb = (1 - w) * Normal.PDF(mu, sd, x[i]);
                    double pd = x[i] > 0 ? w * LogNormal.PDF(lm, ls, x[i]) : 0;
                    resp[i] = pb + pd > 0 ? pd / (pb + pd) : (x[i] > mu ? 1 : 0);
                }
                double sw = resp.Sum();
                double wNew = sw / x.Length;
                double sb = x.Length - sw;
                double muNew = Enumerable.Range(0, x.Length).Sum(i => (1 - resp[i]) * x[i]) / sb;
                double sdNew = Math.Sqrt(Enumerable.Range(0, x.Length).Sum(i => (1 - resp[i]) * (x[i] - muNew) * (x[i] - muNew)) / sb);
                double lmNew = lm, lsNew = ls;
                if (sw > 1e-9)
                {
                    lmNew = Enumerable.Range(0, x.Length).Where(i => x[i] > 0).Sum(i => resp[i] * Math.Log(x[i])) / sw;
                    lsNew = Math.Max(Math.Sqrt(Enumerable.Range(0, x.Length).Where(i => x[i] > 0).Sum(i => resp[i] * Math.Pow(Math.Log(x[i]) - lmNew, 2)) / sw), 0.02);
                }
                bool converged = Math.Abs(wNew - w) < 1e-10 && Math.Abs(muNew - mu) < 1e-12 * Math.Max(1, Math.Abs(mu));
                w = wNew; mu = muNew; sd = Positive(sdNew, name); lm = lmNew; ls = lsNew;
                if (converged) break;
            }
            return new DefectMixtureMarginal(mu, sd, Math.Min(w, 0.5), Math.Exp(lm), ls);
        }
    }
}

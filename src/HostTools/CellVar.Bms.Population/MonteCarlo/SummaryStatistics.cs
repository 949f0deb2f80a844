using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>Summary of one column: n, mean, sd, CoV, skewness and quantiles.</summary>
    /// <param name="Column">Column name.</param>
    /// <param name="Count">Number of values.</param>
    /// <param name="Mean">Sample mean.</param>
    /// <param name="Sd">Sample standard deviation.</param>
    /// <param name="Skewness">Sample skewness (0 when n &lt; 3).</param>
    /// <param name="P01">1st percentile.</param>
    /// <param name="P50">Median.</param>
    /// <param name="P99">99th percentile.</param>
    public sealed record SummaryStatistics(string Column, int Count, double Mean, double Sd, double Skewness, double P01, double P50, double P99)
    {
        /// <summary>Coefficient of variation sd/|mean| (0 when the mean is 0).</summary>
        public double CoV => Mean == 0 ? 0 : Sd / Math.Abs(Mean);

        /// <summary>Computes the summary of finite values (non-finite ones are ignored).</summary>
        public static SummaryStatistics Of(string column, IEnumerable<double> values)
        {
            var x = values.Where(double.IsFinite).ToArray();
            if (x.Length == 0) return new SummaryStatistics(column, 0, 0, 0, 0, 0, 0, 0);
            double sd = x.Length > 1 ? x.StandardDeviation() : 0;
            double skew = x.Length > 2 && sd > 0 ? x.Skewness() : 0;
            return new SummaryStatistics(column, x.Length, x.Mean(), sd, skew, x.Quantile(0.01), x.Median(), x.Quantile(0.99));
        }
    }
}

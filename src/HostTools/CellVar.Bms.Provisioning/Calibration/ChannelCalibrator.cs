using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;

namespace CellVar.Bms.Provisioning.Calibration
{
    /// <summary>
    /// Fits each signal's raw counts to the reference meter: exactly through two points, or by ordinary least squares
    /// (Math.NET <see cref="Fit.Line"/>) over three or more. Least squares averages meter and ADC noise and, over the
    /// working window only, absorbs most of the ESP32's curvature there (hardware/README.md).
    /// </summary>
    public static class ChannelCalibrator
    {
        /// <summary>Fits every signal in <paramref name="readings"/>; a signal with fewer than two distinct raw counts is an error.</summary>
        public static IReadOnlyList<ChannelFit> FitAll(IReadOnlyList<CalibrationReading> readings)
        {
            var fits = new List<ChannelFit>();
            foreach (IGrouping<string, CalibrationReading> g in readings.GroupBy(r => r.Signal).OrderBy(g => SortKey(g.Key)))
                fits.Add(FitOne(g.Key, g.ToList()));
            return fits;
        }

        /// <summary>Fits one signal.</summary>
        public static ChannelFit FitOne(string signal, IReadOnlyList<CalibrationReading> points)
        {
            if (points.Count < 2)
                throw new ProvisioningException($"{signal}: needs at least two readings (line {points[0].Line} is the only one)");
            double[] x = points.Select(p => p.RawCounts).ToArray();
            double[] y = points.Select(p => p.Reference).ToArray();
            double span = x.Max() - x.Min();
            if (span < 1.0)
                throw new ProvisioningException($"{signal}: raw counts span {span:0.##} counts (lines {string.Join(", ", points.Select(p => p.Line))}); apply reference values at least 10 % of full scale apart");
            double slope, intercept;
            string method;
            if (points.Count == 2)
            {
                slope = (y[1] - y[0]) / (x[1] - x[0]);
                intercept = y[0] - slope * x[0];
                method = "two-point";
            }
            else
            {
                (intercept, slope) = Fit.Line(x, y);
                method = "least-squares";
            }
            if (slope == 0 || !double.IsFinite(slope) || !double.IsFinite(intercept))
                throw new ProvisioningException($"{signal}: the readings give no usable gain (slope {slope})");
            double max = 0, sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double r = y[i] - (slope * x[i] + intercept);
                max = Math.Max(max, Math.Abs(r));
                sum += r * r;
            }
            return new ChannelFit(signal, points.Count, method, slope, intercept, max, Math.Sqrt(sum / x.Length));
        }

        private static int SortKey(string signal) =>
            signal.StartsWith("cell", StringComparison.Ordinal) ? int.Parse(signal.AsSpan(4)) : signal == "current" ? 1000 : 1001;
    }
}

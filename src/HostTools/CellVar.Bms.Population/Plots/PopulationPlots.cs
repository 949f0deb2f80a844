using System;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CellVar.Bms.Population.Plots
{
    /// <summary>PNG plots of one output column: histogram with the fitted normal density, and a normal QQ plot.</summary>
    public static class PopulationPlots
    {
        /// <summary>Writes a density-normalised histogram with the ML normal density overlaid.</summary>
        public static void Histogram(double[] values, string title, string path, int bins = 40)
        {
            var x = values.Where(double.IsFinite).ToArray();
            if (x.Length < 2) return;
            double lo = x.Min(), hi = x.Max();
            if (!(hi > lo)) hi = lo + 1e-12;
            double w = (hi - lo) / bins;
            var counts = new double[bins];
            foreach (double v in x) counts[Math.Min(bins - 1, (int)((v - lo) / w))]++;
            var centres = Enumerable.Range(0, bins).Select(i => lo + (i + 0.5) * w).ToArray();
            var density = counts.Select(c => c / (x.Length * w)).ToArray();
            var plt = new ScottPlot.Plot();
            var bars = plt.Add.Bars(centres, density);
            foreach (var b in bars.Bars) b.Size = w * 0.95;
            double mu = x.Mean(), sd = x.StandardDeviation();
            var fx = Enumerable.Range(0, 200).Select(i => lo + (hi - lo) * i / 199.0).ToArray();
            var fy = fx.Select(v => Normal.PDF(mu, sd, v)).ToArray();
            var line = plt.Add.Scatter(fx, fy);
            line.MarkerSize = 0;
            line.LegendText = $"normal fit μ={mu:G4} σ={sd:G3}";
            plt.Title(title);
            plt.XLabel(title);
            plt.YLabel("density");
            plt.ShowLegend();
            plt.SavePng(path, 900, 600);
        }

        /// <summary>Writes a normal QQ plot (sample quantiles against standard-normal quantiles) with the reference line μ + σz.</summary>
        public static void Qq(double[] values, string title, string path)
        {
            var x = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
            if (x.Length < 3) return;
            int n = x.Length;
            var z = Enumerable.Range(0, n).Select(i => Normal.InvCDF(0, 1, (i + 0.5) / n)).ToArray();
            double mu = x.Mean(), sd = x.StandardDeviation();
            var plt = new ScottPlot.Plot();
            var pts = plt.Add.Scatter(z, x);
            pts.LineWidth = 0;
            pts.MarkerSize = 3;
            var refLine = plt.Add.Scatter(new[] { z[0], z[^1] }, new[] { mu + sd * z[0], mu + sd * z[^1] });
            refLine.MarkerSize = 0;
            plt.Title("QQ (normal): " + title);
            plt.XLabel("standard normal quantile");
            plt.YLabel(title);
            plt.SavePng(path, 900, 600);
        }
    }
}

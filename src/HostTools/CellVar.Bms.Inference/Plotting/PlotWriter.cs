using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Inference.Fitting;

namespace CellVar.Bms.Inference.Plotting
{
    /// <summary>PNG figures for the analysis verbs (ScottPlot).</summary>
    public static class PlotWriter
    {
        /// <summary>QQ plot of the uncensored data against a fitted distribution, with the identity line.</summary>
        public static void QqPlot(ObservedSample sample, FittedDistribution fit, string path)
        {
            double[] x = sample.ObservedValues.OrderBy(v => v).ToArray();
            int n = x.Length;
            // Hazen plotting positions (i − 0.5)/n: unbiased enough for a visual check and never 0 or 1.
            double[] q = Enumerable.Range(0, n).Select(i => fit.Quantile((i + 0.5) / n)).ToArray();
            var plot = new ScottPlot.Plot();
            var sc = plot.Add.ScatterPoints(q, x);
            sc.LegendText = sample.Name;
            double lo = Math.Min(q.Min(), x.Min()), hi = Math.Max(q.Max(), x.Max());
            var line = plot.Add.Line(lo, lo, hi, hi);
            line.LegendText = "y = x";
            plot.Title($"QQ plot: {sample.Name} vs fitted {fit.Family.Name}");
            plot.XLabel($"{fit.Family.Name} quantile");
            plot.YLabel("observed");
            plot.SavePng(path, 800, 600);
        }

        /// <summary>Grouped bars of sensitivity indices, one group per input.</summary>
        public static void IndexBars(IReadOnlyList<string> inputs, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series, string title, string path)
        {
            var plot = new ScottPlot.Plot();
            int k = series.Count;
            double width = 0.8 / Math.Max(1, k);
            for (int s = 0; s < k; s++)
            {
                var bars = new List<ScottPlot.Bar>();
                for (int i = 0; i < inputs.Count; i++)
                    bars.Add(new ScottPlot.Bar { Position = i + (s - (k - 1) / 2.0) * width, Value = series[s].Values[i], Size = width * 0.9, FillColor = ScottPlot.Palette.Default.GetColor(s) });
                plot.Add.Bars(bars);
            }
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, inputs.Count).Select(i => (double)i).ToArray(), inputs.ToArray());
            plot.Title(title + "  (" + string.Join(", ", series.Select((s, i) => $"bar {i + 1}: {s.Label}")) + ")");
            plot.YLabel("index");
            plot.SavePng(path, 900, 550);
        }

        /// <summary>Profile log-likelihood curves (drop from the maximum) with the 95 % cut-off.</summary>
        public static void Profiles(IReadOnlyList<(string Name, double[] X, double[] Drop)> profiles, string path)
        {
            var plot = new ScottPlot.Plot();
            foreach (var (name, x, drop) in profiles)
            {
                var s = plot.Add.Scatter(x, drop);
                s.LegendText = name;
            }
            plot.Add.HorizontalLine(1.92); // half the chi-square(1) 95 % quantile 3.84
            plot.Title("Profile likelihood: log-likelihood drop (horizontal line 1.92 = 95 % limit)");
            plot.XLabel("parameter relative to nominal");
            plot.YLabel("ΔlogL");
            plot.ShowLegend();
            plot.SavePng(path, 900, 600);
        }
    }
}

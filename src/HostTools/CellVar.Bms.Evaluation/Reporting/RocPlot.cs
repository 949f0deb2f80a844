using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Evaluation.Metrics;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>
    /// ROC curve of one defect group (ScottPlot PNG): x = log10 of the pooled false-alarm rate per 1,000 healthy cell-hours
    /// (rates of zero drawn at the resolution floor 0.5/H so they stay on the log axis), y = detection probability, one
    /// curve per method as its threshold sweeps; the default threshold is marked.
    /// </summary>
    public static class RocPlot
    {
        /// <summary>Writes the PNG.</summary>
        public static void Write(string path, EvaluationResult r, GroupResult g)
        {
            var plot = new ScottPlot.Plot();
            int color = 0;
            foreach (string m in Comparison.MethodIds(r))
            {
                PooledFalseAlarms p = Comparison.Pool(r, m, g.Quantity);
                double floor = p.CellHours > 0 ? 0.5 / p.CellHours * 1000 : 1e-3;
                OperatingPoint[] pts = g.Points[m];
                var xs = new List<double>();
                var ys = new List<double>();
                for (int k = 0; k < pts.Length; k++)
                {
                    xs.Add(Math.Log10(Math.Max(p.RatePer1000(k), floor)));
                    ys.Add(pts[k].DetectionProbability ?? 0);
                }
                var c = ScottPlot.Palette.Default.GetColor(color++);
                var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
                line.LegendText = m;
                line.Color = c;
                var mark = plot.Add.ScatterPoints(new[] { xs[p.DefaultIndex] }, new[] { ys[p.DefaultIndex] });
                mark.Color = c;
                mark.MarkerSize = 14;
                mark.MarkerShape = ScottPlot.MarkerShape.OpenCircle;
            }
            plot.Title($"ROC: {g.Scenario} {g.SizeLabel} ({g.Runs} runs; circle = default threshold)");
            plot.XLabel("log10 false alarms per 1,000 healthy cell-hours (floor = none observed)");
            plot.YLabel("detection probability");
            plot.Axes.SetLimitsY(-0.05, 1.05);
            plot.ShowLegend(ScottPlot.Alignment.LowerRight);
            plot.SavePng(path, 900, 600);
        }
    }
}

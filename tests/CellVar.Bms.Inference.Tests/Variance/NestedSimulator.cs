using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Tests.Variance
{
    /// <summary>Simulates an unbalanced lot/module/cell design with known variance components.</summary>
    internal static class NestedSimulator
    {
        public static (double[] Y, string[][] Labels) Simulate(Random rng, int lots, int minModules, int maxModules, int minCells, int maxCells,
            double lotVar, double moduleVar, double cellVar, double mean = 10)
        {
            var y = new List<double>();
            var lot = new List<string>();
            var module = new List<string>();
            for (int l = 0; l < lots; l++)
            {
                double a = Normal.Sample(rng, 0, Math.Sqrt(lotVar));
                int nm = rng.Next(minModules, maxModules + 1);
                for (int m = 0; m < nm; m++)
                {
                    double b = Normal.Sample(rng, 0, Math.Sqrt(moduleVar));
                    int nc = rng.Next(minCells, maxCells + 1);
                    for (int c = 0; c < nc; c++)
                    {
                        y.Add(mean + a + b + Normal.Sample(rng, 0, Math.Sqrt(cellVar)));
                        lot.Add("L" + l);
                        module.Add("M" + m); // deliberately reused across lots: nesting is by path
                    }
                }
            }
            return (y.ToArray(), new[] { lot.ToArray(), module.ToArray() });
        }
    }
}

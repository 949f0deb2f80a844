using System;
using System.Collections.Generic;
using CellVar.Bms.Population.Distributions;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Population.Pack
{
    /// <summary>One row of the hot-cell risk table.</summary>
    /// <param name="PackCells">Cells in the pack.</param>
    /// <param name="TemperatureRise_K">Steady temperature rise threshold.</param>
    /// <param name="HeavyTailed">P(at least one cell exceeds it) with the heavy-tailed weld model.</param>
    /// <param name="Gaussian">The same with a Gaussian weld model of equal mean and variance.</param>
    public sealed record HotCellRow(int PackCells, double TemperatureRise_K, double HeavyTailed, double Gaussian);

    /// <summary>
    /// Probability that at least one cell of a pack exceeds a steady temperature rise, when a cell's heat is
    /// I²·(R_cell + R_weld) and its rise is R_th times that (series string: every cell carries the pack current).
    /// Per-cell exceedance p = P(R_weld &gt; ΔT/(R_th·I²) − R_cell) is exact from the weld distribution; the pack
    /// probability is 1 − (1 − p)^N. Comparing the heavy-tailed weld model with a moment-matched Gaussian shows how much
    /// the Gaussian assumption underestimates hot-cell risk.
    /// </summary>
    public static class HotCellRisk
    {
        /// <summary>Builds the table.</summary>
        public static IReadOnlyList<HotCellRow> Table(IMarginal weld, double cellResistance_Ohm, double current_A, double thermalResistance_K_W,
            IEnumerable<int> packSizes, IEnumerable<double> rises_K)
        {
            var gauss = new NormalMarginal(weld.Mean, Math.Sqrt(weld.Variance));
            var rows = new List<HotCellRow>();
            foreach (double dT in rises_K)
            {
                double rCrit = dT / (thermalResistance_K_W * current_A * current_A) - cellResistance_Ohm;
                double pHeavy = Survival(weld, rCrit), pGauss = Survival(gauss, rCrit);
                foreach (int n in packSizes)
                    rows.Add(new HotCellRow(n, dT, AtLeastOne(pHeavy, n), AtLeastOne(pGauss, n)));
            }
            return rows;
        }

        /// <summary>P(X &gt; x), computed from the upper tail directly so tiny probabilities keep their precision.</summary>
        public static double Survival(IMarginal m, double x) => m switch
        {
            DefectMixtureMarginal mix => mix.Survival(x),
            NormalMarginal nm => Normal.CDF(0, 1, -(x - nm.Location) / nm.Sd),
            LogNormalMarginal ln => x <= 0 ? 1 : Normal.CDF(0, 1, -(Math.Log(x) - ln.Mu) / ln.SigmaLog),
            _ => 1 - m.Cdf(x),
        };

        /// <summary>1 − (1 − p)^N without cancellation for small p.</summary>
        public static double AtLeastOne(double p, int n)
        {
            if (p <= 0) return 0;
            if (p >= 1) return 1;
            double x = n * LogOneMinus(p);
            // −expm1(x): for |x| below 1e-8 the series keeps tiny probabilities (Gaussian tails of 1e-30) instead of rounding to 0.
            return Math.Abs(x) < 1e-8 ? -x - x * x / 2 : -(Math.Exp(x) - 1);
        }

        private static double LogOneMinus(double p) => p < 1e-8 ? -p - p * p / 2 : Math.Log(1 - p);
    }
}

using System;
using CellVar.Bms.Population.Distributions;

namespace CellVar.Bms.Population.Priors
{
    /// <summary>
    /// Maps a false-alarm budget per healthy cell per day to per-test thresholds. With k independent tests a day, a
    /// per-test probability α gives 1 − (1 − α)^k per day, so α = 1 − (1 − α_day)^(1/k). Correlated tests alarm less
    /// often than that, so the thresholds are conservative (the real daily rate is at most α_day).
    /// </summary>
    public static class FalseAlarm
    {
        /// <summary>Per-test false-alarm probability for a daily budget and k tests per day.</summary>
        public static double PerTest(double perDay, double testsPerDay)
        {
            if (!(perDay > 0 && perDay < 1)) throw new ArgumentOutOfRangeException(nameof(perDay), "false-alarm probability per cell-day must be in (0,1)");
            if (!(testsPerDay >= 1) || !double.IsFinite(testsPerDay)) throw new ArgumentOutOfRangeException(nameof(testsPerDay), "tests per day must be ≥ 1");
            // −expm1(log1p(−p)/k), written with Log/Exp of values near 1 kept accurate by the small-p series when needed.
            double l = perDay < 1e-8 ? -perDay - perDay * perDay / 2 : Math.Log(1 - perDay);
            double x = l / testsPerDay;
            return Math.Abs(x) < 1e-8 ? -x - x * x / 2 : -(Math.Exp(x) - 1);
        }

        /// <summary>Upper threshold: the exact (1 − α) quantile of the healthy distribution.</summary>
        public static double High(IMarginal healthy, double alphaPerTest) => healthy.Quantile(1 - alphaPerTest);

        /// <summary>Lower threshold: the exact α quantile of the healthy distribution.</summary>
        public static double Low(IMarginal healthy, double alphaPerTest) => healthy.Quantile(alphaPerTest);
    }
}

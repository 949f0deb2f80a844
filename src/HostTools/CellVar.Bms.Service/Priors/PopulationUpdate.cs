using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Service.Storage;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Service.Priors
{
    /// <summary>
    /// The population-level prior update used until the Bayesian updater lands (documented in the service README):
    /// from the latest converged, valid estimate of every cell of every monitor, per quantity take the median and the
    /// MAD scale (1.4826·MAD, robust so a few defective cells do not widen the prior), shrink them towards the base
    /// prior (if any) with <see cref="PseudoCount"/> pseudo-cells, and set the alarm limit at
    /// <c>loc ± z·sd</c> with <c>z = Φ⁻¹(1 − α)</c>. Temperature rise is each cell's temperature minus the median
    /// of its own monitor.
    /// </summary>
    public sealed class PopulationUpdate
    {
        /// <summary>Fewest usable cells per quantity before the data moves the prior.</summary>
        public int MinCells { get; init; } = 8;

        /// <summary>Weight of the base prior, in cells.</summary>
        public double PseudoCount { get; init; } = 32;

        /// <summary>One-sided false-alarm probability per check for a healthy cell.</summary>
        public double FalseAlarmPerCheck { get; init; } = 1e-4;

        /// <summary>Computes the updated prior; null when neither data nor a base prior is available for every quantity.</summary>
        public DevicePrior? Update(IReadOnlyList<CellRow> cells, DevicePrior? basePrior)
        {
            var usable = cells.Where(c => (c.Flags & (4 | 8)) == 0).ToList();
            double z = Normal.InvCDF(0, 1, 1 - FalseAlarmPerCheck);
            var rise = new List<double>();
            foreach (var g in usable.GroupBy(c => c.MonitorId))
            {
                double med = Median(g.Select(c => (double)c.TemperatureDc).ToList());
                rise.AddRange(g.Select(c => c.TemperatureDc - med));
            }
            QuantityPrior? r = One(usable.Select(c => (double)c.ResistanceUohm).ToList(), basePrior?.Resistance, z, +1);
            QuantityPrior? q = One(usable.Select(c => (double)c.CapacityMah).ToList(), basePrior?.Capacity, z, -1);
            QuantityPrior? t = One(rise, basePrior?.TemperatureRise, z, +1);
            if (r == null || q == null || t == null)
                return null;
            var prior = new DevicePrior(r, q, t, Array.Empty<(int, QuantityPrior?, QuantityPrior?, QuantityPrior?)>());
            prior.Validate();
            return prior;
        }

        private QuantityPrior? One(List<double> x, QuantityPrior? basePrior, double z, int side)
        {
            double loc, sd;
            if (x.Count >= MinCells)
            {
                double m = Median(x);
                double mad = Median(x.Select(v => Math.Abs(v - m)).ToList());
                double s = Math.Max(1, 1.4826 * mad);
                if (basePrior != null)
                {
                    double n0 = PseudoCount, n = x.Count;
                    loc = (n0 * basePrior.Location + n * m) / (n0 + n);
                    sd = Math.Sqrt((n0 * basePrior.Scale * basePrior.Scale + n * s * s) / (n0 + n));
                }
                else
                {
                    loc = m;
                    sd = s;
                }
            }
            else if (basePrior != null)
            {
                return basePrior;
            }
            else
            {
                return null;
            }
            long l = (long)Math.Round(loc), s1 = Math.Max(1, (long)Math.Round(sd));
            long limit = (long)Math.Round(loc + side * z * sd);
            return side > 0 ? new QuantityPrior(l, s1, limit, null) : new QuantityPrior(l, s1, null, Math.Max(0, limit));
        }

        private static double Median(List<double> x)
        {
            if (x.Count == 0)
                return 0;
            x.Sort();
            int n = x.Count;
            return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
        }
    }
}

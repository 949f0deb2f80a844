using System;
using System.Collections.Generic;
using System.Globalization;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Diagnosis;

namespace CellVar.Bms.Rig.Priors
{
    /// <summary>
    /// Converts a host prior file to the device's integer priors and installs them on a <see cref="PackMonitor"/>:
    /// resistance mOhm → µΩ, capacity Ah → mAh, temperature rise K → dC; log-normal σ of ln x → Q16; missing thresholds →
    /// the device sentinels (the device then uses location ± 3 scale). Per-cell overrides of resistance and capacity become
    /// <see cref="PackMonitor.SetCellPrior"/> calls; what the device cannot represent is returned as warnings.
    /// </summary>
    public static class DevicePriorConverter
    {
        /// <summary>The device prior for one host prior.</summary>
        /// <exception cref="PriorFormatException">A value does not fit the device's integer range or is physically impossible.</exception>
        public static Prior ToDevice(QuantityPrior p, string source, string field)
        {
            ArgumentNullException.ThrowIfNull(p);
            double k = Factor(p.Name);
            if (p.Name != PriorQuantityName.TemperatureRise && !(p.Location > 0))
                throw new PriorFormatException(source, field + ".location", $"{PriorFileReader.NameText(p.Name)} location must be > 0 (got {Fmt(p.Location)})");
            int location = ToInt(p.Location * k, source, field + ".location");
            int scale = p.Family == PriorFamilyName.LogNormal
                ? ToInt(p.Scale * 65536, source, field + ".scale")
                : ToInt(p.Scale * k, source, field + ".scale");
            int high = p.ThresholdHigh is double th ? ToInt(th * k, source, field + ".threshold_high") : Prior.NoThresholdHigh;
            int low = p.ThresholdLow is double tl ? ToInt(tl * k, source, field + ".threshold_low") : Prior.NoThresholdLow;
            return Prior.Create(Family(p.Family), location, scale, high, low);
        }

        /// <summary>
        /// Installs every prior of <paramref name="file"/> on <paramref name="monitor"/> (cells 1..monitor.CellCount);
        /// returns warnings about parts the device ignores.
        /// </summary>
        /// <exception cref="PriorFormatException">An override names a cell the monitor does not have, or a value does not fit.</exception>
        public static IReadOnlyList<string> Install(PriorFile file, PackMonitor monitor, string source)
        {
            ArgumentNullException.ThrowIfNull(file);
            ArgumentNullException.ThrowIfNull(monitor);
            var warnings = new List<string>();
            foreach (var (name, p) in file.Quantities)
            {
                monitor.SetPrior(Quantity(name), ToDevice(p, source, "quantities[" + PriorFileReader.NameText(name) + "]"));
                if (p.Family == PriorFamilyName.StudentT || p.Family == PriorFamilyName.NormalDefectMixture)
                    if (p.ThresholdHigh == null && p.ThresholdLow == null)
                        warnings.Add($"{source}: {PriorFileReader.NameText(name)} is heavy-tailed ({p.Family}) but has no threshold; the device falls back to location ± 3 scale");
            }
            foreach (var ((cell, name), p) in file.CellOverrides)
            {
                string field = $"cells[cell {cell}, {PriorFileReader.NameText(name)}]";
                if (cell > monitor.CellCount)
                    throw new PriorFormatException(source, field, $"cell {cell} does not exist; the monitor has {monitor.CellCount} cells");
                if (name == PriorQuantityName.TemperatureRise)
                {
                    warnings.Add($"{source}: {field}: the device has no per-cell temperature_rise priors; override ignored");
                    continue;
                }
                if (!file.Quantities.TryGetValue(name, out QuantityPrior? baseline))
                {
                    warnings.Add($"{source}: {field}: the device needs a pack-wide {PriorFileReader.NameText(name)} prior for per-cell overrides; override ignored");
                    continue;
                }
                if (p.Family != baseline.Family)
                    warnings.Add($"{source}: {field}: family differs from the pack-wide prior; the device uses the pack-wide family");
                Prior d = ToDevice(p, source, field);
                monitor.SetCellPrior(Quantity(name), cell - 1, d.Location, d.Scale);
            }
            return warnings;
        }

        /// <summary>Device quantity of a host quantity.</summary>
        public static PriorQuantity Quantity(PriorQuantityName n) => n switch
        {
            PriorQuantityName.Resistance => PriorQuantity.Resistance,
            PriorQuantityName.Capacity => PriorQuantity.Capacity,
            _ => PriorQuantity.TemperatureRise,
        };

        private static PriorFamily Family(PriorFamilyName f) => f switch
        {
            PriorFamilyName.Normal => PriorFamily.Normal,
            PriorFamilyName.LogNormal => PriorFamily.LogNormal,
            PriorFamilyName.StudentT => PriorFamily.StudentT,
            _ => PriorFamily.NormalDefectMixture,
        };

        /// <summary>Device units per host unit: µΩ per mΩ, mAh per Ah, dC per K.</summary>
        private static double Factor(PriorQuantityName n) => n == PriorQuantityName.TemperatureRise ? 10.0 : 1000.0;

        private static int ToInt(double v, string source, string field)
        {
            double r = Math.Round(v, MidpointRounding.AwayFromZero);
            // Sentinels int.MinValue/MaxValue are reserved for "no threshold".
            if (!(r > int.MinValue && r < int.MaxValue))
                throw new PriorFormatException(source, field, $"{Fmt(v)} device units does not fit the device's 32-bit range");
            return (int)r;
        }

        private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    }
}

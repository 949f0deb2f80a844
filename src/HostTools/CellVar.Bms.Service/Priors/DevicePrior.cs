using System;
using System.Collections.Generic;
using System.Text;

namespace CellVar.Bms.Service.Priors
{
    /// <summary>
    /// A prior as the device receives it (protocol v1 <c>prior</c> payload): resistance (µΩ), capacity (mAh) and
    /// temperature rise (0.1 K), each location/scale/limits, with optional per-cell location/scale overrides.
    /// <see cref="Validate"/> applies the device's ranges, so the host never sends something the device must reject.
    /// </summary>
    public sealed record DevicePrior(QuantityPrior Resistance, QuantityPrior Capacity, QuantityPrior TemperatureRise,
        IReadOnlyList<(int Cell, QuantityPrior? Resistance, QuantityPrior? Capacity, QuantityPrior? TemperatureRise)> Cells)
    {
        private static readonly (string Name, long LocMin, long LocMax, long SdMax, long LimMin)[] Ranges =
        {
            ("r", 1, 10_000_000, 5_000_000, 0), ("q", 1, 1_000_000, 1_000_000, 0), ("tr", -1000, 1000, 1000, -1000),
        };

        /// <summary>Throws <see cref="ArgumentException"/> naming the field when a value is outside the device's range.</summary>
        public void Validate()
        {
            Check(0, "r", Resistance, true);
            Check(1, "q", Capacity, true);
            Check(2, "tr", TemperatureRise, true);
            if (Cells.Count > 64)
                throw new ArgumentException($"cells: {Cells.Count} overrides, at most 64");
            foreach (var c in Cells)
            {
                if (c.Cell < 1 || c.Cell > 64)
                    throw new ArgumentException($"cells: cell {c.Cell} outside 1..64");
                if (c.Resistance != null) Check(0, $"cells[{c.Cell}].r", c.Resistance, false);
                if (c.Capacity != null) Check(1, $"cells[{c.Cell}].q", c.Capacity, false);
                if (c.TemperatureRise != null) Check(2, $"cells[{c.Cell}].tr", c.TemperatureRise, false);
            }
        }

        private static void Check(int q, string name, QuantityPrior p, bool limits)
        {
            var r = Ranges[q];
            if (p.Location < r.LocMin || p.Location > r.LocMax)
                throw new ArgumentException($"{name}.loc = {p.Location} outside {r.LocMin}..{r.LocMax}");
            if (p.Scale < 1 || p.Scale > r.SdMax)
                throw new ArgumentException($"{name}.sd = {p.Scale} outside 1..{r.SdMax}");
            if (!limits)
                return;
            if (p.High is long h && (h < r.LimMin || h > r.LocMax))
                throw new ArgumentException($"{name}.hi = {h} outside {r.LimMin}..{r.LocMax}");
            if (p.Low is long l && (l < r.LimMin || l > r.LocMax))
                throw new ArgumentException($"{name}.lo = {l} outside {r.LimMin}..{r.LocMax}");
            if (p.High is long h2 && p.Low is long l2 && l2 >= h2)
                throw new ArgumentException($"{name}: lo {l2} must be below hi {h2}");
        }

        /// <summary>The compact wire payload for <paramref name="monitorId"/> with prior id <paramref name="id"/>.</summary>
        public string ToPayload(string monitorId, long id)
        {
            var sb = new StringBuilder(256);
            sb.Append("{\"v\":1,\"mon\":\"").Append(monitorId).Append("\",\"id\":").Append(id);
            Quantity(sb, "r", Resistance, true);
            Quantity(sb, "q", Capacity, true);
            Quantity(sb, "tr", TemperatureRise, true);
            if (Cells.Count > 0)
            {
                sb.Append(",\"cells\":[");
                for (int i = 0; i < Cells.Count; i++)
                {
                    var c = Cells[i];
                    if (i > 0) sb.Append(',');
                    sb.Append("{\"c\":").Append(c.Cell);
                    if (c.Resistance != null) Quantity(sb, "r", c.Resistance, false);
                    if (c.Capacity != null) Quantity(sb, "q", c.Capacity, false);
                    if (c.TemperatureRise != null) Quantity(sb, "tr", c.TemperatureRise, false);
                    sb.Append('}');
                }
                sb.Append(']');
            }
            return sb.Append('}').ToString();
        }

        private static void Quantity(StringBuilder sb, string name, QuantityPrior p, bool limits)
        {
            sb.Append(",\"").Append(name).Append("\":{\"loc\":").Append(p.Location).Append(",\"sd\":").Append(p.Scale);
            if (limits)
            {
                sb.Append(",\"hi\":").Append(p.High?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");
                sb.Append(",\"lo\":").Append(p.Low?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");
            }
            sb.Append('}');
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CellVar.Bms.Service.Priors
{
    /// <summary>
    /// Reads the host prior file (<c>priors.json</c>, format cellvar-priors v1, physical units) and converts it to a
    /// <see cref="DevicePrior"/> in device units: resistance mOhm × 1000 → µΩ, capacity Ah × 1000 → mAh, temperature
    /// rise K × 10 → 0.1 K. For each family the device gets the bulk location and scale (lognormal: median and
    /// median·σ, the first-order sd; student_t: location and scale; mixture: the healthy bulk) and the file's exact
    /// thresholds as <c>hi</c>/<c>lo</c>. Errors name the field.
    /// </summary>
    public static class PriorsFile
    {
        /// <summary>Temperature-rise prior used when the file has none: 0 K mean, 1 K sd, alarm at +5 K.</summary>
        public static readonly QuantityPrior DefaultTemperatureRise = new(0, 10, 50, null);

        /// <summary>Loads and converts <paramref name="path"/>.</summary>
        /// <exception cref="FormatException">The file breaks the format (message names the field).</exception>
        public static DevicePrior Load(string path)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return Convert(doc.RootElement, path);
        }

        /// <summary>Converts a parsed file; <paramref name="where"/> prefixes error messages.</summary>
        public static DevicePrior Convert(JsonElement root, string where)
        {
            if (root.TryGetProperty("format", out var f) ? f.GetString() != "cellvar-priors" : true)
                throw new FormatException($"{where}: format must be \"cellvar-priors\"");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != 1)
                throw new FormatException($"{where}: version must be 1");
            var q = new Dictionary<string, QuantityPrior>();
            int i = 0;
            foreach (JsonElement e in Array(root, "quantities", where))
            {
                string name = Str(e, "name", $"{where}: quantities[{i}]");
                q[name] = Quantity(e, name, $"{where}: quantities[{i}]", true);
                i++;
            }
            foreach (string need in new[] { "resistance", "capacity" })
                if (!q.ContainsKey(need))
                    throw new FormatException($"{where}: quantities has no '{need}'");
            // The population model does not always fit temperature rise; the device then gets a conservative default.
            if (!q.ContainsKey("temperature_rise"))
                q["temperature_rise"] = DefaultTemperatureRise;
            var cells = new SortedDictionary<int, (QuantityPrior? R, QuantityPrior? Q, QuantityPrior? T)>();
            if (root.TryGetProperty("cells", out JsonElement cs) && cs.ValueKind == JsonValueKind.Array)
            {
                i = 0;
                foreach (JsonElement c in cs.EnumerateArray())
                {
                    string at = $"{where}: cells[{i++}]";
                    int cell = (int)Num(c, "cell", at);
                    string name = Str(c, "name", at);
                    QuantityPrior p = Quantity(c, name, at, false, q.GetValueOrDefault(name));
                    cells.TryGetValue(cell, out var t);
                    cells[cell] = name switch { "resistance" => (p, t.Q, t.T), "capacity" => (t.R, p, t.T), _ => (t.R, t.Q, p) };
                }
            }
            var list = new List<(int, QuantityPrior?, QuantityPrior?, QuantityPrior?)>();
            foreach (var (cell, t) in cells)
                list.Add((cell, t.R, t.Q, t.T));
            var prior = new DevicePrior(q["resistance"], q["capacity"], q["temperature_rise"], list);
            try
            {
                prior.Validate();
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{where}: converted prior is outside the device's range: {e.Message}");
            }
            return prior;
        }

        private static QuantityPrior Quantity(JsonElement e, string name, string at, bool full, QuantityPrior? inherit = null)
        {
            (double factor, string unit) = name switch
            {
                "resistance" => (1000.0, "mOhm"),
                "capacity" => (1000.0, "Ah"),
                "temperature_rise" => (10.0, "K"),
                _ => throw new FormatException($"{at}: unknown quantity name '{name}'"),
            };
            if (full && e.TryGetProperty("unit", out var u) && u.GetString() != unit)
                throw new FormatException($"{at}: unit of {name} must be {unit}, got '{u.GetString()}'");
            string family = full ? Str(e, "family", at) : "normal";
            if (full && family is not ("normal" or "lognormal" or "student_t" or "normal_defect_mixture"))
                throw new FormatException($"{at}: unknown family '{family}'");
            double loc = e.TryGetProperty("location", out _) || full ? Num(e, "location", at) : (inherit?.Location ?? 0) / factor;
            double scale = e.TryGetProperty("scale", out _) || full ? Num(e, "scale", at) : (inherit?.Scale ?? 0) / factor;
            if (scale <= 0)
                throw new FormatException($"{at}: scale must be > 0");
            double sd = family == "lognormal" ? loc * scale : scale;
            long? hi = full ? Limit(e, "threshold_high", at, factor) : null;
            long? lo = full ? Limit(e, "threshold_low", at, factor) : null;
            return new QuantityPrior((long)Math.Round(loc * factor), Math.Max(1, (long)Math.Round(sd * factor)), hi, lo);
        }

        private static long? Limit(JsonElement e, string name, string at, double factor)
        {
            if (!e.TryGetProperty(name, out var x) || x.ValueKind == JsonValueKind.Null)
                return null;
            if (x.ValueKind != JsonValueKind.Number || !double.IsFinite(x.GetDouble()))
                throw new FormatException($"{at}: {name} must be a finite number or null");
            return (long)Math.Round(x.GetDouble() * factor);
        }

        private static JsonElement.ArrayEnumerator Array(JsonElement e, string name, string at)
        {
            if (!e.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{at}: {name} must be an array");
            return a.EnumerateArray();
        }

        private static string Str(JsonElement e, string name, string at)
        {
            if (!e.TryGetProperty(name, out var s) || s.ValueKind != JsonValueKind.String)
                throw new FormatException($"{at}: {name} must be a string");
            return s.GetString()!;
        }

        private static double Num(JsonElement e, string name, string at)
        {
            if (!e.TryGetProperty(name, out var n) || n.ValueKind != JsonValueKind.Number || !double.IsFinite(n.GetDouble()))
                throw new FormatException($"{at}: {name} must be a finite number");
            return n.GetDouble();
        }
    }
}

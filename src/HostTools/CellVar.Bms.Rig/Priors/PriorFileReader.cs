using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace CellVar.Bms.Rig.Priors
{
    /// <summary>
    /// Reads and validates host prior files (<c>"format": "cellvar-priors", "version": 1</c>; see /tmp/prior-format.md,
    /// documented in src/HostTools/CellVar.Bms.Rig/README.md). Rejects unknown format/version, unknown name/family/unit,
    /// non-finite numbers, scale ≤ 0, df ≤ 0, defect_weight outside [0, 1), threshold_low ≥ threshold_high, with a
    /// <see cref="PriorFormatException"/> naming the field. Unknown extra fields are ignored (forward compatibility);
    /// JSON comments and trailing commas are accepted.
    /// </summary>
    public static class PriorFileReader
    {
        /// <summary>The <c>format</c> value this reader accepts.</summary>
        public const string Format = "cellvar-priors";

        /// <summary>The <c>version</c> this reader accepts.</summary>
        public const int Version = 1;

        private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        /// <summary>Reads the file at <paramref name="path"/>.</summary>
        public static PriorFile ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

        /// <summary>Reads priors from JSON text; <paramref name="source"/> names it in messages.</summary>
        public static PriorFile Read(string json, string source)
        {
            ArgumentNullException.ThrowIfNull(json);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json, Options);
            }
            catch (JsonException e)
            {
                throw new PriorFormatException(source, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}", "invalid JSON: " + FirstSentence(e.Message));
            }
            using (doc)
            {
                var ctx = new Context(source);
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw ctx.Error("(file)", "top level must be a JSON object");

                string format = ctx.RequiredString(root, "format", "format");
                if (format != Format) throw ctx.Error("format", $"unknown format '{format}' (expected '{Format}')");
                double version = ctx.RequiredNumber(root, "version", "version");
                if (version != Version) throw ctx.Error("version", $"unsupported version {Fmt(version)} (this reader knows {Version})");
                string src = root.TryGetProperty("source", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";

                if (!root.TryGetProperty("quantities", out JsonElement qs) || qs.ValueKind != JsonValueKind.Array)
                    throw ctx.Error("quantities", "required array is missing");
                var quantities = new Dictionary<PriorQuantityName, QuantityPrior>();
                int qi = 0;
                foreach (JsonElement q in qs.EnumerateArray())
                {
                    string path = $"quantities[{qi++}]";
                    if (q.ValueKind != JsonValueKind.Object) throw ctx.Error(path, "must be an object");
                    QuantityPrior p = ctx.ParseQuantity(q, path, baseline: null);
                    if (!quantities.TryAdd(p.Name, p)) throw ctx.Error(path + ".name", $"quantity '{NameText(p.Name)}' appears twice");
                }

                var overrides = new Dictionary<(int, PriorQuantityName), QuantityPrior>();
                if (root.TryGetProperty("cells", out JsonElement cs) && cs.ValueKind != JsonValueKind.Null)
                {
                    if (cs.ValueKind != JsonValueKind.Array) throw ctx.Error("cells", "must be an array");
                    int ci = 0;
                    foreach (JsonElement c in cs.EnumerateArray())
                    {
                        string path = $"cells[{ci++}]";
                        if (c.ValueKind != JsonValueKind.Object) throw ctx.Error(path, "must be an object");
                        double cellNo = ctx.RequiredNumber(c, "cell", path + ".cell");
                        if (cellNo < 1 || cellNo > 100000 || cellNo != Math.Floor(cellNo)) throw ctx.Error(path + ".cell", $"must be a 1-based cell index (got {Fmt(cellNo)})");
                        PriorQuantityName name = ctx.ParseName(c, path);
                        if (!quantities.TryGetValue(name, out QuantityPrior? baseline))
                            baseline = null; // an override may also be the only prior for its quantity; then it must be complete
                        QuantityPrior p = ctx.ParseQuantity(c, path, baseline);
                        if (!overrides.TryAdd(((int)cellNo, name), p)) throw ctx.Error(path, $"cell {(int)cellNo} has two '{NameText(name)}' overrides");
                    }
                }
                return new PriorFile(src, quantities, overrides);
            }
        }

        /// <summary>The priors.json spelling of a quantity name.</summary>
        public static string NameText(PriorQuantityName n) => n switch
        {
            PriorQuantityName.Resistance => "resistance",
            PriorQuantityName.Capacity => "capacity",
            _ => "temperature_rise",
        };

        /// <summary>The unit priors.json requires for a quantity.</summary>
        public static string UnitText(PriorQuantityName n) => n switch
        {
            PriorQuantityName.Resistance => "mOhm",
            PriorQuantityName.Capacity => "Ah",
            _ => "K",
        };

        private static string FirstSentence(string m)
        {
            int i = m.IndexOf(". ", StringComparison.Ordinal);
            return i > 0 ? m.Substring(0, i + 1) : m;
        }

        private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

        private sealed class Context(string source)
        {
            public PriorFormatException Error(string field, string problem) => new(source, field, problem);

            public string RequiredString(JsonElement obj, string prop, string path)
            {
                if (!obj.TryGetProperty(prop, out JsonElement e) || e.ValueKind == JsonValueKind.Null) throw Error(path, "required field is missing");
                if (e.ValueKind != JsonValueKind.String) throw Error(path, "must be a string");
                return e.GetString() ?? "";
            }

            public double RequiredNumber(JsonElement obj, string prop, string path) =>
                OptionalNumber(obj, prop, path) ?? throw Error(path, "required field is missing");

            public double? OptionalNumber(JsonElement obj, string prop, string path)
            {
                if (!obj.TryGetProperty(prop, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
                if (e.ValueKind != JsonValueKind.Number) throw Error(path, $"must be a number (got {e.ValueKind.ToString().ToLowerInvariant()})");
                if (!e.TryGetDouble(out double v) || !double.IsFinite(v)) throw Error(path, $"is not a finite number ({e.GetRawText()})");
                return v;
            }

            public PriorQuantityName ParseName(JsonElement q, string path)
            {
                string name = RequiredString(q, "name", path + ".name");
                return name switch
                {
                    "resistance" => PriorQuantityName.Resistance,
                    "capacity" => PriorQuantityName.Capacity,
                    "temperature_rise" => PriorQuantityName.TemperatureRise,
                    _ => throw Error(path + ".name", $"unknown quantity '{name}' (expected resistance, capacity or temperature_rise)"),
                };
            }

            /// <summary>Parses a quantity; with a baseline, absent fields are taken from it (per-cell override).</summary>
            public QuantityPrior ParseQuantity(JsonElement q, string path, QuantityPrior? baseline)
            {
                PriorQuantityName name = ParseName(q, path);
                string expectedUnit = UnitText(name);
                if (q.TryGetProperty("unit", out JsonElement u) && u.ValueKind != JsonValueKind.Null)
                {
                    if (u.ValueKind != JsonValueKind.String || u.GetString() != expectedUnit)
                        throw Error(path + ".unit", $"unknown unit {u.GetRawText()} for {NameText(name)} (expected \"{expectedUnit}\")");
                }
                else if (baseline == null) throw Error(path + ".unit", "required field is missing");

                PriorFamilyName family;
                if (q.TryGetProperty("family", out JsonElement f) && f.ValueKind != JsonValueKind.Null)
                {
                    string fam = f.ValueKind == JsonValueKind.String ? f.GetString() ?? "" : f.GetRawText();
                    family = fam switch
                    {
                        "normal" => PriorFamilyName.Normal,
                        "lognormal" => PriorFamilyName.LogNormal,
                        "student_t" => PriorFamilyName.StudentT,
                        "normal_defect_mixture" => PriorFamilyName.NormalDefectMixture,
                        _ => throw Error(path + ".family", $"unknown family '{fam}' (expected normal, lognormal, student_t or normal_defect_mixture)"),
                    };
                }
                else family = baseline?.Family ?? throw Error(path + ".family", "required field is missing");

                double location = OptionalNumber(q, "location", path + ".location") ?? baseline?.Location ?? throw Error(path + ".location", "required field is missing");
                double scale = OptionalNumber(q, "scale", path + ".scale") ?? baseline?.Scale ?? throw Error(path + ".scale", "required field is missing");
                double? df = Pick(q, "df", path, baseline?.Df);
                double? dw = Pick(q, "defect_weight", path, baseline?.DefectWeight);
                double? dl = Pick(q, "defect_location", path, baseline?.DefectLocation);
                double? ds = Pick(q, "defect_scale", path, baseline?.DefectScale);
                double? fa = Pick(q, "false_alarm_per_cell_day", path, baseline?.FalseAlarmPerCellDay);
                double? th = Pick(q, "threshold_high", path, baseline?.ThresholdHigh);
                double? tl = Pick(q, "threshold_low", path, baseline?.ThresholdLow);

                if (!(scale > 0)) throw Error(path + ".scale", $"must be > 0 (got {Fmt(scale)})");
                if (family == PriorFamilyName.LogNormal && !(location > 0)) throw Error(path + ".location", $"lognormal median must be > 0 (got {Fmt(location)})");
                if (family == PriorFamilyName.StudentT)
                {
                    if (df == null) throw Error(path + ".df", "required for student_t");
                    if (!(df > 0)) throw Error(path + ".df", $"must be > 0 (got {Fmt(df.Value)})");
                }
                else if (df != null && !(df > 0)) throw Error(path + ".df", $"must be > 0 (got {Fmt(df.Value)})");
                if (family == PriorFamilyName.NormalDefectMixture)
                {
                    if (dw == null) throw Error(path + ".defect_weight", "required for normal_defect_mixture");
                    if (dl == null) throw Error(path + ".defect_location", "required for normal_defect_mixture");
                    if (ds == null) throw Error(path + ".defect_scale", "required for normal_defect_mixture");
                }
                if (dw != null && !(dw >= 0 && dw < 1)) throw Error(path + ".defect_weight", $"must be in [0, 1) (got {Fmt(dw.Value)})");
                if (dl != null && !(dl > 0)) throw Error(path + ".defect_location", $"log-normal median must be > 0 (got {Fmt(dl.Value)})");
                if (ds != null && !(ds > 0)) throw Error(path + ".defect_scale", $"must be > 0 (got {Fmt(ds.Value)})");
                if (fa != null && !(fa > 0 && fa < 1)) throw Error(path + ".false_alarm_per_cell_day", $"must be in (0, 1) (got {Fmt(fa.Value)})");
                if (th != null && tl != null && !(tl < th)) throw Error(path + ".threshold_low", $"must be below threshold_high ({Fmt(tl.Value)} ≥ {Fmt(th.Value)})");
                return new QuantityPrior(name, family, location, scale, df, dw, dl, ds, fa, th, tl);
            }

            private double? Pick(JsonElement q, string prop, string path, double? fallback)
            {
                if (q.TryGetProperty(prop, out JsonElement e) && e.ValueKind == JsonValueKind.Null) return null; // explicit null clears
                return OptionalNumber(q, prop, path + "." + prop) ?? fallback;
            }
        }
    }
}

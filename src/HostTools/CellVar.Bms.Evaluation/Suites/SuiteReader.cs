using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Suites
{
    /// <summary>
    /// Reads a suite file (<c>{"format": "cellvar-suite", "version": 1, ...}</c>). Unknown keys, wrong types and out-of-range
    /// values throw <see cref="SuiteFormatException"/> naming the JSON path, so a typo never silently keeps a default.
    /// </summary>
    public static class SuiteReader
    {
        private static readonly HashSet<string> TopKeys = ["format", "version", "name", "cells", "base_seed", "seeds", "quick_seeds",
            "voltage_noise_mV", "calibration_runs", "quick_calibration_runs", "scenarios", "detectability", "description"];
        private static readonly HashSet<string> ScenarioKeys = ["name", "kind", "sizes", "seeds", "quick_seeds", "onset_s", "ramp_s", "description"];
        private static readonly HashSet<string> DetectKeys = ["noise_mV", "noise_labels", "sizes", "seeds", "quick_seeds", "healthy_runs",
            "quick_healthy_runs", "target_false_alarms_per_1000_cell_hours", "min_detection_probability"];

        /// <summary>Reads and validates a suite file.</summary>
        public static SuiteDefinition ReadFile(string path)
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new SuiteFormatException(path, "$", "cannot read: " + e.Message); }
            return Parse(text, Path.GetFileName(path));
        }

        /// <summary>Parses and validates suite JSON; <paramref name="source"/> names it in messages.</summary>
        public static SuiteDefinition Parse(string json, string source)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
            catch (JsonException e) { throw new SuiteFormatException(source, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", "not valid JSON: " + e.Message); }
            using (doc)
            {
                var r = new Reader(source);
                JsonElement root = doc.RootElement;
                r.Object(root, "$", TopKeys);
                if (r.String(root, "format", "$") != "cellvar-suite") throw r.Error("$.format", "must be \"cellvar-suite\"");
                if (r.Int(root, "version", "$", 1, 1) != 1) throw r.Error("$.version", "must be 1");
                var scenarios = new List<ScenarioDefinition>();
                if (!root.TryGetProperty("scenarios", out JsonElement arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
                    throw r.Error("$.scenarios", "must be a non-empty array");
                var names = new HashSet<string>(StringComparer.Ordinal);
                int k = 0;
                foreach (JsonElement s in arr.EnumerateArray())
                {
                    string p = $"$.scenarios[{k++}]";
                    ScenarioDefinition def = ReadScenario(r, s, p);
                    if (!names.Add(def.Name)) throw r.Error(p + ".name", $"duplicate scenario name '{def.Name}'");
                    scenarios.Add(def);
                }
                var suite = new SuiteDefinition
                {
                    Source = source,
                    Name = r.OptString(root, "name", "$") ?? Path.GetFileNameWithoutExtension(source),
                    Cells = r.OptInt(root, "cells", "$", 3, 32) ?? 16,
                    BaseSeed = r.OptInt(root, "base_seed", "$", 0, 1_000_000) ?? 1,
                    Seeds = r.OptInt(root, "seeds", "$", 1, 10_000) ?? 20,
                    QuickSeeds = r.OptInt(root, "quick_seeds", "$", 1, 10_000) ?? 3,
                    VoltageNoise_mV = r.OptDouble(root, "voltage_noise_mV", "$", 0, 100) ?? 1.0,
                    CalibrationRuns = r.OptInt(root, "calibration_runs", "$", 1, 10_000) ?? 16,
                    QuickCalibrationRuns = r.OptInt(root, "quick_calibration_runs", "$", 1, 10_000) ?? 4,
                    Scenarios = scenarios,
                    Detectability = root.TryGetProperty("detectability", out JsonElement d) && d.ValueKind != JsonValueKind.Null
                        ? ReadDetectability(r, d, "$.detectability") : null,
                };
                return suite;
            }
        }

        private static ScenarioDefinition ReadScenario(Reader r, JsonElement s, string p)
        {
            r.Object(s, p, ScenarioKeys);
            string kindName = r.String(s, "kind", p);
            if (!ScenarioKindNames.TryParse(kindName, out ScenarioKind kind))
                throw r.Error(p + ".kind", $"unknown kind '{kindName}' (expected one of {string.Join(", ", ScenarioKindNames.Names)})");
            double[] sizes = r.OptDoubles(s, "sizes", p, 0, 1000) ?? [0.0];
            for (int i = 0; i < sizes.Length; i++)
            {
                string sp = $"{p}.sizes[{i}]";
                double v = sizes[i];
                bool ok = kind switch
                {
                    ScenarioKind.WeldStep or ScenarioKind.WeldRamp => v > 0 && v <= 100,
                    ScenarioKind.HotCell => v > 0 && v <= 50,
                    ScenarioKind.ExtremeCell => v >= 0 && v <= 10,
                    ScenarioKind.SensorGlitch => v > 0 && v <= 0.5,
                    ScenarioKind.Balancing => v >= 0 && v <= 0.5,
                    ScenarioKind.TemperatureSwing => v >= 0 && v <= 30,
                    _ => true,
                };
                if (!ok) throw r.Error(sp, $"{v} is out of range for kind {kindName}");
            }
            var def = new ScenarioDefinition
            {
                Name = r.OptString(s, "name", p) ?? kindName,
                Kind = kind,
                Sizes = sizes,
                Seeds = r.OptInt(s, "seeds", p, 1, 10_000),
                QuickSeeds = r.OptInt(s, "quick_seeds", p, 1, 10_000),
                Onset_s = r.OptDouble(s, "onset_s", p, 0, 6000) ?? 2500,
                Ramp_s = r.OptDouble(s, "ramp_s", p, 1, 6000) ?? 1500,
            };
            if (def.Name.Length == 0 || def.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || def.Name.Contains(' '))
                throw r.Error(p + ".name", $"'{def.Name}' must be a non-empty file-name-safe word");
            return def;
        }

        private static DetectabilityDefinition ReadDetectability(Reader r, JsonElement d, string p)
        {
            r.Object(d, p, DetectKeys);
            var def = new DetectabilityDefinition();
            double[] noise = r.OptDoubles(d, "noise_mV", p, 0.001, 200) ?? [.. def.Noise_mV];
            string[] labels = r.OptStrings(d, "noise_labels", p) ?? [.. def.NoiseLabels];
            if (labels.Length != noise.Length) throw r.Error(p + ".noise_labels", $"needs one label per noise level ({noise.Length})");
            return def with
            {
                Noise_mV = noise,
                NoiseLabels = labels,
                Sizes = r.OptDoubles(d, "sizes", p, 0.001, 100) ?? [.. def.Sizes],
                Seeds = r.OptInt(d, "seeds", p, 1, 10_000) ?? def.Seeds,
                QuickSeeds = r.OptInt(d, "quick_seeds", p, 1, 10_000) ?? def.QuickSeeds,
                HealthyRuns = r.OptInt(d, "healthy_runs", p, 1, 100_000) ?? def.HealthyRuns,
                QuickHealthyRuns = r.OptInt(d, "quick_healthy_runs", p, 1, 100_000) ?? def.QuickHealthyRuns,
                TargetFalseAlarmsPer1000CellHours = r.OptDouble(d, "target_false_alarms_per_1000_cell_hours", p, 0, 1e6) ?? def.TargetFalseAlarmsPer1000CellHours,
                MinDetectionProbability = r.OptDouble(d, "min_detection_probability", p, 0.01, 1) ?? def.MinDetectionProbability,
            };
        }

        /// <summary>Typed access to JSON values with path-naming errors.</summary>
        private sealed class Reader(string source)
        {
            public SuiteFormatException Error(string path, string message) => new(source, path, message);

            public void Object(JsonElement e, string path, HashSet<string> allowed)
            {
                if (e.ValueKind != JsonValueKind.Object) throw Error(path, "must be an object");
                foreach (JsonProperty p in e.EnumerateObject())
                    if (!allowed.Contains(p.Name)) throw Error(path + "." + p.Name, $"unknown key (allowed: {string.Join(", ", allowed)})");
            }

            public string String(JsonElement e, string key, string path) =>
                OptString(e, key, path) ?? throw Error(path + "." + key, "is required");

            public string? OptString(JsonElement e, string key, string path)
            {
                if (!e.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.String) throw Error(path + "." + key, "must be a string");
                return v.GetString()!;
            }

            public int Int(JsonElement e, string key, string path, int min, int max) =>
                OptInt(e, key, path, min, max) ?? throw Error(path + "." + key, "is required");

            public int? OptInt(JsonElement e, string key, string path, int min, int max)
            {
                if (!e.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i)) throw Error(path + "." + key, "must be an integer");
                if (i < min || i > max) throw Error(path + "." + key, $"{i} is not in {min}..{max}");
                return i;
            }

            public double? OptDouble(JsonElement e, string key, string path, double min, double max)
            {
                if (!e.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
                return Number(v, path + "." + key, min, max);
            }

            public double[]? OptDoubles(JsonElement e, string key, string path, double min, double max)
            {
                if (!e.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) throw Error(path + "." + key, "must be a non-empty array of numbers");
                var list = new List<double>();
                int i = 0;
                foreach (JsonElement x in v.EnumerateArray()) list.Add(Number(x, $"{path}.{key}[{i++}]", min, max));
                return [.. list];
            }

            public string[]? OptStrings(JsonElement e, string key, string path)
            {
                if (!e.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.Array) throw Error(path + "." + key, "must be an array of strings");
                var list = new List<string>();
                int i = 0;
                foreach (JsonElement x in v.EnumerateArray())
                {
                    if (x.ValueKind != JsonValueKind.String) throw Error($"{path}.{key}[{i}]", "must be a string");
                    list.Add(x.GetString()!);
                    i++;
                }
                return [.. list];
            }

            private double Number(JsonElement v, string path, double min, double max)
            {
                if (v.ValueKind != JsonValueKind.Number) throw Error(path, "must be a number");
                double d = v.GetDouble();
                if (!double.IsFinite(d) || d < min || d > max) throw Error(path, $"{d} is not in [{min}, {max}]");
                return d;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CellVar.Bms.Rig.Configuration
{
    /// <summary>
    /// Reads monitor.json (format in src/HostTools/CellVar.Bms.Rig/README.md): <c>cell_count</c>, <c>temperature_sensor_cells</c>,
    /// <c>sample_period_s</c> and a <c>tunables</c> object keyed by MonitorConfig field names. Unknown keys are errors
    /// (a typo must not silently leave a default in place). JSON comments and trailing commas are accepted.
    /// </summary>
    public static class MonitorSettingsReader
    {
        private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        private static readonly string[] TopLevelKeys = ["cell_count", "temperature_sensor_cells", "sample_period_s", "tunables", "description"];

        /// <summary>Reads the file at <paramref name="path"/>.</summary>
        public static MonitorSettings ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

        /// <summary>Reads settings from JSON text; <paramref name="source"/> names it in messages.</summary>
        /// <exception cref="ConfigFormatException">The content is invalid.</exception>
        public static MonitorSettings Read(string json, string source)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json, Options);
            }
            catch (JsonException e)
            {
                throw new ConfigFormatException(source, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}", "invalid JSON");
            }
            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new ConfigFormatException(source, "(file)", "top level must be a JSON object");
                foreach (JsonProperty p in root.EnumerateObject())
                    if (!TopLevelKeys.Contains(p.Name))
                        throw new ConfigFormatException(source, p.Name, "unknown setting (expected " + string.Join(", ", TopLevelKeys) + ")");

                int? cellCount = null;
                if (root.TryGetProperty("cell_count", out JsonElement cc) && cc.ValueKind != JsonValueKind.Null)
                    cellCount = Int(cc, source, "cell_count", 1, int.MaxValue);

                List<int>? sensorCells = null;
                if (root.TryGetProperty("temperature_sensor_cells", out JsonElement ts) && ts.ValueKind != JsonValueKind.Null)
                {
                    if (ts.ValueKind != JsonValueKind.Array) throw new ConfigFormatException(source, "temperature_sensor_cells", "must be an array of 1-based cell numbers");
                    sensorCells = [];
                    int i = 0;
                    foreach (JsonElement e in ts.EnumerateArray()) sensorCells.Add(Int(e, source, $"temperature_sensor_cells[{i++}]", 1, int.MaxValue));
                }

                double? period = null;
                if (root.TryGetProperty("sample_period_s", out JsonElement sp) && sp.ValueKind != JsonValueKind.Null)
                {
                    if (sp.ValueKind != JsonValueKind.Number || !sp.TryGetDouble(out double d) || !double.IsFinite(d) || d <= 0 || d > 3600)
                        throw new ConfigFormatException(source, "sample_period_s", "must be a number of seconds in (0, 3600]");
                    period = d;
                }

                var tunables = new Dictionary<string, object>(StringComparer.Ordinal);
                if (root.TryGetProperty("tunables", out JsonElement tu) && tu.ValueKind != JsonValueKind.Null)
                {
                    if (tu.ValueKind != JsonValueKind.Object) throw new ConfigFormatException(source, "tunables", "must be an object of MonitorConfig field names");
                    foreach (JsonProperty p in tu.EnumerateObject())
                    {
                        string field = "tunables." + p.Name;
                        if (!MonitorSettings.TunableFields.TryGetValue(p.Name, out var fi))
                            throw new ConfigFormatException(source, field,
                                "unknown tunable; valid names: " + string.Join(", ", MonitorSettings.TunableFields.Keys.OrderBy(k => k, StringComparer.Ordinal)));
                        if (fi.FieldType == typeof(int[]))
                        {
                            if (p.Value.ValueKind != JsonValueKind.Array) throw new ConfigFormatException(source, field, "must be an array of integers");
                            var list = new List<int>();
                            int i = 0;
                            foreach (JsonElement e in p.Value.EnumerateArray()) list.Add(Int(e, source, $"{field}[{i++}]", int.MinValue, int.MaxValue));
                            tunables[p.Name] = list.ToArray();
                        }
                        else tunables[p.Name] = Int(p.Value, source, field, int.MinValue, int.MaxValue);
                    }
                }
                return new MonitorSettings { CellCount = cellCount, TemperatureSensorCells = sensorCells, SamplePeriod_s = period, Tunables = tunables, Source = source };
            }
        }

        private static int Int(JsonElement e, string source, string field, int min, int max)
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v))
                throw new ConfigFormatException(source, field, $"must be an integer (got {e.GetRawText()})");
            if (v < min || v > max) throw new ConfigFormatException(source, field, $"must be at least {min} (got {v})");
            return v;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CellVar.Bms.VirtualRig.Simulation;

namespace CellVar.Bms.VirtualRig.Scenarios
{
    /// <summary>
    /// A virtual-rig scenario (JSON, see <c>src/HostTools/examples/scenarios/</c>):
    /// <c>{"monitors":3,"cells":8,"seed":1,"duration_s":1500,"profile":{"kind":"drive"},
    /// "defects":[{"monitor":1,"cell":3,"kind":"weld","at_s":300,"ramp_s":0,"resistance_mOhm":5}]}</c>.
    /// Profile kinds: <c>drive</c>, <c>constant</c> (<c>current_A</c>), <c>pulses</c> (<c>high_A</c>, <c>low_A</c>, <c>period_s</c>, <c>duty</c>),
    /// <c>file</c> (<c>path</c>, relative to the scenario). Defect kinds: <c>weld</c> (<c>resistance_mOhm</c>), <c>hot</c> (<c>heat_W</c>), <c>sensor</c>.
    /// </summary>
    public sealed record RigScenarioFile(int? Monitors, int? Cells, int? Seed, double? Duration_s, LoadProfile? Profile, IReadOnlyList<InjectedDefect> Defects)
    {
        /// <summary>Reads and validates a scenario; <see cref="FormatException"/> names the file and field.</summary>
        public static RigScenarioFile Load(string path)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
            catch (JsonException e) { throw new FormatException($"{path}: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}"); }
            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: top level must be an object");
                foreach (var p in root.EnumerateObject())
                    if (p.Name is not ("monitors" or "cells" or "seed" or "duration_s" or "profile" or "defects" or "description"))
                        throw new FormatException($"{path}: unknown field '{p.Name}'");
                int? monitors = OptInt(root, "monitors", path, 1, 16);
                int? cells = OptInt(root, "cells", path, 3, 32);
                int? seed = OptInt(root, "seed", path, int.MinValue, int.MaxValue);
                double? duration = OptNum(root, "duration_s", path, 1, 1e7);
                LoadProfile? profile = null;
                if (root.TryGetProperty("profile", out JsonElement pe)) profile = ReadProfile(pe, path);
                var defects = new List<InjectedDefect>();
                if (root.TryGetProperty("defects", out JsonElement de))
                {
                    if (de.ValueKind != JsonValueKind.Array) throw new FormatException($"{path}: defects must be an array");
                    int i = 0;
                    foreach (JsonElement d in de.EnumerateArray()) defects.Add(ReadDefect(d, $"{path}: defects[{i++}]"));
                }
                return new RigScenarioFile(monitors, cells, seed, duration, profile, defects);
            }
        }

        private static LoadProfile ReadProfile(JsonElement e, string path)
        {
            string where = path + ": profile";
            string kind = Str(e, "kind", where);
            return kind switch
            {
                "drive" => LoadProfile.Drive(),
                "constant" => LoadProfile.Constant(Num(e, "current_A", where, -1000, 1000)),
                "pulses" => LoadProfile.Pulses(Num(e, "high_A", where, -1000, 1000), Num(e, "low_A", where, -1000, 1000),
                    Num(e, "period_s", where, 2, 1e6), Num(e, "duty", where, 0.01, 0.99)),
                "file" => LoadProfile.FromFile(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", Str(e, "path", where))),
                _ => throw new FormatException($"{where}.kind: '{kind}' is not one of drive, constant, pulses, file"),
            };
        }

        private static InjectedDefect ReadDefect(JsonElement d, string where)
        {
            int monitor = (int)Num(d, "monitor", where, 1, 16);
            int cell = (int)Num(d, "cell", where, 1, 32);
            string kind = Str(d, "kind", where);
            double at = Num(d, "at_s", where, 0, 1e7);
            double ramp = d.TryGetProperty("ramp_s", out _) ? Num(d, "ramp_s", where, 0, 1e7) : 0;
            return kind switch
            {
                "weld" => new InjectedDefect(monitor, cell, DefectKind.Weld, at, ramp,
                    d.TryGetProperty("resistance_mOhm", out _) ? Num(d, "resistance_mOhm", where, 0.01, 1000) : InjectedDefect.DefaultWeld_mOhm),
                "hot" => new InjectedDefect(monitor, cell, DefectKind.HotCell, at, ramp,
                    d.TryGetProperty("heat_W", out _) ? Num(d, "heat_W", where, 0.01, 100) : InjectedDefect.DefaultHeat_W),
                "sensor" => new InjectedDefect(monitor, cell, DefectKind.SensorFault, at, 0, 0),
                _ => throw new FormatException($"{where}.kind: '{kind}' is not one of weld, hot, sensor"),
            };
        }

        private static string Str(JsonElement e, string name, string where)
        {
            if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind != JsonValueKind.String)
                throw new FormatException($"{where}.{name}: required string");
            return v.GetString()!;
        }

        private static double Num(JsonElement e, string name, string where, double min, double max)
        {
            if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind != JsonValueKind.Number)
                throw new FormatException($"{where}.{name}: required number");
            double x = v.GetDouble();
            if (!(x >= min && x <= max)) throw new FormatException($"{where}.{name}: {x} outside {min}..{max}");
            return x;
        }

        private static int? OptInt(JsonElement e, string name, string path, int min, int max) =>
            e.TryGetProperty(name, out _) ? (int)Num(e, name, path, min, max) : null;

        private static double? OptNum(JsonElement e, string name, string path, double min, double max) =>
            e.TryGetProperty(name, out _) ? Num(e, name, path, min, max) : null;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>JSON names of <see cref="ScenarioKind"/>, the expectation and quantity of each kind, and size labels.</summary>
    public static class ScenarioKindNames
    {
        private static readonly Dictionary<string, ScenarioKind> ByName = new(StringComparer.Ordinal)
        {
            ["healthy"] = ScenarioKind.Healthy,
            ["weld_step"] = ScenarioKind.WeldStep,
            ["weld_ramp"] = ScenarioKind.WeldRamp,
            ["hot_cell"] = ScenarioKind.HotCell,
            ["extreme_cell"] = ScenarioKind.ExtremeCell,
            ["sensor_glitch"] = ScenarioKind.SensorGlitch,
            ["open_wire"] = ScenarioKind.OpenWire,
            ["balancing"] = ScenarioKind.Balancing,
            ["temperature_swing"] = ScenarioKind.TemperatureSwing,
        };

        /// <summary>All accepted names, for error messages.</summary>
        public static IEnumerable<string> Names => ByName.Keys;

        /// <summary>Parses a JSON kind name; false when unknown.</summary>
        public static bool TryParse(string name, out ScenarioKind kind) => ByName.TryGetValue(name, out kind);

        /// <summary>The JSON name of a kind.</summary>
        public static string Name(ScenarioKind kind)
        {
            foreach (var kv in ByName) if (kv.Value == kind) return kv.Key;
            return kind.ToString();
        }

        /// <summary>What a correct monitor must do in a scenario of this kind.</summary>
        public static Expectation ExpectationOf(ScenarioKind kind) => kind switch
        {
            ScenarioKind.Healthy => Expectation.None,
            ScenarioKind.WeldStep or ScenarioKind.WeldRamp or ScenarioKind.HotCell => Expectation.Detect,
            ScenarioKind.SensorGlitch or ScenarioKind.OpenWire => Expectation.SensorFault,
            _ => Expectation.NoAlarm,
        };

        /// <summary>The quantity that decides this kind's outcome.</summary>
        public static Quantity QuantityOf(ScenarioKind kind) => kind == ScenarioKind.HotCell ? Quantity.Temperature : Quantity.Resistance;

        /// <summary>Human label of a size: "+5 %", "×10", "2.5 W", "3 σ", "1 %/sample", "15 mV", "±5 K".</summary>
        public static string SizeLabel(ScenarioKind kind, double size)
        {
            string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            return kind switch
            {
                ScenarioKind.WeldStep or ScenarioKind.WeldRamp => size < 1 ? "+" + F(size * 100) + " %" : "×" + F(1 + size),
                ScenarioKind.HotCell => F(size) + " W",
                ScenarioKind.ExtremeCell => "+" + F(size) + " σ",
                ScenarioKind.SensorGlitch => F(size * 100) + " %/sample",
                ScenarioKind.OpenWire => "open",
                ScenarioKind.Balancing => F(size * 1000) + " mV",
                ScenarioKind.TemperatureSwing => "±" + F(size) + " K",
                _ => "-",
            };
        }
    }
}

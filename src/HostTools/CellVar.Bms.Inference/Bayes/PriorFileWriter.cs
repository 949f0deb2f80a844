using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace CellVar.Bms.Inference.Bayes
{
    /// <summary>Writes the host prior file (format "cellvar-priors", version 1; see the shared prior-format contract).</summary>
    public static class PriorFileWriter
    {
        private static readonly Dictionary<string, string> Units = new() { ["resistance"] = "mOhm", ["capacity"] = "Ah", ["temperature_rise"] = "K" };

        /// <summary>The unit the format prescribes for a quantity name; throws for unknown names.</summary>
        public static string UnitOf(string name) => Units.TryGetValue(name, out string? u) ? u
            : throw new InvalidInputException($"Quantity '{name}' is not part of the prior format.", "Use resistance (mOhm), capacity (Ah) or temperature_rise (K).");

        /// <summary>Serialises the file to JSON text.</summary>
        public static string ToJson(string source, IReadOnlyList<PriorQuantity> quantities, IReadOnlyList<PriorQuantity> cells)
        {
            var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("format", "cellvar-priors");
                w.WriteNumber("version", 1);
                w.WriteString("source", source);
                w.WriteStartArray("quantities");
                foreach (PriorQuantity q in quantities) Write(w, q, full: true);
                w.WriteEndArray();
                w.WriteStartArray("cells");
                foreach (PriorQuantity q in cells) Write(w, q, full: false);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(ms.ToArray());
        }

        private static void Write(Utf8JsonWriter w, PriorQuantity q, bool full)
        {
            Check(q);
            w.WriteStartObject();
            if (q.Cell.HasValue) w.WriteNumber("cell", q.Cell.Value);
            w.WriteString("name", q.Name);
            if (full) w.WriteString("unit", q.Unit);
            w.WriteString("family", q.Family);
            w.WriteNumber("location", q.Location);
            w.WriteNumber("scale", q.Scale);
            if (q.Df.HasValue) w.WriteNumber("df", q.Df.Value); else w.WriteNull("df");
            if (full)
            {
                w.WriteNull("defect_weight");
                w.WriteNull("defect_location");
                w.WriteNull("defect_scale");
            }
            w.WriteNumber("false_alarm_per_cell_day", q.FalseAlarmPerCellDay);
            if (q.ThresholdHigh.HasValue) w.WriteNumber("threshold_high", q.ThresholdHigh.Value); else w.WriteNull("threshold_high");
            if (q.ThresholdLow.HasValue) w.WriteNumber("threshold_low", q.ThresholdLow.Value); else w.WriteNull("threshold_low");
            w.WriteEndObject();
        }

        // The readers reject these, so never write them.
        private static void Check(PriorQuantity q)
        {
            if (!double.IsFinite(q.Location) || !(q.Scale > 0) || !double.IsFinite(q.Scale))
                throw new InvalidOperationException($"prior for {q.Name}{(q.Cell.HasValue ? " cell " + q.Cell : "")} has invalid location/scale {q.Location}/{q.Scale}");
            if (q.Df.HasValue && !(q.Df > 0))
                throw new InvalidOperationException("df must be > 0");
            if (q.ThresholdHigh.HasValue && q.ThresholdLow.HasValue && q.ThresholdLow >= q.ThresholdHigh)
                throw new InvalidOperationException("threshold_low must be below threshold_high");
        }
    }
}

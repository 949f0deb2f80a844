using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CellVar.Bms.Population.Priors
{
    /// <summary>Writes a cellvar-priors v1 file (the contract in the README); nulls are written explicitly.</summary>
    public static class PriorFile
    {
        /// <summary>Serialises the quantities as priors.json.</summary>
        public static void Write(Stream s, string source, IReadOnlyList<PriorQuantity> quantities)
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", "cellvar-priors");
            w.WriteNumber("version", 1);
            w.WriteString("source", source);
            w.WriteStartArray("quantities");
            foreach (var q in quantities)
            {
                w.WriteStartObject();
                w.WriteString("name", q.Name);
                w.WriteString("unit", q.Unit);
                w.WriteString("family", q.Family);
                w.WriteNumber("location", q.Location);
                w.WriteNumber("scale", q.Scale);
                Opt(w, "df", q.Df);
                Opt(w, "defect_weight", q.DefectWeight);
                Opt(w, "defect_location", q.DefectLocation);
                Opt(w, "defect_scale", q.DefectScale);
                w.WriteNumber("false_alarm_per_cell_day", q.FalseAlarmPerCellDay);
                Opt(w, "threshold_high", q.ThresholdHigh);
                Opt(w, "threshold_low", q.ThresholdLow);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Opt(Utf8JsonWriter w, string name, double? v)
        {
            if (v.HasValue) w.WriteNumber(name, v.Value); else w.WriteNull(name);
        }
    }
}

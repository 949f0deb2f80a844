using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>Writes replay results as JSON: alerts one object per line (JSONL), and the per-cell summary document.</summary>
    public static class ReplayJsonWriter
    {
        private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

        /// <summary>
        /// One line per alert event: <c>{"time_s", "cell" (1-based, null = pack), "kind", "event" ("raised"|"cleared"),
        /// "raised", "value", "threshold", "unit", "confidence", "sequence", "flags"?}</c>.
        /// </summary>
        public static void WriteAlerts(TextWriter w, ReplayResult result)
        {
            ArgumentNullException.ThrowIfNull(w);
            ArgumentNullException.ThrowIfNull(result);
            foreach (ReplayAlert a in result.Alerts)
            {
                object line = a.Kind == "sensor_fault"
                    ? new { time_s = a.Time_s, cell = a.Cell, kind = a.Kind, @event = a.Raised ? "raised" : "cleared", raised = a.Raised, value = a.Value, threshold = a.Threshold, unit = a.Unit, confidence = a.Confidence, sequence = a.Sequence, flags = a.Flags, line = a.SourceLine }
                    : new { time_s = a.Time_s, cell = a.Cell, kind = a.Kind, @event = a.Raised ? "raised" : "cleared", raised = a.Raised, value = Round(a.Value), threshold = Round(a.Threshold), unit = a.Unit, confidence = a.Confidence, sequence = a.Sequence, line = a.SourceLine };
                w.Write(JsonSerializer.Serialize(line, Compact));
                w.Write('\n');
            }
        }

        /// <summary>The summary document: source, rows, ticks, priors, pack figures and one object per cell.</summary>
        public static void WriteSummary(TextWriter w, ReplayResult r)
        {
            ArgumentNullException.ThrowIfNull(w);
            ArgumentNullException.ThrowIfNull(r);
            var doc = new
            {
                source = r.Source,
                rows = r.Rows,
                ticks = r.Ticks,
                duration_s = r.Duration_s,
                priors = r.Priors,
                pack = new
                {
                    r0_median_mOhm = r.R0Median_mOhm,
                    flagged_current_samples = r.FlaggedCurrentSamples,
                    flagged_temperature_samples = r.FlaggedTemperatureSamples,
                    alert_events = r.Alerts.Count,
                    alerts_dropped = r.AlertsDropped,
                    pack_alerts = r.Alerts.Where(a => a.Cell == null && a.Raised).Select(a => a.Kind).Distinct().ToArray(),
                },
                cells = r.Cells.Select(c => new
                {
                    cell = c.Cell,
                    r0_mOhm = c.R0_mOhm,
                    r0_se_mOhm = c.R0Se_mOhm,
                    r0_steps = c.R0Steps,
                    r0_score = c.R0Score,
                    r0_threshold_mOhm = c.R0Threshold_mOhm,
                    drift_pct = c.DriftPercent,
                    capacity_Ah = c.Capacity_Ah,
                    capacity_se_Ah = c.CapacitySe_Ah,
                    capacity_score = c.CapacityScore,
                    temperature_C = c.Temperature_C,
                    temperature_excess_K = c.TemperatureExcess_K,
                    temperature_score = c.TemperatureScore,
                    flagged_samples = c.FlaggedSamples,
                    alerts_raised = c.RaisedAlerts,
                    alerts_active = c.ActiveAlerts,
                }),
                warnings = r.Warnings,
            };
            w.Write(JsonSerializer.Serialize(doc, Indented));
            w.Write('\n');
        }

        // Device values are integers in µΩ/mAh/dC/ppm; after scaling, 6 decimals keep them exact without binary noise.
        private static double Round(double v) => Math.Round(v, 6);
    }
}

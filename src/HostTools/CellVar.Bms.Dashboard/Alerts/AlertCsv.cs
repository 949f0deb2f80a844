using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CellVar.Bms.Service.Storage;

namespace CellVar.Bms.Dashboard.Alerts
{
    /// <summary>Alerts as RFC 4180 CSV (header row; notes quoted when they hold commas, quotes or line breaks).</summary>
    public static class AlertCsv
    {
        /// <summary>Header row, also the column order.</summary>
        public const string Header = "alert_id,monitor_id,cell,kind,severity,open,raised_ms,value,limit,score_c,cleared_ms,acked_ms,acked_by,ack_note";

        /// <summary>Writes <paramref name="rows"/> with the header.</summary>
        public static string Write(IEnumerable<AlertRow> rows)
        {
            var sb = new StringBuilder(Header).Append('\n');
            foreach (AlertRow a in rows)
            {
                sb.Append(a.AlertId).Append(',').Append(Field(a.MonitorId)).Append(',').Append(a.Cell).Append(',').Append(a.Kind).Append(',')
                  .Append(AlertSeverity.Of(a.Kind, a.ScoreC)).Append(',').Append(a.Open ? "true" : "false").Append(',')
                  .Append(N(a.RaisedMs)).Append(',').Append(N(a.Value)).Append(',').Append(N(a.Limit)).Append(',').Append(N(a.ScoreC)).Append(',')
                  .Append(N(a.ClearedMs)).Append(',').Append(N(a.AckedMs)).Append(',').Append(Field(a.AckedBy)).Append(',').Append(Field(a.AckNote)).Append('\n');
            }
            return sb.ToString();
        }

        private static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

        private static string Field(string? s)
        {
            if (string.IsNullOrEmpty(s))
                return "";
            return s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
        }
    }
}

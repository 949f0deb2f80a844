using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Service.Storage;
using Microsoft.AspNetCore.Http;

namespace CellVar.Bms.Dashboard.Alerts
{
    /// <summary>The alert list's filters (<c>kind</c>, <c>severity</c>, <c>monitor</c>, <c>open</c>), shared by the JSON list and the CSV export.</summary>
    public sealed record AlertFilter(string? Kind, string? Severity, string? Monitor, bool OpenOnly)
    {
        private static readonly string[] Kinds = { "r_high", "r_low", "t_high", "q_low", "sensor" };
        private static readonly string[] Severities = { AlertSeverity.Fault, AlertSeverity.Critical, AlertSeverity.Warning };

        /// <summary>Reads the filters from a query string; returns an error naming the bad parameter.</summary>
        public static (AlertFilter? Filter, string? Error) Parse(IQueryCollection q)
        {
            string? kind = Empty(q["kind"]), severity = Empty(q["severity"]), monitor = Empty(q["monitor"]), open = Empty(q["open"]);
            if (kind != null && !Kinds.Contains(kind))
                return (null, $"kind '{kind}' must be one of {string.Join(", ", Kinds)}");
            if (severity != null && !Severities.Contains(severity))
                return (null, $"severity '{severity}' must be one of {string.Join(", ", Severities)}");
            if (open != null && open != "true" && open != "false")
                return (null, $"open '{open}' must be true or false");
            return (new AlertFilter(kind, severity, monitor, open == "true"), null);
        }

        /// <summary>Rows passing the filter (monitor and open are already applied by the store query).</summary>
        public IEnumerable<AlertRow> Apply(IEnumerable<AlertRow> rows) =>
            rows.Where(a => (Kind == null || a.Kind == Kind) && (Severity == null || AlertSeverity.Of(a.Kind, a.ScoreC) == Severity));

        private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }
}

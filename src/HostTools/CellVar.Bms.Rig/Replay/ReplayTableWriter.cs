using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>Prints a replay's per-cell table and alert summary with Spectre.Console.</summary>
    public static class ReplayTableWriter
    {
        /// <summary>Writes the table to <paramref name="w"/>; colours only when <paramref name="ansi"/> is true.</summary>
        public static void Write(TextWriter w, ReplayResult r, bool ansi = false, int width = 140)
        {
            ArgumentNullException.ThrowIfNull(w);
            ArgumentNullException.ThrowIfNull(r);
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(w),
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = width;

            console.WriteLine($"replay {r.Source}: {r.Rows} rows, {r.Ticks} ticks, {r.Duration_s.ToString("0.#", CultureInfo.InvariantCulture)} s; priors: {r.Priors}");
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("cell");
            table.AddColumn(new TableColumn("R0 mΩ ± se").RightAligned());
            table.AddColumn(new TableColumn("steps").RightAligned());
            table.AddColumn(new TableColumn("R0 score σ").RightAligned());
            table.AddColumn(new TableColumn("capacity Ah ± se").RightAligned());
            table.AddColumn(new TableColumn("cap score σ").RightAligned());
            table.AddColumn(new TableColumn("T °C").RightAligned());
            table.AddColumn(new TableColumn("excess K").RightAligned());
            table.AddColumn(new TableColumn("flagged").RightAligned());
            table.AddColumn("alerts raised (active*)");
            foreach (CellSummary c in r.Cells)
            {
                string alerts = string.Join(", ", c.RaisedAlerts.Select(k => c.ActiveAlerts.Contains(k) ? k + "*" : k));
                table.AddRow(
                    Markup.Escape(c.Cell.ToString(CultureInfo.InvariantCulture)),
                    Markup.Escape(PlusMinus(c.R0_mOhm, c.R0Se_mOhm, "0.000")),
                    c.R0Steps.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(Num(c.R0Score, "0.0")),
                    Markup.Escape(PlusMinus(c.Capacity_Ah, c.CapacitySe_Ah, "0.000")),
                    Markup.Escape(Num(c.CapacityScore, "0.0")),
                    Markup.Escape(Num(c.Temperature_C, "0.0")),
                    Markup.Escape(Num(c.TemperatureExcess_K, "0.0")),
                    c.FlaggedSamples.ToString(CultureInfo.InvariantCulture),
                    alerts.Length == 0 ? "-" : (ansi ? "[red]" + Markup.Escape(alerts) + "[/]" : Markup.Escape(alerts)));
            }
            console.Write(table);
            string median = r.R0Median_mOhm is double md ? md.ToString("0.000", CultureInfo.InvariantCulture) + " mΩ" : "n/a";
            console.WriteLine($"pack: R0 median {median}; flagged current samples {r.FlaggedCurrentSamples}; alert events {r.Alerts.Count} (dropped {r.AlertsDropped})");
            foreach (var g in r.Alerts.Where(a => a.Raised).GroupBy(a => (a.Cell, a.Kind)))
            {
                ReplayAlert first = g.First();
                string who = first.Cell is int c ? "cell " + c : "pack";
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ALERT {first.Kind} on {who} at t={first.Time_s:0.#} s: {Value(first)} (threshold {first.Threshold:0.###} {first.Unit})"));
            }
        }

        private static string Value(ReplayAlert a) => a.Unit == "flags"
            ? string.Join("+", a.Flags)
            : string.Create(CultureInfo.InvariantCulture, $"{a.Value:0.###} {a.Unit}, confidence {a.Confidence:0.###}");

        private static string Num(double? v, string f)
        {
            if (v is not double d) return "-";
            string s = d.ToString(f, CultureInfo.InvariantCulture);
            // A small negative value rounds to "-0.0"; show plain zero.
            return s[0] == '-' && s.AsSpan(1).Trim("0.").IsEmpty ? s.Substring(1) : s;
        }

        private static string PlusMinus(double? v, double? se, string f) =>
            v is double d ? d.ToString(f, CultureInfo.InvariantCulture) + (se is double s ? " ± " + s.ToString(f, CultureInfo.InvariantCulture) : "") : "-";
    }
}

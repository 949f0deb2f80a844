using System.IO;
using System.Linq;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>Writes the report tables as GitHub markdown.</summary>
    public static class MarkdownWriter
    {
        /// <summary>Writes every table under a heading with the run's facts.</summary>
        public static void Write(TextWriter w, EvaluationResult r, string command)
        {
            w.WriteLine($"## Detection performance — suite `{r.Suite}`{(r.Quick ? " (quick)" : "")}");
            w.WriteLine();
            w.WriteLine($"Command: `{command}`  ");
            w.WriteLine($"Run: {r.Started_utc:yyyy-MM-dd HH:mm} UTC, {r.Elapsed.TotalSeconds:0} s, {r.Runs} simulated packs of {r.Cells} cells " +
                        $"(+ calibration packs), rig voltage noise {Format.N(r.VoltageNoise_mV)} mV.  ");
            w.WriteLine($"Population prior learned from healthy calibration packs: R = {Format.N(r.Prior.ResistanceMean_uOhm / 1000, 3)} mΩ " +
                        $"± {Format.N(r.Prior.ResistanceSd_uOhm / 1000, 4)} mΩ (device estimates), temperature deviation sd {Format.N(r.Prior.TemperatureDeviationSd_dC / 10, 3)} K.");
            w.WriteLine();
            foreach (TextTable t in ReportTables.Build(r))
            {
                w.WriteLine("### " + t.Title);
                w.WriteLine();
                w.WriteLine(t.Note);
                w.WriteLine();
                w.WriteLine("| " + string.Join(" | ", t.Headers) + " |");
                w.WriteLine("|" + string.Concat(t.Headers.Select(_ => "---|")));
                foreach (var row in t.Rows) w.WriteLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
                w.WriteLine();
            }
        }
    }
}

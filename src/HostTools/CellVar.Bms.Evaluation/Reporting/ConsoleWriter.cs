using System.IO;
using Spectre.Console;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>Prints the report tables with Spectre.Console.</summary>
    public static class ConsoleWriter
    {
        /// <summary>Writes every table to <paramref name="output"/> (ANSI colours only when <paramref name="ansi"/>).</summary>
        public static void Write(TextWriter output, EvaluationResult r, bool ansi)
        {
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(output),
            });
            console.Profile.Width = 240;
            console.WriteLine($"suite {r.Suite}{(r.Quick ? " (quick)" : "")}: {r.Runs} packs × {r.Cells} cells, {r.Elapsed.TotalSeconds:0} s");
            foreach (TextTable t in ReportTables.Build(r))
            {
                var table = new Table { Title = new TableTitle(Markup.Escape(t.Title)), Border = TableBorder.Simple };
                foreach (string h in t.Headers) table.AddColumn(new TableColumn(Markup.Escape(h)));
                foreach (var row in t.Rows)
                {
                    var cells = new string[row.Count];
                    for (int i = 0; i < row.Count; i++) cells[i] = Markup.Escape(row[i]);
                    table.AddRow(cells);
                }
                console.Write(table);
            }
        }
    }
}

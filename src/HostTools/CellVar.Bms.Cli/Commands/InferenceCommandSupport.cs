using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using CellVar.Bms.Inference;
using Spectre.Console;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>Shared plumbing of the analysis verbs (fit, variance, update-priors, sensitivity, identifiability): output, JSON, errors.</summary>
    internal static class InferenceCommandSupport
    {
        public static readonly JsonSerializerOptions Json = new()
        {
            WriteIndented = true,
            // Plain '+', '<', '>' in model descriptions: the document goes to a terminal or a file, never into HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };

        /// <summary>A Spectre console writing to the verb's output (so tests can capture it).</summary>
        public static IAnsiConsole Console(ParseResult parse)
        {
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            // Output is often redirected (width unknown → 80): the result tables need more room to stay readable.
            console.Profile.Width = 160;
            return console;
        }

        /// <summary>Runs the verb body; bad input becomes a two-part message on stderr and exit code 2.</summary>
        public static int Run(ParseResult parse, Func<int> body)
        {
            try
            {
                return body();
            }
            catch (InvalidInputException ex)
            {
                TextWriter err = parse.InvocationConfiguration.Error;
                err.WriteLine("error: " + ex.Problem);
                err.WriteLine("fix:   " + ex.Fix);
                return 2;
            }
        }

        /// <summary>Writes one JSON document.</summary>
        public static void WriteJson(ParseResult parse, object document) =>
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(document, Json));

        /// <summary>JSON has no NaN: non-finite numbers become null.</summary>
        public static double? Num(double v) => double.IsFinite(v) ? v : null;

        /// <summary>Adds a row of plain text (intervals like "[a, b]" would otherwise be read as Spectre markup).</summary>
        public static Table AddTextRow(this Table table, params string[] cells) => table.AddRow(cells.Select(Markup.Escape).ToArray());

        /// <summary>Compact number for tables.</summary>
        public static string F(double v) => double.IsFinite(v) ? v.ToString("G5", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }
}

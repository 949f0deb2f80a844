using System;
using System.CommandLine;
using System.IO;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Priors;
using CellVar.Bms.Rig.Replay;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar replay RIG.csv [--config monitor.json] [--priors priors.json] [--out alerts.jsonl] [--summary summary.json]</c>:
    /// runs the device library over a rig log as the firmware would and prints a per-cell table.
    /// Exit codes: 0 = replayed, 1 = a file could not be read or written, 2 = bad input (message names file, line/column or field).
    /// </summary>
    internal static class ReplayCommand
    {
        public static Command Create()
        {
            var log = new Argument<string>("rig-log") { Description = "Rig log CSV: time_s,current_A,cell1_V..cellN_V[,temp1_C..tempM_C], any column order." };
            var config = new Option<string?>("--config") { Description = "monitor.json: cell_count, temperature_sensor_cells, sample_period_s, tunables (MonitorConfig field names)." };
            var priors = new Option<string?>("--priors") { Description = "Host prior file (cellvar-priors v1). Default: each cell against the pack's robust median." };
            var output = new Option<string?>("--out") { Description = "Write alerts as JSON lines to this file." };
            var summary = new Option<string?>("--summary") { Description = "Write the per-cell summary JSON to this file." };
            var cmd = new Command("replay", "Run the exact device library over a rig log and report per-cell estimates and alerts.");
            cmd.Arguments.Add(log);
            foreach (Option o in new Option[] { config, priors, output, summary }) cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                TextWriter stdout = parse.InvocationConfiguration.Output;
                TextWriter err = parse.InvocationConfiguration.Error;
                string logPath = parse.GetValue(log)!;
                string? configPath = parse.GetValue(config), priorsPath = parse.GetValue(priors);
                string? outPath = parse.GetValue(output), summaryPath = parse.GetValue(summary);
                try
                {
                    MonitorSettings settings = configPath != null ? MonitorSettingsReader.ReadFile(configPath) : new MonitorSettings();
                    PriorFile? priorFile = priorsPath != null ? PriorFileReader.ReadFile(priorsPath) : null;
                    RigLog rig = RigLogReader.ReadFile(logPath);
                    ReplayResult result = ReplayRunner.Run(rig, settings, priorFile, Path.GetFileName(logPath),
                        priorsPath != null ? Path.GetFileName(priorsPath) : "priors");
                    foreach (string w in result.Warnings) err.WriteLine("warning: " + w);
                    bool ansi = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
                    ReplayTableWriter.Write(stdout, result, ansi);
                    if (outPath != null)
                        using (var w = new StreamWriter(outPath)) ReplayJsonWriter.WriteAlerts(w, result);
                    if (summaryPath != null)
                        using (var w = new StreamWriter(summaryPath)) ReplayJsonWriter.WriteSummary(w, result);
                    return 0;
                }
                catch (RigLogFormatException e) { return Fail(err, e.Message, 2); }
                catch (ConfigFormatException e) { return Fail(err, e.Message, 2); }
                catch (PriorFormatException e) { return Fail(err, e.Message, 2); }
                catch (FileNotFoundException e) { return Fail(err, "file not found: " + (e.FileName ?? e.Message), 1); }
                catch (DirectoryNotFoundException e) { return Fail(err, e.Message, 1); }
                catch (IOException e) { return Fail(err, e.Message, 1); }
                catch (UnauthorizedAccessException e) { return Fail(err, e.Message, 1); }
            });
            return cmd;
        }

        private static int Fail(TextWriter err, string message, int code)
        {
            err.WriteLine("cellvar replay: " + message);
            return code;
        }
    }
}

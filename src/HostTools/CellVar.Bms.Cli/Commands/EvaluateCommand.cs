using System;
using System.CommandLine;
using System.IO;
using CellVar.Bms.Evaluation;
using CellVar.Bms.Evaluation.Reporting;
using CellVar.Bms.Evaluation.Suites;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar evaluate --suite SUITE.json [--quick] [--out DIR]</c>: runs a scenario suite through the device code and the
    /// baselines, prints the tables and writes results.json, roc.csv, results.md and ROC PNGs.
    /// </summary>
    internal static class EvaluateCommand
    {
        public static Command Create()
        {
            var suite = new Option<string>("--suite") { Description = "Suite file (cellvar-suite v1 JSON), e.g. src/HostTools/examples/suites/standard.json", Required = true };
            var quick = new Option<bool>("--quick") { Description = "Few seeds per scenario (CI smoke run, under a minute on 2 idle cores)" };
            var output = new Option<string?>("--out") { Description = "Folder for results.json, roc.csv, results.md and roc-*.png" };
            var jobs = new Option<int>("--jobs") { Description = "Parallel runs (default: all cores)", DefaultValueFactory = _ => 0 };
            var cmd = new Command("evaluate", "Measure detection quality: device vs baselines over scenario suites (ROC, delay, false alarms).");
            cmd.Options.Add(suite);
            cmd.Options.Add(quick);
            cmd.Options.Add(output);
            cmd.Options.Add(jobs);
            cmd.SetAction(parse =>
            {
                TextWriter stdout = parse.InvocationConfiguration.Output;
                TextWriter err = parse.InvocationConfiguration.Error;
                string suitePath = parse.GetValue(suite)!;
                bool isQuick = parse.GetValue(quick);
                string? outDir = parse.GetValue(output);
                int par = parse.GetValue(jobs);
                if (par < 0) { err.WriteLine("error: --jobs must be ≥ 0"); return 2; }
                SuiteDefinition def;
                try { def = SuiteReader.ReadFile(suitePath); }
                catch (SuiteFormatException e) { err.WriteLine("error: " + e.Message); return 2; }
                string last = "";
                EvaluationResult result = SuiteEvaluator.Run(def, isQuick, par, (stage, done, total) =>
                {
                    lock (err)
                    {
                        // Progress on stderr, one line per stage and every 10 %, so stdout stays a clean table.
                        string line = $"{stage}: {done}/{total}";
                        if (stage != last || total < 10 || done == total || done % Math.Max(1, total / 10) == 0) { err.WriteLine(line); last = stage; }
                    }
                });
                bool ansi = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
                ConsoleWriter.Write(stdout, result, ansi);
                if (outDir != null)
                {
                    string command = "cellvar evaluate --suite " + suitePath + (isQuick ? " --quick" : "") + " --out " + outDir;
                    foreach (string p in ResultFiles.Write(outDir, result, command)) err.WriteLine("wrote " + p);
                }
                return 0;
            });
            return cmd;
        }
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar cell --model spme|ecm --params chen2020 --soc0 0.75 --profile profile.csv --out voltage.csv [--set NAME=VALUE ...]</c>:
    /// simulates one cell under a current profile and writes its voltage trace.
    /// </summary>
    internal static class CellCommand
    {
        public static Command Create()
        {
            var model = new Option<string>("--model") { Description = "Cell model: spme, ecm (or any registered model).", DefaultValueFactory = _ => "spme" };
            var parameters = new Option<string>("--params") { Description = "Named parameter set.", DefaultValueFactory = _ => "chen2020" };
            var soc0 = new Option<double>("--soc0") { Description = "Initial state of charge, 0..1 (eSOH scale).", DefaultValueFactory = _ => 1.0 };
            var profile = new Option<string?>("--profile") { Description = "CSV with header time_s,current_A (positive = discharge); each row's current holds until the next row's time." };
            var output = new Option<string?>("--out") { Description = "Output CSV (time_s,voltage_V,soc,current_A and model internals); '-' for standard output." };
            var set = new Option<string[]>("--set") { Description = "Override a parameter: NAME=VALUE (repeatable; see --list-params).", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => Array.Empty<string>() };
            var dt = new Option<double>("--dt") { Description = "Largest time step in seconds.", DefaultValueFactory = _ => 1.0 };
            var noCutoff = new Option<bool>("--no-cutoff") { Description = "Do not stop at the cut-off voltages (physical limits still stop the run)." };
            var listParams = new Option<bool>("--list-params") { Description = "List parameter names, units, values and admissible ranges, then exit." };
            var cmd = new Command("cell", "Simulate one cell (SPMe or ECM) under a current profile.");
            foreach (Option o in new Option[] { model, parameters, soc0, profile, output, set, dt, noCutoff, listParams })
                cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                var stdout = parse.InvocationConfiguration.Output;
                var stderr = parse.InvocationConfiguration.Error;
                try
                {
                    CellParameters p = ParameterOverrides.Apply(ParameterSets.Get(parse.GetValue(parameters)!), parse.GetValue(set) ?? Array.Empty<string>());
                    if (parse.GetValue(listParams))
                    {
                        WriteParameterList(stdout, p);
                        return 0;
                    }
                    string? profilePath = parse.GetValue(profile);
                    string? outPath = parse.GetValue(output);
                    if (profilePath == null || outPath == null)
                    {
                        stderr.WriteLine("error: --profile and --out are required (or use --list-params).");
                        return 2;
                    }
                    double soc = parse.GetValue(soc0);
                    if (!(soc >= 0 && soc <= 1))
                    {
                        stderr.WriteLine($"error: --soc0 {soc.ToString(CultureInfo.InvariantCulture)} is outside [0, 1].");
                        return 2;
                    }
                    double step = parse.GetValue(dt);
                    if (!(step > 0) || !double.IsFinite(step))
                    {
                        stderr.WriteLine("error: --dt must be a positive number of seconds.");
                        return 2;
                    }
                    ICellModel m = CellModelRegistry.Create(parse.GetValue(model)!);
                    CurrentProfile prof = CurrentProfileCsv.Read(profilePath);
                    var options = new SimulationOptions { InitialSoc = soc, TimeStep_s = step, StopAtVoltageCutoffs = !parse.GetValue(noCutoff) };
                    SimulationResult r = m.Simulate(p, prof, options);
                    if (outPath == "-") WriteTrace(stdout, r);
                    else
                    {
                        using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
                        WriteTrace(w, r);
                    }
                    var summary = string.Format(CultureInfo.InvariantCulture, "{0}: {1} points, {2:0.####} Ah discharged; {3}",
                        r.ModelName, r.Count, r.DischargedCharge_Ah, r.TerminationMessage);
                    if (r.Termination == TerminationReason.ProfileCompleted)
                        (outPath == "-" ? stderr : stdout).WriteLine(summary);
                    else
                        (outPath == "-" ? stderr : stdout).WriteLine("STOPPED EARLY (" + r.Termination + ") — " + summary);
                    return 0;
                }
                catch (Exception e) when (e is ParameterException or ProfileFormatException or ArgumentException or IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine("error: " + e.Message);
                    return 2;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A model from another project may fail in its own way (e.g. a DFN solver failure): report, don't crash.
                    stderr.WriteLine($"error: the simulation failed: {e.GetType().Name}: {e.Message}");
                    return 1;
                }
            });
            return cmd;
        }

        private static void WriteParameterList(TextWriter w, CellParameters p)
        {
            w.WriteLine("name,value,unit,range,description");
            foreach (var d in CellParameters.Definitions)
                w.WriteLine(string.Join(",", d.Name, d.Get(p).ToString("R", CultureInfo.InvariantCulture), d.Unit, "\"" + d.RangeText + "\"", d.Description));
        }

        private static void WriteTrace(TextWriter w, SimulationResult r)
        {
            var ci = CultureInfo.InvariantCulture;
            var header = new StringBuilder("time_s,voltage_V,soc,current_A");
            foreach (var n in r.InternalNames) header.Append(',').Append(n);
            w.WriteLine(header.ToString());
            var cols = new double[r.InternalNames.Count][];
            for (int j = 0; j < cols.Length; j++) cols[j] = r.Internal(r.InternalNames[j]);
            var line = new StringBuilder();
            for (int i = 0; i < r.Count; i++)
            {
                line.Clear();
                line.Append(r.Time_s[i].ToString("0.###", ci)).Append(',')
                    .Append(r.Voltage_V[i].ToString("0.######", ci)).Append(',')
                    .Append(r.Soc[i].ToString("0.######", ci)).Append(',')
                    .Append(r.Current_A[i].ToString("0.######", ci));
                foreach (var c in cols) line.Append(',').Append((c[i] + 0.0).ToString("G7", ci)); // + 0.0 turns -0 into 0
                w.WriteLine(line.ToString());
            }
        }
    }
}

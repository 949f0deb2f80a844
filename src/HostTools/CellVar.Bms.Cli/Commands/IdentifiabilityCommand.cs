using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Identifiability;
using CellVar.Bms.Inference.Plotting;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using Spectre.Console;
using static CellVar.Bms.Cli.Commands.InferenceCommandSupport;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar identifiability --params eps,tau --experiment pulse</c>: Fisher information, correlations, profile likelihoods.</summary>
    internal static class IdentifiabilityCommand
    {
        public static Command Create()
        {
            var pars = new Option<string>("--params") { Description = "Comma list: eps, tau (porosity/tortuosity of --region) and/or cell parameter names.", Required = true };
            var experiment = new Option<string>("--experiment") { Description = "pulse | cc | hppc | a time_s,current_A CSV file.", DefaultValueFactory = _ => "pulse" };
            var region = new Option<string>("--region") { Description = "Region of eps/tau: separator | negative | positive.", DefaultValueFactory = _ => "separator" };
            var model = new Option<string>("--model") { Description = "Cell model (spme, ecm, …).", DefaultValueFactory = _ => "spme" };
            var set = new Option<string>("--parameter-set") { Description = "Nominal parameter set.", DefaultValueFactory = _ => "chen2020" };
            var noise = new Option<double>("--noise-mV") { Description = "Voltage measurement noise sd.", DefaultValueFactory = _ => 1.0 };
            var extra = new Option<string[]>("--extra-measurement") { Description = "Independent measurement NAME:SIGMA (porosity = eps, tortuosity = tau), repeatable.", AllowMultipleArgumentsPerToken = true };
            var sample = new Option<double>("--sample-s") { Description = "Voltage sample interval.", DefaultValueFactory = _ => 10 };
            var dt = new Option<double>("--dt") { Description = "Model time step.", DefaultValueFactory = _ => 5 };
            var soc = new Option<double?>("--soc0") { Description = "Initial SOC (CSV experiments; overrides the built-in ones)." };
            var plot = new Option<string?>("--plot") { Description = "Write the profile likelihoods to this PNG file." };
            var json = new Option<bool>("--json") { Description = "Print one JSON document." };
            var cmd = new Command("identifiability", "Which cell parameters can voltage data pin down? Fisher information and profile likelihoods.");
            foreach (Option o in new Option[] { pars, experiment, region, model, set, noise, extra, sample, dt, soc, plot, json })
                cmd.Options.Add(o);
            cmd.SetAction(parse => Run(parse, () =>
            {
                CellParameters nominal;
                ICellModel cell;
                try
                {
                    nominal = ParameterSets.Get(parse.GetValue(set)!);
                    cell = CellModelRegistry.Create(parse.GetValue(model)!);
                }
                catch (Exception ex) when (ex is ParameterException || ex is ArgumentException || ex is KeyNotFoundException)
                {
                    throw new InvalidInputException(ex.Message, "Use a known parameter set (chen2020) and model (" + string.Join(", ", CellModelRegistry.Names) + ").");
                }
                string[] names = parse.GetValue(pars)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var map = new CellParameterMap(nominal, names, parse.GetValue(region)!);
                string expName = parse.GetValue(experiment)!;
                VoltageExperiment exp;
                if (File.Exists(expName))
                {
                    CurrentProfile profile;
                    try
                    {
                        profile = CurrentProfileCsv.Read(expName);
                    }
                    catch (ProfileFormatException ex)
                    {
                        throw new InvalidInputException(ex.Message, "Give a CSV with header time_s,current_A.");
                    }
                    exp = new VoltageExperiment(Path.GetFileName(expName), profile, parse.GetValue(soc) ?? 0.8, parse.GetValue(sample), parse.GetValue(dt));
                }
                else
                {
                    exp = VoltageExperiment.Named(expName, nominal.NominalCapacity_Ah, parse.GetValue(sample), parse.GetValue(dt));
                    if (parse.GetValue(soc) is double s0) exp = new VoltageExperiment(exp.Name, exp.Profile, s0, parse.GetValue(sample), parse.GetValue(dt));
                }
                var measurements = (parse.GetValue(extra) ?? Array.Empty<string>()).Select(ParseExtra).ToList();
                IdentifiabilityResult r = IdentifiabilityAnalysis.Run(cell, map, exp, parse.GetValue(noise) / 1000, measurements);
                string? png = parse.GetValue(plot);
                if (png != null)
                    PlotWriter.Profiles(r.Profiles.Select(p => (p.Name, p.Factors, p.Drop.Select(v => double.IsNaN(v) ? double.NaN : Math.Min(v, 20)).ToArray())).ToList(), png);
                int d = r.Names.Count;
                if (parse.GetValue(json))
                {
                    WriteJson(parse, new
                    {
                        model = cell.Name,
                        experiment = exp.Name,
                        region = map.Region,
                        samples = r.Samples,
                        noise_mV = parse.GetValue(noise),
                        extra_measurements = measurements.Select(m => new { parameter = m.Parameter, sigma = m.Sigma }),
                        parameters = r.Names,
                        nominal = r.Nominal,
                        fisher_log_scale = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => r.Fisher[i, j])),
                        eigenvalues = r.Eigenvalues,
                        condition_number = Num(r.ConditionNumber),
                        relative_sd = r.RelativeSd.Select(Num),
                        correlation = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => Num(r.Correlation[i, j]))),
                        weakest_direction_log = r.WeakestDirection,
                        profiles = r.Profiles.Select(p => new { parameter = p.Name, factors = p.Factors, loglik_drop = p.Drop.Select(Num), lower_factor95 = Num(p.Lower), upper_factor95 = Num(p.Upper), bounded = p.Bounded }),
                        model_runs = r.ModelRuns,
                        plot = png,
                    });
                    return 0;
                }
                IAnsiConsole console = InferenceCommandSupport.Console(parse);
                console.WriteLine($"{cell.Name}, experiment {exp.Name} ({r.Samples} voltage samples, noise {parse.GetValue(noise)} mV), eps/tau of the {map.Region}; {r.ModelRuns} model runs");
                if (measurements.Count > 0) console.WriteLine("extra measurements: " + string.Join(", ", measurements.Select(m => $"{m.Parameter} ± {m.Sigma}")));
                console.WriteLine($"Fisher information (log parameters): condition number {F(r.ConditionNumber)}, eigenvalues {string.Join(", ", r.Eigenvalues.Select(F))}");
                console.WriteLine("least identifiable direction (d ln θ): " + string.Join(", ", r.Names.Select((n, i) => $"{n} {r.WeakestDirection[i]:F3}")));
                var t = new Table().AddColumn("parameter").AddColumn("nominal").AddColumn("rel. sd (CRLB)");
                foreach (string n in r.Names) t.AddColumn("corr " + n);
                t.AddColumn("95 % profile range (× nominal)");
                for (int i = 0; i < d; i++)
                {
                    var row = new List<string> { r.Names[i], F(r.Nominal[i]), F(r.RelativeSd[i]) };
                    row.AddRange(Enumerable.Range(0, d).Select(j => r.Correlation[i, j].ToString("F3", CultureInfo.InvariantCulture)));
                    ProfileCurve p = r.Profiles[i];
                    row.Add(p.Bounded ? $"[{p.Lower:F3}, {p.Upper:F3}]" : $"unbounded in [{p.Factors[0]:F2}, {p.Factors[^1]:F2}] ({(double.IsNaN(p.Lower) ? "low" : "")}{(double.IsNaN(p.Lower) && double.IsNaN(p.Upper) ? "+" : "")}{(double.IsNaN(p.Upper) ? "high" : "")} side flat)");
                    t.AddTextRow(row.ToArray());
                }
                console.Write(t);
                if (png != null) console.WriteLine("profile plot written to " + png);
                return 0;
            }));
            return cmd;
        }

        private static ExtraMeasurement ParseExtra(string s)
        {
            string[] parts = s.Split(':');
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double sigma))
                throw new InvalidInputException($"--extra-measurement '{s}' is not NAME:SIGMA.", "Write e.g. porosity:0.01 or tortuosity:0.05.");
            string name = parts[0].Trim().ToLowerInvariant() switch
            {
                "porosity" => "eps",
                "tortuosity" => "tau",
                _ => parts[0].Trim(),
            };
            return new ExtraMeasurement(name, sigma);
        }
    }
}

using System;
using System.CommandLine;
using System.Linq;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Data;
using CellVar.Bms.Inference.Fitting;
using CellVar.Bms.Inference.Plotting;
using Spectre.Console;
using static CellVar.Bms.Cli.Commands.InferenceCommandSupport;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar fit DATA.csv --column COL</c>: ML fits of several families, AIC/BIC ranking, GoF, tail estimate.</summary>
    internal static class FitCommand
    {
        public static Command Create()
        {
            var data = new Argument<string>("data") { Description = "CSV file with a header row." };
            var column = new Option<string>("--column") { Description = "Column to fit.", Required = true };
            var censoredBy = new Option<string?>("--censored-by") { Description = "Column flagging right-censored rows (1/true = censored)." };
            var families = new Option<string?>("--families") { Description = "Comma list of families (default all): normal,lognormal,weibull,gamma,student_t,normal_defect_mixture." };
            var bootstrap = new Option<int>("--bootstrap") { Description = "Parametric-bootstrap replicates for the Anderson–Darling p-value (0 = skip).", DefaultValueFactory = _ => 200 };
            var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
            var tailQuantile = new Option<double>("--tail-quantile") { Description = "Peaks-over-threshold threshold as an empirical quantile.", DefaultValueFactory = _ => 0.8 };
            var tailLower = new Option<bool>("--lower-tail") { Description = "Analyse the lower tail (e.g. low capacity) instead of the upper." };
            var tailLevel = new Option<double?>("--tail-level") { Description = "Report the probability of a cell beyond this level." };
            var qq = new Option<string?>("--qq-plot") { Description = "Write a QQ plot to this PNG file (best AIC family unless --qq-family)." };
            var qqFamily = new Option<string?>("--qq-family") { Description = "Family for the QQ plot." };
            var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the table." };
            var cmd = new Command("fit", "Fit distributions to a column by maximum likelihood and rank them.");
            cmd.Arguments.Add(data);
            foreach (Option o in new Option[] { column, censoredBy, families, bootstrap, seed, tailQuantile, tailLower, tailLevel, qq, qqFamily, json })
                cmd.Options.Add(o);
            cmd.SetAction(parse => Run(parse, () =>
            {
                CsvTable table = CsvTable.Load(parse.GetValue(data)!);
                string col = parse.GetValue(column)!;
                double[] raw = table.Numbers(col);
                string? cens = parse.GetValue(censoredBy);
                string[]? flags = cens != null ? table.Text(cens) : null;
                var values = new System.Collections.Generic.List<double>();
                var censored = new System.Collections.Generic.List<bool>();
                for (int r = 0; r < raw.Length; r++)
                {
                    if (double.IsNaN(raw[r])) continue;
                    values.Add(raw[r]);
                    censored.Add(flags != null && ParseFlag(flags[r], table, r, cens!));
                }
                var sample = new ObservedSample(values, censored, col);
                string? fam = parse.GetValue(families);
                var chosen = fam?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(DistributionFitter.Family).ToList();
                FitComparison result = DistributionFitter.Compare(sample, chosen, parse.GetValue(bootstrap), parse.GetValue(seed));
                TailEstimate? tail = null;
                string? tailNote = null;
                if (sample.HasCensoring)
                {
                    tailNote = "right-censored data: the upper tail is not observed, so no peaks-over-threshold estimate is made.";
                }
                else
                {
                    try
                    {
                        tail = TailEstimate.Fit(sample.ObservedValues, parse.GetValue(tailQuantile), !parse.GetValue(tailLower));
                    }
                    catch (InvalidInputException ex)
                    {
                        tailNote = ex.Message;
                    }
                }
                double? level = parse.GetValue(tailLevel);
                string? qqPath = parse.GetValue(qq);
                if (qqPath != null)
                {
                    string? qf = parse.GetValue(qqFamily);
                    FamilyFit chosenFit = qf == null ? result.Ranked[0]
                        : result.Get(DistributionFitter.Family(qf).Name) ?? throw new InvalidInputException($"--qq-family {qf} was not fitted.", "Pick one of the fitted families: " + string.Join(", ", result.Ranked.Select(r => r.Fit.Family.Name)) + ".");
                    PlotWriter.QqPlot(sample, chosenFit.Fit, qqPath);
                }

                if (parse.GetValue(json))
                {
                    WriteJson(parse, new
                    {
                        column = col,
                        n = sample.Count,
                        censored = sample.Count - sample.ObservedCount,
                        fits = result.Ranked.Select(f => new
                        {
                            family = f.Fit.Family.Name,
                            parameters = f.Fit.Family.ParameterNames.Select((p, i) => new { name = p, estimate = Num(f.Fit.Parameters[i]), lower95 = Num(f.Fit.Lower95[i]), upper95 = Num(f.Fit.Upper95[i]) }),
                            log_likelihood = Num(f.Fit.LogLikelihood),
                            aic = Num(f.Fit.Aic),
                            bic = Num(f.Fit.Bic),
                            delta_aic = Num(result.DeltaAic(f)),
                            akaike_weight = Num(result.AkaikeWeight(f)),
                            anderson_darling = f.GoodnessOfFit == null ? null : (double?)f.GoodnessOfFit.Statistic,
                            gof_p_value = f.GoodnessOfFit?.PValue,
                            gof_replicates = f.GoodnessOfFit?.Replicates,
                        }),
                        skipped = result.Skipped.Select(s => new { family = s.Family, reason = s.Reason }),
                        tail = tail == null ? null : new
                        {
                            side = tail.Upper ? "upper" : "lower",
                            threshold = tail.Threshold,
                            exceedances = tail.Exceedances,
                            xi = Num(tail.Xi),
                            xi_se = Num(tail.XiSe),
                            beta = Num(tail.Beta),
                            beta_se = Num(tail.BetaSe),
                            level = level,
                            probability_beyond_level = level.HasValue ? Num(tail.ExceedanceProbability(level.Value)) : null,
                            return_level_1e3 = Num(tail.ReturnLevel(1e-3)),
                            return_level_1e4 = Num(tail.ReturnLevel(1e-4)),
                        },
                        tail_note = tailNote,
                        qq_plot = qqPath,
                    });
                    return 0;
                }

                IAnsiConsole console = InferenceCommandSupport.Console(parse);
                console.WriteLine($"{col}: n = {sample.Count} ({sample.Count - sample.ObservedCount} right-censored)");
                var t = new Table().AddColumns("rank", "family", "parameters (95 % CI)", "logL", "AIC", "ΔAIC", "BIC", "AD A²", "GoF p");
                int rank = 1;
                foreach (FamilyFit f in result.Ranked)
                {
                    string pars = string.Join("\n", f.Fit.Family.ParameterNames.Select((p, i) => $"{p} = {F(f.Fit.Parameters[i])} [{F(f.Fit.Lower95[i])}, {F(f.Fit.Upper95[i])}]"));
                    t.AddTextRow((rank++).ToString(), f.Fit.Family.Name, pars, F(f.Fit.LogLikelihood), F(f.Fit.Aic), F(result.DeltaAic(f)), F(f.Fit.Bic),
                        f.GoodnessOfFit == null ? "-" : F(f.GoodnessOfFit.Statistic), f.GoodnessOfFit == null ? "-" : F(f.GoodnessOfFit.PValue));
                }
                console.Write(t);
                if (sample.HasCensoring)
                    console.WriteLine("goodness of fit: the Anderson–Darling test is not applied to censored samples; compare the families by AIC.");
                foreach (var (family, reason) in result.Skipped)
                    console.WriteLine($"skipped {family}: {reason}");
                if (tail != null)
                {
                    console.WriteLine($"tail ({(tail.Upper ? "upper" : "lower")}): GPD above {F(tail.Threshold)} ({tail.Exceedances} exceedances): xi = {F(tail.Xi)} ± {F(tail.XiSe)}, beta = {F(tail.Beta)} ± {F(tail.BetaSe)}; 1e-3 level {F(tail.ReturnLevel(1e-3))}, 1e-4 level {F(tail.ReturnLevel(1e-4))}");
                    if (level.HasValue)
                        console.WriteLine($"P(cell beyond {F(level.Value)}) = {F(tail.ExceedanceProbability(level.Value))}");
                }
                else if (tailNote != null)
                {
                    console.WriteLine("tail: not estimated: " + tailNote);
                }
                if (qqPath != null) console.WriteLine("QQ plot written to " + qqPath);
                return 0;
            }));
            return cmd;
        }

        private static bool ParseFlag(string s, CsvTable table, int row, string column)
        {
            switch (s.Trim().ToLowerInvariant())
            {
                case "1": case "true": case "yes": case "censored": return true;
                case "0": case "false": case "no": case "": return false;
                default:
                    throw new InvalidInputException($"{table.Source} line {table.LineOf(row)} column '{column}': '{s}' is not a censoring flag.", "Use 1/true for censored and 0/false for observed.");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>
    /// Fits every requested family, ranks them by AIC and tests goodness of fit. Families that cannot be fitted to
    /// this sample (too few points, non-positive data for a log family, censoring unsupported) are listed with the reason.
    /// </summary>
    public static class DistributionFitter
    {
        /// <summary>Every family the fitter knows, by name.</summary>
        public static IReadOnlyList<DistributionFamily> AllFamilies { get; } = new DistributionFamily[]
        {
            new NormalFamily(), new LogNormalFamily(), new WeibullFamily(), new GammaFamily(), new StudentTFamily(), new DefectMixtureFamily(),
        };

        /// <summary>Looks up a family by name; unknown names give a message listing the valid ones.</summary>
        public static DistributionFamily Family(string name) =>
            AllFamilies.FirstOrDefault(f => f.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidInputException($"Unknown distribution family '{name}'.", "Use one of: " + string.Join(", ", AllFamilies.Select(f => f.Name)) + ".");

        /// <summary>Runs the comparison.</summary>
        /// <param name="sample">The data.</param>
        /// <param name="families">Families to try; null = all. Explicitly named families that cannot be fitted are an error.</param>
        /// <param name="bootstrap">Parametric-bootstrap replicates for the GoF p-value (0 = skip the test).</param>
        /// <param name="seed">Seed of the bootstrap.</param>
        public static FitComparison Compare(ObservedSample sample, IReadOnlyList<DistributionFamily>? families = null, int bootstrap = 200, int seed = 1)
        {
            if (sample.Count == 0)
                throw new InvalidInputException($"Column '{sample.Name}' has no values.", "Check the column name and that the file has data rows.");
            double first = sample.Values[0];
            if (sample.Values.All(v => v == first))
                throw new InvalidInputException($"All {sample.Count} values of '{sample.Name}' equal {first}; no distribution can be fitted to zero spread.", "Check the column (is it a constant or an identifier?) or the measurement resolution.");
            bool explicitList = families != null;
            var skipped = new List<(string Family, string Reason)>();
            var fits = new List<FamilyFit>();
            foreach (DistributionFamily family in families ?? AllFamilies)
            {
                string? reason = family.Unsuitable(sample);
                if (reason != null)
                {
                    if (explicitList)
                        throw new InvalidInputException(reason, "Choose families that suit the data (see --families).");
                    skipped.Add((family.Name, reason));
                    continue;
                }
                FittedDistribution fit = family.Fit(sample);
                if (!double.IsFinite(fit.LogLikelihood))
                {
                    skipped.Add((family.Name, "the likelihood optimisation did not converge to a finite value"));
                    continue;
                }
                GoodnessOfFitResult? gof = bootstrap > 0 ? GoodnessOfFit.Test(fit, sample, bootstrap, seed) : null;
                fits.Add(new FamilyFit(fit, gof));
            }
            if (fits.Count == 0)
                throw new InvalidInputException(
                    $"No family could be fitted to '{sample.Name}': " + string.Join("; ", skipped.Select(s => s.Family + ": " + s.Reason)),
                    "Supply more observations or pick families that suit the data.");
            var ranked = fits.OrderBy(f => f.Fit.Aic).ToList();
            return new FitComparison(sample, ranked, skipped);
        }
    }

    /// <summary>One family's fit and its goodness-of-fit test.</summary>
    /// <param name="Fit">The ML fit.</param>
    /// <param name="GoodnessOfFit">Anderson–Darling result, null when not computed (censored data or bootstrap 0).</param>
    public sealed record FamilyFit(FittedDistribution Fit, GoodnessOfFitResult? GoodnessOfFit);

    /// <summary>All fits of one sample, best AIC first.</summary>
    public sealed class FitComparison
    {
        internal FitComparison(ObservedSample sample, IReadOnlyList<FamilyFit> ranked, IReadOnlyList<(string, string)> skipped)
        {
            Sample = sample;
            Ranked = ranked;
            Skipped = skipped;
        }

        /// <summary>The data that was fitted.</summary>
        public ObservedSample Sample { get; }

        /// <summary>Fits, lowest AIC first.</summary>
        public IReadOnlyList<FamilyFit> Ranked { get; }

        /// <summary>Families not fitted and why.</summary>
        public IReadOnlyList<(string Family, string Reason)> Skipped { get; }

        /// <summary>The fit of a named family, or null if it was not fitted.</summary>
        public FamilyFit? Get(string family) => Ranked.FirstOrDefault(f => f.Fit.Family.Name == family);

        /// <summary>AIC difference to the best model.</summary>
        public double DeltaAic(FamilyFit f) => f.Fit.Aic - Ranked[0].Fit.Aic;

        /// <summary>Akaike weight of a model among those fitted.</summary>
        public double AkaikeWeight(FamilyFit f) => Math.Exp(-0.5 * DeltaAic(f)) / Ranked.Sum(g => Math.Exp(-0.5 * DeltaAic(g)));
    }
}

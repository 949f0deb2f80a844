using System;
using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Model.Parameters;

namespace CellVar.Bms.Inference.Identifiability
{
    /// <summary>
    /// Maps analysis parameters to a cell parameter set. "eps" and "tau" are the porosity and tortuosity of one region
    /// (separator, negative or positive). The model's transport efficiency is ε^b (Bruggeman), so a tortuosity τ is
    /// represented exactly by the exponent b = 1 − ln τ / ln ε, giving ε^b = ε/τ (PyBaMM's "tortuosity factor" form).
    /// Any other name is a <see cref="CellParameters"/> field (e.g. NegativeParticleRadius_m). In an electrode region a
    /// porosity above 1 − ε_s lowers the active-material fraction to 1 − ε (no binder room in Chen2020).
    /// </summary>
    public sealed class CellParameterMap
    {
        private readonly string _porosity;
        private readonly string _bruggeman;

        /// <summary>Creates the map for a region: "separator", "negative" or "positive".</summary>
        public CellParameterMap(CellParameters nominal, IReadOnlyList<string> names, string region)
        {
            (_porosity, _bruggeman) = region.ToLowerInvariant() switch
            {
                "separator" => ("SeparatorPorosity", "SeparatorBruggeman"),
                "negative" => ("NegativePorosity", "NegativeBruggeman"),
                "positive" => ("PositivePorosity", "PositiveBruggeman"),
                _ => throw new InvalidInputException($"Region '{region}' is unknown.", "Use separator, negative or positive."),
            };
            if (names.Count == 0)
                throw new InvalidInputException("No parameters were given.", "Pass --params eps,tau (and optionally other cell parameter names).");
            var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
            if (dup != null)
                throw new InvalidInputException($"Parameter '{dup.Key}' is listed twice.", "List each parameter once.");
            Region = region.ToLowerInvariant();
            Names = names;
            Nominal = nominal;
            NominalValues = names.Select(n => Read(nominal, n)).ToArray();
            if (NominalValues.Any(v => !(v > 0)))
                throw new InvalidInputException("Every analysed parameter must be positive at the nominal point (they are analysed on a log scale).", "Choose positive parameters.");
        }

        /// <summary>Region of eps/tau.</summary>
        public string Region { get; }

        /// <summary>Analysis parameter names.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>Nominal cell.</summary>
        public CellParameters Nominal { get; }

        /// <summary>Nominal values of the analysis parameters.</summary>
        public double[] NominalValues { get; }

        /// <summary>The cell with the analysis parameters set to <paramref name="values"/>.</summary>
        public CellParameters Apply(double[] values)
        {
            CellParameters p = Nominal;
            double eps = Read(Nominal, "eps"), tau = Read(Nominal, "tau");
            for (int i = 0; i < Names.Count; i++)
            {
                switch (Names[i])
                {
                    case "eps": eps = values[i]; break;
                    case "tau": tau = values[i]; break;
                    default:
                        try
                        {
                            p = p.With(Names[i], values[i]);
                        }
                        catch (ParameterException ex)
                        {
                            throw new InvalidInputException(ex.Message, "Use names from `cellvar cell --list-params`, or eps/tau.");
                        }
                        break;
                }
            }
            p = p.With(_porosity, eps).With(_bruggeman, 1 - Math.Log(tau) / Math.Log(eps));
            // Electrodes without binder (Chen2020: ε + ε_s = 1) have no room for more pore: more porosity displaces active material.
            if (Region == "negative" && p.NegativePorosity + p.NegativeActiveMaterialFraction > 1)
                p = p with { NegativeActiveMaterialFraction = 1 - p.NegativePorosity };
            if (Region == "positive" && p.PositivePorosity + p.PositiveActiveMaterialFraction > 1)
                p = p with { PositiveActiveMaterialFraction = 1 - p.PositivePorosity };
            return p;
        }

        private double Read(CellParameters p, string name)
        {
            double eps = p.Get(_porosity);
            switch (name)
            {
                case "eps": return eps;
                case "tau": return Math.Pow(eps, 1 - p.Get(_bruggeman));
                default:
                    try
                    {
                        return p.Get(name);
                    }
                    catch (ParameterException ex)
                    {
                        throw new InvalidInputException(ex.Message, "Use eps, tau or names from `cellvar cell --list-params`.");
                    }
            }
        }
    }
}

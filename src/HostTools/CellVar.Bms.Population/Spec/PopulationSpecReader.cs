using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Sampling;

namespace CellVar.Bms.Population.Spec
{
    /// <summary>
    /// Reads and validates a population spec (JSON, format in the project README). Every error names the field path
    /// (e.g. <c>variables[2].distribution.sd</c>) or, for JSON syntax errors, the line and column.
    /// </summary>
    public static class PopulationSpecReader
    {
        /// <summary>Largest probability a distribution may put outside its parameter's physical domain.</summary>
        public const double MaxOutsideProbability = 1e-9;

        /// <summary>Reads a spec file.</summary>
        public static PopulationSpec ReadFile(string path)
        {
            if (!File.Exists(path)) throw new SpecException($"population spec not found: {path}");
            return Parse(File.ReadAllText(path), path);
        }

        /// <summary>Parses spec text; <paramref name="source"/> names it in messages.</summary>
        public static PopulationSpec Parse(string json, string source = "spec")
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
            catch (JsonException e) { throw new SpecException($"{source}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {e.Message}", e); }
            using (doc)
            {
                try { return FromRoot(doc.RootElement, source); }
                catch (InvalidOperationException e)
                {
                    // JsonElement accessors throw this on a value of the wrong JSON type (e.g. a number where an object belongs).
                    throw new SpecException($"{source}: a value has the wrong JSON type ({e.Message})", e);
                }
            }
        }

        private static PopulationSpec FromRoot(JsonElement root, string source)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new SpecException($"{source}: top level must be a JSON object");
            string name = OptString(root, "name", source) ?? "population";
            string pset = OptString(root, "parameter_set", source) ?? "chen2020";
            int cpm = 1, mpl = 1;
            if (root.TryGetProperty("hierarchy", out var h))
            {
                cpm = (int)Num(h, "cells_per_module", source + ": hierarchy", 1, 1e7, integer: true);
                mpl = (int)Num(h, "modules_per_lot", source + ": hierarchy", 1, 1e7, integer: true);
            }
            if (!root.TryGetProperty("variables", out var vars) || vars.ValueKind != JsonValueKind.Array || vars.GetArrayLength() == 0)
                throw new SpecException($"{source}: \"variables\" must be a non-empty array");
            var list = new List<VariableSpec>();
            var seenParams = new HashSet<string>(StringComparer.Ordinal);
            int i = 0;
            foreach (var v in vars.EnumerateArray())
            {
                string where = $"{source}: variables[{i}]";
                string vname = ReqString(v, "name", where);
                where = $"{source}: variables[{i}] (\"{vname}\")";
                if (list.Exists(x => x.Name == vname)) throw new SpecException($"{where}: duplicate variable name");
                var pd = ParameterDomain.Get(ReqString(v, "parameter", where), where + ".parameter");
                if (!seenParams.Add(pd.Name)) throw new SpecException($"{where}.parameter: \"{pd.Name}\" is already set by another variable");
                if (!v.TryGetProperty("distribution", out var dist)) throw new SpecException($"{where}: missing \"distribution\"");
                IMarginal m = ReadMarginal(dist, where + ".distribution");
                double pOut = m.ProbabilityOutside(pd.Lower, pd.Upper);
                if (m is DefectMixtureMarginal mix) pOut = Math.Max(mix.Bulk.ProbabilityOutside(pd.Lower, pd.Upper), mix.Defect.ProbabilityOutside(pd.Lower, pd.Upper));
                if (!(pOut <= MaxOutsideProbability))
                    throw new SpecException($"{where}.distribution: puts probability {pOut:G3} outside the physical range ({pd.Lower:G4}, {pd.Upper:G4}) of \"{pd.Name}\" (allowed ≤ {MaxOutsideProbability:G1}); impossible values such as negative thickness or porosity outside (0,1)");
                double fl = 0, fm = 0, fc = 1;
                if (v.TryGetProperty("variance_fractions", out var vf))
                {
                    fl = Num(vf, "lot", where + ".variance_fractions", 0, 1);
                    fm = Num(vf, "module", where + ".variance_fractions", 0, 1);
                    fc = Num(vf, "cell", where + ".variance_fractions", 0, 1);
                    if (Math.Abs(fl + fm + fc - 1) > 1e-9) throw new SpecException($"{where}.variance_fractions: lot + module + cell must sum to 1 (got {fl + fm + fc:G6})");
                }
                list.Add(new VariableSpec(vname, pd, m, fl, fm, fc));
                i++;
            }
            int n = list.Count;
            var r = new double[n, n];
            for (int k = 0; k < n; k++) r[k, k] = 1;
            if (root.TryGetProperty("correlations", out var cors))
            {
                if (cors.ValueKind != JsonValueKind.Array)
                    throw new SpecException($"{source}: \"correlations\" must be an array of {{\"a\", \"b\", \"rho\"}} objects, not a JSON {cors.ValueKind.ToString().ToLowerInvariant()}");
                int j = 0;
                foreach (var c in cors.EnumerateArray())
                {
                    string where = $"{source}: correlations[{j++}]";
                    string a = ReqString(c, "a", where), b = ReqString(c, "b", where);
                    int ia = list.FindIndex(x => x.Name == a), ib = list.FindIndex(x => x.Name == b);
                    if (ia < 0) throw new SpecException($"{where}.a: unknown variable \"{a}\"");
                    if (ib < 0) throw new SpecException($"{where}.b: unknown variable \"{b}\"");
                    if (ia == ib) throw new SpecException($"{where}: a variable cannot be correlated with itself");
                    double rho = Num(c, "rho", where, -1, 1);
                    r[ia, ib] = rho; r[ib, ia] = rho;
                }
            }
            try { _ = new GaussianCopula(r); }
            catch (ArgumentException e) { throw new SpecException($"{source}: correlations: {e.Message}", e); }
            return new PopulationSpec(name, pset, list, r, cpm, mpl);
        }

        /// <summary>Reads one distribution object (shared with pack specs).</summary>
        public static IMarginal ReadMarginal(JsonElement d, string where)
        {
            string fam = ReqString(d, "family", where);
            try
            {
                return fam switch
                {
                    "normal" => new NormalMarginal(Num(d, "mean", where), Num(d, "sd", where, 0, double.MaxValue)),
                    "lognormal" => new LogNormalMarginal(Num(d, "median", where, 0, double.MaxValue), Num(d, "sigma_log", where, 0, double.MaxValue)),
                    "student_t" => new StudentTMarginal(Num(d, "location", where), Num(d, "scale", where, 0, double.MaxValue), Num(d, "df", where, 0, double.MaxValue)),
                    "weibull" => new WeibullMarginal(Num(d, "shape", where, 0, double.MaxValue), Num(d, "scale", where, 0, double.MaxValue), d.TryGetProperty("shift", out _) ? Num(d, "shift", where) : 0),
                    "normal_defect_mixture" => new DefectMixtureMarginal(Num(d, "mean", where), Num(d, "sd", where, 0, double.MaxValue),
                        Num(d, "defect_weight", where, 0, 1), Num(d, "defect_median", where, 0, double.MaxValue), Num(d, "defect_sigma_log", where, 0, double.MaxValue)),
                    _ => throw new SpecException($"{where}.family: unknown family \"{fam}\" (normal, lognormal, student_t, weibull, normal_defect_mixture)"),
                };
            }
            catch (ArgumentException e) { throw new SpecException($"{where}: {e.Message}", e); }
        }

        internal static double Num(JsonElement o, string field, string where, double lo = double.MinValue, double hi = double.MaxValue, bool integer = false)
        {
            if (o.ValueKind != JsonValueKind.Object) throw new SpecException($"{where}: expected an object");
            if (!o.TryGetProperty(field, out var e)) throw new SpecException($"{where}.{field}: missing");
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double x) || !double.IsFinite(x))
                throw new SpecException($"{where}.{field}: expected a finite number, got {e.GetRawText()}");
            if (x < lo || x > hi) throw new SpecException($"{where}.{field}: {x:G6} outside [{lo:G6}, {hi:G6}]");
            if (integer && x != Math.Floor(x)) throw new SpecException($"{where}.{field}: expected an integer, got {x:G6}");
            return x;
        }

        internal static string ReqString(JsonElement o, string field, string where)
            => OptString(o, field, where) ?? throw new SpecException($"{where}.{field}: missing");

        internal static string? OptString(JsonElement o, string field, string where)
        {
            if (o.ValueKind != JsonValueKind.Object) throw new SpecException($"{where}: expected an object");
            if (!o.TryGetProperty(field, out var e)) return null;
            if (e.ValueKind != JsonValueKind.String) throw new SpecException($"{where}.{field}: expected a string");
            return e.GetString();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MathNet.Numerics.Distributions;

namespace CellVar.Bms.Inference.Sensitivity
{
    /// <summary>
    /// A sensitivity-analysis spec (JSON): inputs with marginals, an optional Gaussian-copula correlation matrix, and the model.
    /// <code>
    /// { "inputs": [ { "name": "x1", "distribution": "uniform", "min": -3.14159, "max": 3.14159 }, ... ],
    ///   "correlation": [[1, 0.5], [0.5, 1]],            // optional
    ///   "model": { "type": "ishigami", "a": 7, "b": 0.1 } // or linear {coefficients, intercept}, sobol-g {a},
    ///                                                     // cell {model, parameter_set, output, c_rate, soc, pulse_s, dt_s}
    ///   "samples": 4096, "seed": 1 }                      // optional defaults for the CLI
    /// </code>
    /// </summary>
    public sealed class SensitivitySpec
    {
        private SensitivitySpec(InputSpace space, ISensitivityModel model, int? samples, int? seed)
        {
            Space = space;
            Model = model;
            Samples = samples;
            Seed = seed;
        }

        /// <summary>Inputs and their dependence.</summary>
        public InputSpace Space { get; }

        /// <summary>The model.</summary>
        public ISensitivityModel Model { get; }

        /// <summary>Sample size given in the spec, if any.</summary>
        public int? Samples { get; }

        /// <summary>Seed given in the spec, if any.</summary>
        public int? Seed { get; }

        /// <summary>Reads a spec file.</summary>
        public static SensitivitySpec Load(string path)
        {
            if (!File.Exists(path))
                throw new InvalidInputException($"Spec file '{path}' does not exist.", "Pass the path of a JSON spec (see src/HostTools/examples/sensitivity-*.json).");
            return Parse(File.ReadAllText(path), Path.GetFileName(path));
        }

        /// <summary>Parses spec text.</summary>
        public static SensitivitySpec Parse(string json, string source = "spec")
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException($"{source} is not valid JSON: {ex.Message}", "Fix the JSON syntax at the reported line/position.");
            }
            using (doc)
            {
                try
                {
                    return FromRoot(doc.RootElement, source);
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException)
                {
                    // JsonElement accessors throw these on a value of the wrong JSON type; report them as input errors.
                    throw new InvalidInputException($"{source}: a value has the wrong JSON type ({ex.Message}).",
                        "Compare the spec with src/HostTools/examples/sensitivity-*.json.");
                }
            }
        }

        private static SensitivitySpec FromRoot(JsonElement root, string source)
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException($"{source}: the top level is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.",
                    "Write the spec as an object: { \"inputs\": [...], \"model\": {...} }.");
            if (!root.TryGetProperty("inputs", out JsonElement inputsEl) || inputsEl.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"{source}: missing array \"inputs\".", "Add \"inputs\": [ {\"name\": ..., \"distribution\": ...}, ... ].");
            var inputs = new List<InputVariable>();
            int idx = 0;
            foreach (JsonElement e in inputsEl.EnumerateArray())
                inputs.Add(ParseInput(e, $"{source}: inputs[{idx++}]"));
            var dup = inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
            if (dup != null)
                throw new InvalidInputException($"{source}: input name '{dup.Key}' appears twice.", "Give every input a unique name.");
            double[,]? corr = null;
            if (root.TryGetProperty("correlation", out JsonElement ce) && ce.ValueKind != JsonValueKind.Null)
                corr = ParseMatrix(ce, $"{source}: correlation");
            var space = new InputSpace(inputs, corr);
            if (!root.TryGetProperty("model", out JsonElement me) || me.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException($"{source}: missing object \"model\".", "Add \"model\": {\"type\": \"linear\" | \"ishigami\" | \"sobol-g\" | \"cell\", ...}.");
            ISensitivityModel model = ParseModel(me, inputs, $"{source}: model");
            int? samples = OptInt(root, "samples", source);
            int? seed = OptInt(root, "seed", source);
            return new SensitivitySpec(space, model, samples, seed);
        }

        private static int? OptInt(JsonElement e, string prop, string where)
        {
            if (!e.TryGetProperty(prop, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
                return null;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i))
                throw new InvalidInputException($"{where}: \"{prop}\" must be a whole number, not {v.GetRawText()}.", $"Give \"{prop}\" as an integer, e.g. 4096.");
            return i;
        }

        private static ISensitivityModel ParseModel(JsonElement me, List<InputVariable> inputs, string where)
        {
            string type = Str(me, "type", where);
            int d = inputs.Count;
            switch (type.ToLowerInvariant())
            {
                case "linear":
                    double[] b = Vec(me, "coefficients", where);
                    if (b.Length != d)
                        throw new InvalidInputException($"{where}.coefficients has {b.Length} entries but there are {d} inputs.", "Give one coefficient per input, in input order.");
                    return new LinearModel(b, me.TryGetProperty("intercept", out JsonElement ic) ? ic.GetDouble() : 0);
                case "ishigami":
                    if (d != 3)
                        throw new InvalidInputException($"{where}: the Ishigami function takes 3 inputs but the spec has {d}.", "List exactly three inputs, normally U(-pi, pi).");
                    return new IshigamiModel(Opt(me, "a", 7), Opt(me, "b", 0.1));
                case "sobol-g":
                case "sobol_g":
                    double[] a = Vec(me, "a", where);
                    if (a.Length != d)
                        throw new InvalidInputException($"{where}.a has {a.Length} entries but there are {d} inputs.", "Give one a_i per input.");
                    if (a.Any(v => v < 0))
                        throw new InvalidInputException($"{where}.a has a negative entry.", "Sobol-G needs a_i >= 0.");
                    return new SobolGModel(a);
                case "cell":
                    return new CellOutputModel(
                        me.TryGetProperty("model", out JsonElement mn) ? mn.GetString() ?? "spme" : "spme",
                        me.TryGetProperty("parameter_set", out JsonElement ps) ? ps.GetString() ?? "chen2020" : "chen2020",
                        inputs.Select(i => i.Name).ToList(),
                        Str(me, "output", where),
                        Opt(me, "c_rate", 1), Opt(me, "soc", 0.5), Opt(me, "pulse_s", 10), Opt(me, "dt_s", 10));
                default:
                    throw new InvalidInputException($"{where}.type '{type}' is unknown.", "Use linear, ishigami, sobol-g or cell.");
            }
        }

        private static InputVariable ParseInput(JsonElement e, string where)
        {
            string name = Str(e, "name", where);
            string dist = Str(e, "distribution", where).ToLowerInvariant();
            where += $" ('{name}')";
            switch (dist)
            {
                case "normal":
                {
                    double m = Num(e, "mean", where), s = Pos(e, "sd", where);
                    return new InputVariable(name, new Normal(m, s), $"normal(mean {m:G6}, sd {s:G6})");
                }
                case "lognormal":
                {
                    double s = Pos(e, "sigma_log", where);
                    double mu = e.TryGetProperty("median", out JsonElement md) ? Math.Log(PosValue(md, where + ".median")) : Num(e, "mu_log", where);
                    return new InputVariable(name, new LogNormal(mu, s), $"lognormal(median {Math.Exp(mu):G4}, sigma_log {s})");
                }
                case "uniform":
                {
                    double lo = Num(e, "min", where), hi = Num(e, "max", where);
                    if (!(hi > lo)) throw new InvalidInputException($"{where}: max ({hi}) must exceed min ({lo}).", "Swap or correct min/max.");
                    return new InputVariable(name, new ContinuousUniform(lo, hi), $"uniform({lo:G6}, {hi:G6})");
                }
                case "triangular":
                {
                    double lo = Num(e, "min", where), mode = Num(e, "mode", where), hi = Num(e, "max", where);
                    if (!(lo <= mode && mode <= hi && hi > lo)) throw new InvalidInputException($"{where}: need min <= mode <= max with min < max.", "Correct min/mode/max.");
                    return new InputVariable(name, new Triangular(lo, hi, mode), $"triangular({lo:G6}, {mode:G6}, {hi:G6})");
                }
                case "gamma":
                {
                    double k = Pos(e, "shape", where), r = Pos(e, "rate", where);
                    return new InputVariable(name, new Gamma(k, r), $"gamma(shape {k}, rate {r})");
                }
                case "weibull":
                {
                    double k = Pos(e, "shape", where), l = Pos(e, "scale", where);
                    return new InputVariable(name, new Weibull(k, l), $"weibull(shape {k}, scale {l})");
                }
                case "beta":
                {
                    double a = Pos(e, "alpha", where), b = Pos(e, "beta", where);
                    return new InputVariable(name, new Beta(a, b), $"beta({a}, {b})");
                }
                default:
                    throw new InvalidInputException($"{where}: distribution '{dist}' is unknown.", "Use normal, lognormal, uniform, triangular, gamma, weibull or beta.");
            }
        }

        private static string Str(JsonElement e, string prop, string where) =>
            e.TryGetProperty(prop, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
            : throw new InvalidInputException($"{where}: missing string \"{prop}\".", $"Add \"{prop}\": \"...\".");

        private static double Num(JsonElement e, string prop, string where) =>
            e.TryGetProperty(prop, out JsonElement v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()) ? v.GetDouble()
            : throw new InvalidInputException($"{where}: missing number \"{prop}\".", $"Add \"{prop}\": <number>.");

        private static double Opt(JsonElement e, string prop, double dflt) =>
            e.TryGetProperty(prop, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : dflt;

        private static double Pos(JsonElement e, string prop, string where)
        {
            double v = Num(e, prop, where);
            return v > 0 ? v : throw new InvalidInputException($"{where}.{prop} = {v} must be > 0.", $"Give a positive {prop}.");
        }

        private static double PosValue(JsonElement v, string where) =>
            v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0 ? v.GetDouble() : throw new InvalidInputException($"{where} must be a number > 0.", "Give a positive median.");

        internal static double[] Vec(JsonElement e, string prop, string where)
        {
            if (!e.TryGetProperty(prop, out JsonElement v) || v.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"{where}: missing array \"{prop}\".", $"Add \"{prop}\": [numbers].");
            return v.EnumerateArray().Select((x, i) => x.ValueKind == JsonValueKind.Number ? x.GetDouble()
                : throw new InvalidInputException($"{where}.{prop}[{i}] is not a number.", "Use numbers only.")).ToArray();
        }

        private static double[,] ParseMatrix(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"{where} must be an array of rows.", "Write it as [[1, r], [r, 1]].");
            var rows = e.EnumerateArray().ToList();
            var m = new double[rows.Count, rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                if (rows[i].ValueKind != JsonValueKind.Array || rows[i].GetArrayLength() != rows.Count)
                    throw new InvalidInputException($"{where} row {i} does not have {rows.Count} numbers.", "Make the matrix square.");
                int j = 0;
                foreach (JsonElement x in rows[i].EnumerateArray())
                    m[i, j++] = x.ValueKind == JsonValueKind.Number ? x.GetDouble() : throw new InvalidInputException($"{where}[{i}][{j}] is not a number.", "Use numbers only.");
            }
            return m;
        }
    }
}

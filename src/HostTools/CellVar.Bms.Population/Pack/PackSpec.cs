using System;
using System.IO;
using System.Text.Json;
using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Population.Pack
{
    /// <summary>
    /// An Ns×Np pack built from sampled cells: Np cells in parallel per group, Ns groups in series. Each cell sits in
    /// its branch behind a weld resistance; groups are joined by interconnect resistances. A lumped thermal model per cell.
    /// </summary>
    public sealed record PackSpec
    {
        /// <summary>The population cells are drawn from.</summary>
        public required PopulationSpec Population { get; init; }
        /// <summary>Groups in series.</summary>
        public int Series { get; init; } = 1;
        /// <summary>Cells in parallel per group.</summary>
        public int Parallel { get; init; } = 1;
        /// <summary>Weld (tab) resistance per cell branch [Ω]; null = none beyond the cell's own contact resistance.</summary>
        public IMarginal? Weld { get; init; }
        /// <summary>Interconnect (busbar) resistance between consecutive groups [Ω].</summary>
        public double Interconnect_Ohm { get; init; } = 0.1e-3;
        /// <summary>Pack discharge current as a C-rate of one cell's nominal capacity × Np.</summary>
        public double CRate { get; init; } = 1.0;
        /// <summary>Time step [s].</summary>
        public double TimeStep_s { get; init; } = 10;
        /// <summary>Cell heat capacity [J/K] (LG M50 21700 ≈ 69 g × 1.1 J/(g K)).</summary>
        public double HeatCapacity_J_K { get; init; } = 75;
        /// <summary>Cell-to-ambient thermal resistance [K/W].</summary>
        public double ThermalResistance_K_W { get; init; } = 8;
        /// <summary>Ambient temperature [°C].</summary>
        public double Ambient_C { get; init; } = 25;

        /// <summary>Reads a pack spec; "population" is a path relative to the pack spec's folder.</summary>
        public static PackSpec ReadFile(string path)
        {
            if (!File.Exists(path)) throw new SpecException($"pack spec not found: {path}");
            string src = path;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
            catch (JsonException e) { throw new SpecException($"{src}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {e.Message}", e); }
            using (doc)
            {
                var r = doc.RootElement;
                string popPath = PopulationSpecReader.ReqString(r, "population", src);
                popPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", popPath);
                var spec = new PackSpec
                {
                    Population = PopulationSpecReader.ReadFile(popPath),
                    Series = (int)PopulationSpecReader.Num(r, "series", src, 1, 100000, integer: true),
                    Parallel = (int)PopulationSpecReader.Num(r, "parallel", src, 1, 100000, integer: true),
                    Weld = r.TryGetProperty("weld", out var wd) ? PopulationSpecReader.ReadMarginal(wd, src + ".weld") : null,
                    Interconnect_Ohm = r.TryGetProperty("interconnect_Ohm", out _) ? PopulationSpecReader.Num(r, "interconnect_Ohm", src, 0, 1) : 0.1e-3,
                    CRate = r.TryGetProperty("c_rate", out _) ? PopulationSpecReader.Num(r, "c_rate", src, 1e-3, 20) : 1.0,
                    TimeStep_s = r.TryGetProperty("time_step_s", out _) ? PopulationSpecReader.Num(r, "time_step_s", src, 0.01, 600) : 10,
                    HeatCapacity_J_K = r.TryGetProperty("heat_capacity_J_K", out _) ? PopulationSpecReader.Num(r, "heat_capacity_J_K", src, 1e-3, 1e6) : 75,
                    ThermalResistance_K_W = r.TryGetProperty("thermal_resistance_K_W", out _) ? PopulationSpecReader.Num(r, "thermal_resistance_K_W", src, 1e-3, 1e4) : 8,
                    Ambient_C = r.TryGetProperty("ambient_C", out _) ? PopulationSpecReader.Num(r, "ambient_C", src, -60, 100) : 25,
                };
                if (spec.Weld != null && spec.Weld.ProbabilityOutside(0, double.PositiveInfinity) > PopulationSpecReader.MaxOutsideProbability)
                    throw new SpecException($"{src}.weld: distribution allows negative resistance");
                if ((long)spec.Series * spec.Parallel > 1_000_000) throw new SpecException($"{src}: {spec.Series}×{spec.Parallel} cells is more than the 1,000,000 supported");
                return spec;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>Writes simulated cells as CSV: one row per cell, inputs then derived parameters then outputs; rejected cells carry a reason and empty outputs (never NaN).</summary>
    public static class CellsCsv
    {
        /// <summary>Derived-parameter and output columns, in order.</summary>
        public static readonly string[] OutputColumns =
        {
            "kappa_eff_neg_S_m", "kappa_eff_sep_S_m", "kappa_eff_pos_S_m", "separator_resistance_mOhm", "ohmic_resistance_mOhm",
            "equilibrium_capacity_Ah", "capacity_c3_Ah", "capacity_1c_Ah", "pulse_resistance_10s_mOhm", "eta_neg_1c_mV", "eta_pos_1c_mV", "heat_1c_W",
        };

        /// <summary>Writes all records.</summary>
        public static void Write(TextWriter w, PopulationSpec spec, IReadOnlyList<CellRecord> records)
        {
            var sb = new StringBuilder("cell,lot,module,status");
            foreach (var v in spec.Variables) sb.Append(',').Append(v.Name);
            foreach (var c in OutputColumns) sb.Append(',').Append(c);
            w.WriteLine(sb.ToString());
            foreach (var r in records)
            {
                sb.Clear();
                sb.Append(r.Sample.Index + 1).Append(',').Append(r.Sample.Lot + 1).Append(',').Append(r.Sample.Module + 1).Append(',');
                sb.Append(r.Rejection == null ? "ok" : "rejected: " + r.Rejection.Replace(',', ';').Replace('\n', ' ').Replace('\r', ' '));
                foreach (double x in r.Sample.Values) sb.Append(',').Append(F(x));
                if (r.Outputs != null && r.Derived != null)
                {
                    var d = r.Derived; var o = r.Outputs;
                    foreach (double x in new[] { d.KappaEffNegative_S_m, d.KappaEffSeparator_S_m, d.KappaEffPositive_S_m, d.SeparatorResistance_Ohm * 1000, d.OhmicResistance_Ohm * 1000,
                        d.EquilibriumCapacity_Ah, o.CapacityC3_Ah, o.Capacity1C_Ah, o.PulseResistance10s_mOhm, o.EtaNegative1C_mV, o.EtaPositive1C_mV, o.Heat1C_W })
                        sb.Append(',').Append(F(x));
                }
                else sb.Append(',', OutputColumns.Length);
                w.WriteLine(sb.ToString());
            }
        }

        /// <summary>The value of <paramref name="column"/> for a record (spec variable or output column), or null if absent.</summary>
        public static double? Value(PopulationSpec spec, CellRecord r, string column)
        {
            int v = spec.IndexOf(column);
            if (v >= 0) return r.Sample.Values[v];
            if (r.Outputs == null || r.Derived == null) return null;
            return column switch
            {
                "kappa_eff_neg_S_m" => r.Derived.KappaEffNegative_S_m,
                "kappa_eff_sep_S_m" => r.Derived.KappaEffSeparator_S_m,
                "kappa_eff_pos_S_m" => r.Derived.KappaEffPositive_S_m,
                "separator_resistance_mOhm" => r.Derived.SeparatorResistance_Ohm * 1000,
                "ohmic_resistance_mOhm" => r.Derived.OhmicResistance_Ohm * 1000,
                "equilibrium_capacity_Ah" => r.Derived.EquilibriumCapacity_Ah,
                "capacity_c3_Ah" => r.Outputs.CapacityC3_Ah,
                "capacity_1c_Ah" => r.Outputs.Capacity1C_Ah,
                "pulse_resistance_10s_mOhm" => r.Outputs.PulseResistance10s_mOhm,
                "eta_neg_1c_mV" => r.Outputs.EtaNegative1C_mV,
                "eta_pos_1c_mV" => r.Outputs.EtaPositive1C_mV,
                "heat_1c_W" => r.Outputs.Heat1C_W,
                _ => null,
            };
        }

        private static string F(double x) => x.ToString("G9", CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>Number formatting shared by the writers (invariant culture; "—" for a missing value, never NaN).</summary>
    public static class Format
    {
        /// <summary>Value with up to <paramref name="decimals"/> decimals, or "—".</summary>
        public static string N(double? v, int decimals = 2) =>
            v is double d && double.IsFinite(d) ? d.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) : "—";

        /// <summary>Probability as a percentage, or "—".</summary>
        public static string P(double? v) => v is double d ? (d * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "—";
    }
}

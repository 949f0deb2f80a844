using System;
using System.Globalization;
using CellVar.Bms.VirtualRig.Simulation;

namespace CellVar.Bms.VirtualRig.Scenarios
{
    /// <summary>
    /// Parses command-line defects <c>[mK:]CELL@T[~RAMP][=MAGNITUDE]</c>, e.g. <c>3@300</c>, <c>m2:5@600~300=8</c>
    /// (monitor defaults to 1, times in simulated seconds, magnitude mΩ for welds, W for hot cells).
    /// </summary>
    public static class DefectFlag
    {
        /// <summary>Parses one flag value; <see cref="FormatException"/> says what is wrong.</summary>
        public static InjectedDefect Parse(string text, DefectKind kind)
        {
            string s = text.Trim();
            int monitor = 1;
            if (s.StartsWith('m') && s.IndexOf(':') is int colon and > 1)
            {
                monitor = Int(s[1..colon], text, "monitor");
                s = s[(colon + 1)..];
            }
            double magnitude = kind == DefectKind.Weld ? InjectedDefect.DefaultWeld_mOhm : kind == DefectKind.HotCell ? InjectedDefect.DefaultHeat_W : 0;
            if (s.IndexOf('=') is int eq and >= 0) { magnitude = Num(s[(eq + 1)..], text, "magnitude"); s = s[..eq]; }
            double ramp = 0;
            if (s.IndexOf('~') is int tl and >= 0) { ramp = Num(s[(tl + 1)..], text, "ramp"); s = s[..tl]; }
            int at = s.IndexOf('@');
            if (at < 0) throw new FormatException($"defect '{text}': expected [mK:]CELL@T[~RAMP][=MAGNITUDE]");
            int cell = Int(s[..at], text, "cell");
            double t = Num(s[(at + 1)..], text, "time");
            if (monitor < 1 || cell < 1 || t < 0 || ramp < 0 || magnitude < 0)
                throw new FormatException($"defect '{text}': monitor and cell must be ≥ 1, time/ramp/magnitude ≥ 0");
            return new InjectedDefect(monitor, cell, kind, t, kind == DefectKind.SensorFault ? 0 : ramp, magnitude);
        }

        private static int Int(string s, string text, string what) =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new FormatException($"defect '{text}': {what} '{s}' is not an integer");

        private static double Num(string s, string text, string what) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : throw new FormatException($"defect '{text}': {what} '{s}' is not a number");
    }
}

using System;

namespace CellVar.Bms.VirtualRig.Simulation
{
    /// <summary>A defect injected into one cell of one monitor's pack at a given simulated time.</summary>
    /// <param name="Monitor">1-based monitor.</param>
    /// <param name="Cell">1-based cell.</param>
    /// <param name="Kind">What goes wrong.</param>
    /// <param name="At_s">Simulated time the defect starts.</param>
    /// <param name="Ramp_s">Weld/hot: time to reach full magnitude (0 = step).</param>
    /// <param name="Magnitude">Weld: extra resistance in mΩ; hot cell: heat in W; sensor fault: unused.</param>
    /// <param name="Origin">Null when injected; otherwise where it came from (e.g. a bad weld drawn from the population spec).</param>
    public sealed record InjectedDefect(int Monitor, int Cell, DefectKind Kind, double At_s, double Ramp_s, double Magnitude, string? Origin = null)
    {
        /// <summary>Default weld resistance: 5 mΩ ≈ 28 % of an 18 mΩ cell (a clearly bad weld, far beyond healthy scatter).</summary>
        public const double DefaultWeld_mOhm = 5.0;
        /// <summary>Default hot-cell heat: 3 W, about 15 K steady rise at 5 K/W.</summary>
        public const double DefaultHeat_W = 3.0;

        /// <summary>Fraction (0..1) of the magnitude in force at <paramref name="t_s"/>.</summary>
        public double Level(double t_s)
        {
            if (t_s < At_s) return 0;
            if (Ramp_s <= 0) return 1;
            return Math.Min(1.0, (t_s - At_s) / Ramp_s);
        }

        /// <summary>One-line description, e.g. <c>m01 cell 3: weld +5 mΩ (step) at 300 s</c>.</summary>
        public string Describe()
        {
            string what = Kind switch
            {
                DefectKind.Weld => $"weld +{Magnitude:0.###} mΩ",
                DefectKind.HotCell => $"hot cell {Magnitude:0.###} W internal heat",
                _ => "sensor fault (open voltage sense wire)",
            };
            string shape = Kind == DefectKind.SensorFault ? "" : Ramp_s > 0 ? $" (ramp over {Ramp_s:0} s)" : " (step)";
            return Origin != null ? $"m{Monitor:00} cell {Cell}: {what} from the start ({Origin})" : $"m{Monitor:00} cell {Cell}: {what}{shape} at {At_s:0} s";
        }
    }
}

using System;

namespace CellVar.Bms.Dashboard.Alerts
{
    /// <summary>
    /// Severity shown on the dashboard. The device raises an alert at its prior limit (≈ 3.72 σ, a 10⁻⁴ false-alarm
    /// rate); a deviation of 6 σ or more is beyond any plausible Gaussian scatter (tail ≈ 10⁻⁹), so it is a defect.
    /// </summary>
    public static class AlertSeverity
    {
        /// <summary>Sensor problems (open/stuck channel): the estimate itself cannot be trusted.</summary>
        public const string Fault = "fault";
        /// <summary>Deviation score ≥ 6 σ.</summary>
        public const string Critical = "critical";
        /// <summary>Any other raised alert.</summary>
        public const string Warning = "warning";

        /// <summary>Score, in 0.01 σ, from which an alert is critical.</summary>
        public const long CriticalScore_c = 600;

        /// <summary>Severity of an alert of <paramref name="kind"/> with score <paramref name="score_c"/> (0.01 σ; null if unknown).</summary>
        public static string Of(string kind, long? score_c)
        {
            if (kind == "sensor")
                return Fault;
            return score_c is long z && Math.Abs(z) >= CriticalScore_c ? Critical : Warning;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.VirtualRig.Simulation;

namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>Outcome for one injected defect.</summary>
    /// <param name="Defect">What was injected.</param>
    /// <param name="DetectedAt_s">Simulated time of the first matching alert, or null when missed.</param>
    /// <param name="Kind">Kind of that alert.</param>
    public sealed record DefectOutcome(InjectedDefect Defect, double? DetectedAt_s, string? Kind)
    {
        /// <summary>Detection delay after the defect started, s.</summary>
        public double? Latency_s => DetectedAt_s - Defect.At_s;
    }

    /// <summary>
    /// Scores a run: a defect counts as detected by the first raised alert on its monitor and cell, at or after its start,
    /// of a matching kind (weld: resistance_outlier or drift; hot: hot_cell; sensor: sensor_fault). Every other raised
    /// alert is a false alarm (wrong cell, wrong kind, or before the defect existed).
    /// </summary>
    public sealed record DefectReport(IReadOnlyList<DefectOutcome> Outcomes, IReadOnlyList<DeviceAlert> FalseAlarms)
    {
        /// <summary>True when every defect was detected and there was no false alarm.</summary>
        public bool AllDetectedNoFalseAlarms => Outcomes.All(o => o.DetectedAt_s != null) && FalseAlarms.Count == 0;

        /// <summary>Scores <paramref name="alerts"/> against <paramref name="defects"/>.</summary>
        public static DefectReport Evaluate(IReadOnlyList<InjectedDefect> defects, IReadOnlyList<DeviceAlert> alerts)
        {
            var explained = new HashSet<DeviceAlert>();
            var outcomes = new List<DefectOutcome>();
            foreach (var d in defects)
            {
                DeviceAlert? first = null;
                foreach (var a in alerts)
                    if (a.Raised && Matches(d, a))
                    {
                        explained.Add(a);
                        first ??= a;
                    }
                outcomes.Add(new DefectOutcome(d, first?.Time_s, first?.Kind));
            }
            var falseAlarms = alerts.Where(a => a.Raised && !explained.Contains(a)).ToList();
            return new DefectReport(outcomes, falseAlarms);
        }

        private static bool Matches(InjectedDefect d, DeviceAlert a) =>
            a.Monitor == d.Monitor && a.Cell == d.Cell && a.Time_s >= d.At_s && d.Kind switch
            {
                DefectKind.Weld => a.Kind is "resistance_outlier" or "drift",
                DefectKind.HotCell => a.Kind == "hot_cell",
                _ => a.Kind == "sensor_fault",
            };
    }
}

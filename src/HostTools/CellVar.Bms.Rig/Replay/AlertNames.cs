using System.Collections.Generic;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>Host spellings of device alert kinds, units and sample flags (snake_case, as in the JSON outputs).</summary>
    public static class AlertNames
    {
        /// <summary>snake_case name of an alert kind.</summary>
        public static string Kind(AlertKind kind) => kind switch
        {
            AlertKind.ResistanceOutlier => "resistance_outlier",
            AlertKind.HotCell => "hot_cell",
            AlertKind.CapacityOutlier => "capacity_outlier",
            AlertKind.Drift => "drift",
            AlertKind.SensorFault => "sensor_fault",
            _ => "none",
        };

        /// <summary>Host unit of an alert's value and threshold, and the factor from device units to it.</summary>
        public static (string Unit, double PerDeviceUnit) Unit(AlertUnit unit) => unit switch
        {
            AlertUnit.MicroOhm => ("mOhm", 1e-3),
            AlertUnit.MilliAmpereHour => ("Ah", 1e-3),
            AlertUnit.DeciCelsius => ("K", 0.1),
            AlertUnit.PartsPerMillion => ("%", 1e-4),
            _ => ("flags", 1.0),
        };

        /// <summary>Names of the <see cref="SampleFlags"/> bits set in <paramref name="flags"/>.</summary>
        public static IReadOnlyList<string> Flags(int flags)
        {
            var names = new List<string>();
            if ((flags & SampleFlags.ConversionFailed) != 0) names.Add("conversion_failed");
            if ((flags & SampleFlags.Rail) != 0) names.Add("rail");
            if ((flags & SampleFlags.Implausible) != 0) names.Add("implausible");
            if ((flags & SampleFlags.Jump) != 0) names.Add("jump");
            if ((flags & SampleFlags.Stuck) != 0) names.Add("stuck");
            if ((flags & SampleFlags.PackSumMismatch) != 0) names.Add("pack_sum_mismatch");
            if ((flags & SampleFlags.Balancing) != 0) names.Add("balancing");
            if ((flags & SampleFlags.PackCurrentInvalid) != 0) names.Add("pack_current_invalid");
            if ((flags & SampleFlags.Spread) != 0) names.Add("spread");
            return names;
        }
    }
}

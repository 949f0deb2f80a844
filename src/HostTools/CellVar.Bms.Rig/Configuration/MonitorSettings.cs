using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CellVar.Bms.OnDevice;

namespace CellVar.Bms.Rig.Configuration
{
    /// <summary>
    /// Replay settings from monitor.json: how many cells to monitor, where the temperature sensors sit, the device's tick
    /// period, and any <see cref="MonitorConfig"/> tunable by its exact field name. Absent values keep the device defaults.
    /// </summary>
    public sealed class MonitorSettings
    {
        /// <summary>
        /// MonitorConfig fields that describe the ADC wiring; replay fixes them to the virtual ADC layout, so they cannot be tuned.
        /// </summary>
        private static readonly HashSet<string> HardwareFields =
        [
            nameof(MonitorConfig.CellCount), nameof(MonitorConfig.TemperatureSensorCount), nameof(MonitorConfig.AdcMaxCount),
            nameof(MonitorConfig.FrontEnd), nameof(MonitorConfig.CellChannels), nameof(MonitorConfig.CellGain_Q16),
            nameof(MonitorConfig.CellOffset_uV), nameof(MonitorConfig.CurrentChannel), nameof(MonitorConfig.CurrentGain_Q16),
            nameof(MonitorConfig.CurrentOffset_mA), nameof(MonitorConfig.PackVoltageChannel), nameof(MonitorConfig.PackVoltageGain_Q16),
            nameof(MonitorConfig.PackVoltageOffset_uV), nameof(MonitorConfig.TemperatureKind), nameof(MonitorConfig.TemperatureChannels),
            nameof(MonitorConfig.TemperatureGain_Q16), nameof(MonitorConfig.TemperatureOffset_dC), nameof(MonitorConfig.TemperatureSensorCell),
            nameof(MonitorConfig.NtcTable_counts), nameof(MonitorConfig.NtcTable_dC),
        ];

        /// <summary>Tunable MonitorConfig fields (int or int[]), by name.</summary>
        public static IReadOnlyDictionary<string, FieldInfo> TunableFields { get; } =
            typeof(MonitorConfig).GetFields(BindingFlags.Public | BindingFlags.Instance)
                .Where(f => (f.FieldType == typeof(int) || f.FieldType == typeof(int[])) && !HardwareFields.Contains(f.Name))
                .ToDictionary(f => f.Name, StringComparer.Ordinal);

        /// <summary>Cells to monitor (the first N of the log); null = all cells in the log.</summary>
        public int? CellCount { get; init; }

        /// <summary>1-based cell each temperature sensor (temp1_C, temp2_C, …) sits on; null = one per cell in order.</summary>
        public IReadOnlyList<int>? TemperatureSensorCells { get; init; }

        /// <summary>Device tick period; rows closer than this to the last tick are skipped. Null = tick on every row.</summary>
        public double? SamplePeriod_s { get; init; }

        /// <summary>Tunable values by MonitorConfig field name (validated types: int or int[]).</summary>
        public IReadOnlyDictionary<string, object> Tunables { get; init; } = new Dictionary<string, object>();

        /// <summary>Where these settings came from (for messages).</summary>
        public string Source { get; init; } = "defaults";

        /// <summary>
        /// Builds the device config for a log with <paramref name="logCells"/> cells and <paramref name="logSensors"/> sensors:
        /// the virtual-ADC layout, then the tunables, then the device's own validation.
        /// </summary>
        /// <exception cref="ConfigFormatException">The settings do not fit the log or the device rejects them.</exception>
        public MonitorConfig BuildConfig(int logCells, int logSensors)
        {
            int cells = CellCount ?? logCells;
            if (cells > logCells)
                throw new ConfigFormatException(Source, "cell_count", $"{cells} cells requested but the log has only {logCells}");
            if (cells > MonitorConfig.MaxCells)
                throw new ConfigFormatException(Source, "cell_count",
                    $"the log has {cells} cells but one monitor handles at most {MonitorConfig.MaxCells}; set cell_count in --config to monitor the first N");
            int sensors = TemperatureSensorCells?.Count ?? Math.Min(logSensors, cells);
            if (sensors > logSensors)
                throw new ConfigFormatException(Source, "temperature_sensor_cells", $"{sensors} sensors listed but the log has only {logSensors} temperature columns");

            MonitorConfig cfg = MonitorConfig.CreateVirtual(cells, sensors);
            if (TemperatureSensorCells != null)
                for (int s = 0; s < sensors; s++)
                {
                    int c = TemperatureSensorCells[s];
                    if (c < 1 || c > cells) throw new ConfigFormatException(Source, $"temperature_sensor_cells[{s}]", $"cell {c} is not in 1..{cells}");
                    cfg.TemperatureSensorCell[s] = c - 1;
                }
            else if (TemperatureSensorCells == null && logSensors >= cells)
                for (int s = 0; s < sensors; s++) cfg.TemperatureSensorCell[s] = s; // one sensor per cell, in order

            foreach (var kv in Tunables)
            {
                FieldInfo f = TunableFields[kv.Key];
                f.SetValue(cfg, kv.Value is int[] a ? (int[])a.Clone() : kv.Value);
            }
            string? err = cfg.Validate();
            if (err != null) throw new ConfigFormatException(Source, "tunables", "the device rejects the configuration: " + err);
            return cfg;
        }
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Priors;

namespace CellVar.Bms.Rig.Replay
{
    /// <summary>
    /// Runs the device library (<see cref="PackMonitor"/>, the same code the firmware runs) over a rig log:
    /// one <see cref="PackMonitor.Tick"/> per row (or per <see cref="MonitorSettings.SamplePeriod_s"/>), values delivered
    /// as raw virtual-ADC counts by <see cref="RigLogAdc"/>, alerts drained after every tick.
    /// </summary>
    public static class ReplayRunner
    {
        /// <summary>Replays <paramref name="log"/>; <paramref name="priors"/> null = the device's default prior (pack median).</summary>
        /// <exception cref="ConfigFormatException">The settings do not fit the log.</exception>
        /// <exception cref="PriorFormatException">The priors do not fit the device.</exception>
        public static ReplayResult Run(RigLog log, MonitorSettings settings, PriorFile? priors, string source, string priorSource = "priors")
        {
            ArgumentNullException.ThrowIfNull(log);
            ArgumentNullException.ThrowIfNull(settings);
            MonitorConfig cfg = settings.BuildConfig(log.CellCount, log.TemperatureSensorCount);
            int n = cfg.CellCount, m = cfg.TemperatureSensorCount;
            var adc = new RigLogAdc(log, n, m);
            var monitor = new PackMonitor(cfg, adc);

            var warnings = new List<string>();
            if (log.IgnoredColumns.Count > 0) warnings.Add($"{source}: ignored columns: {string.Join(", ", log.IgnoredColumns)}");
            if (n < log.CellCount) warnings.Add($"{source}: monitoring cells 1..{n} of {log.CellCount}");
            if (m < log.TemperatureSensorCount) warnings.Add($"{source}: using temperature sensors 1..{m} of {log.TemperatureSensorCount}");
            string priorText = "default: each cell against the pack's robust median";
            if (priors != null)
            {
                warnings.AddRange(DevicePriorConverter.Install(priors, monitor, priorSource));
                priorText = priors.Source.Length > 0 ? $"{priorSource} ({priors.Source})" : priorSource;
            }

            var alerts = new List<ReplayAlert>();
            var flagged = new int[n];
            var flaggedTemp = new int[m];
            var raised = new List<string>[n];
            for (int i = 0; i < n; i++) raised[i] = [];
            int flaggedCurrent = 0, ticks = 0;
            double t0 = log.Time_s[0], lastTick = double.NegativeInfinity;
            double period = settings.SamplePeriod_s ?? 0;
            // Rows are decimated to the tick period with a small tolerance for logger jitter (1 % of the period).
            double minGap = period * 0.99;
            Alert a = new Alert();
            for (int row = 0; row < log.RowCount; row++)
            {
                double t = log.Time_s[row];
                if (period > 0 && t - lastTick < minGap) continue;
                lastTick = t;
                adc.Load(row);
                // ms since the first row; the device takes differences with wrap-around, so an unchecked int is what firmware has too.
                monitor.Tick(unchecked((int)(long)Math.Round((t - t0) * 1000.0)));
                ticks++;
                for (int i = 0; i < n; i++)
                    if ((monitor.GetSampleFlags(i) & SampleFlags.FaultMask) != 0) flagged[i]++;
                for (int s = 0; s < m; s++)
                    if ((monitor.GetTemperatureSensorFlags(s) & SampleFlags.FaultMask) != 0) flaggedTemp[s]++;
                if ((monitor.PackFlags & SampleFlags.FaultMask) != 0) flaggedCurrent++;

                while (monitor.Alerts.TryDequeue(ref a))
                {
                    var (unit, k) = AlertNames.Unit(a.Unit);
                    string kind = AlertNames.Kind(a.Kind);
                    int? cell = a.Cell >= 0 ? a.Cell + 1 : null;
                    alerts.Add(new ReplayAlert(t, cell, kind, a.Raised,
                        a.Unit == AlertUnit.None ? a.Value : a.Value * k,
                        a.Unit == AlertUnit.None ? a.Threshold : a.Threshold * k,
                        unit, a.Confidence_permille / 1000.0, a.Sequence,
                        a.Kind == AlertKind.SensorFault ? AlertNames.Flags(a.Value) : [],
                        log.SourceLines[row]));
                    if (a.Raised && cell is int c && c <= n && !raised[c - 1].Contains(kind)) raised[c - 1].Add(kind);
                }
            }

            var cells = new CellSummary[n];
            for (int i = 0; i < n; i++)
            {
                int steps = monitor.GetResistanceSteps(i);
                int rSe = monitor.GetResistanceSe_uOhm(i);
                int rTh = monitor.GetResistanceThreshold_uOhm(i);
                int cap = monitor.GetCapacity_mAh(i);
                int cSe = monitor.GetCapacitySe_mAh(i);
                bool hasSensor = m > 0;
                var active = new List<string>();
                foreach (AlertKind kind in new[] { AlertKind.ResistanceOutlier, AlertKind.HotCell, AlertKind.CapacityOutlier, AlertKind.Drift, AlertKind.SensorFault })
                    if (monitor.IsAlertActive(i, kind)) active.Add(AlertNames.Kind(kind));
                cells[i] = new CellSummary
                {
                    Cell = i + 1,
                    R0_mOhm = steps > 0 ? monitor.GetResistance_uOhm(i) / 1000.0 : null,
                    R0Se_mOhm = steps > 0 && rSe != int.MaxValue ? rSe / 1000.0 : null,
                    R0Steps = steps,
                    R0Score = steps > 0 ? Q16(monitor.GetResistanceScore_Q16(i)) : null,
                    R0Threshold_mOhm = rTh > 0 ? rTh / 1000.0 : null,
                    DriftPercent = monitor.GetDrift_ppm(i) / 10000.0,
                    Capacity_Ah = cap > 0 ? cap / 1000.0 : null,
                    CapacitySe_Ah = cap > 0 && cSe != int.MaxValue ? cSe / 1000.0 : null,
                    CapacityScore = cap > 0 ? Q16(monitor.GetCapacityScore_Q16(i)) : null,
                    Temperature_C = hasSensor ? monitor.GetTemperature_dC(i) / 10.0 : null,
                    TemperatureExcess_K = hasSensor ? monitor.GetTemperatureExcess_dC(i) / 10.0 : null,
                    TemperatureScore = hasSensor ? Q16(monitor.GetTemperatureScore_Q16(i)) : null,
                    FlaggedSamples = flagged[i],
                    ActiveAlerts = active,
                    RaisedAlerts = raised[i],
                };
            }
            int median = monitor.ResistanceMedian_uOhm;
            return new ReplayResult
            {
                Source = source,
                Rows = log.RowCount,
                Ticks = ticks,
                Duration_s = log.Time_s[^1] - t0,
                Priors = priorText,
                Alerts = alerts,
                Cells = cells,
                R0Median_mOhm = median > 0 ? median / 1000.0 : null,
                FlaggedCurrentSamples = flaggedCurrent,
                FlaggedTemperatureSamples = flaggedTemp,
                AlertsDropped = monitor.Alerts.DroppedCount,
                Warnings = warnings,
            };
        }

        private static double Q16(int v) => Math.Round(v / 65536.0, 3);
    }
}

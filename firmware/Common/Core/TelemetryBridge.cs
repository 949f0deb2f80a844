using CellVar.Bms.OnDevice;
using AlertKind = CellVar.Bms.OnDevice.Alerts.AlertKind;
using CellTelemetry = CellVar.Bms.OnDevice.Communication.CellTelemetry;
using WireKind = CellVar.Bms.OnDevice.Communication.AlertKind;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Copies a <see cref="PackMonitor"/>'s per-cell results into the protocol's <see cref="CellTelemetry"/> and maps
    /// its alerts to protocol alert kinds. Flat loops over getters, no allocation.
    /// </summary>
    public static class TelemetryBridge
    {
        /// <summary>Fills <paramref name="t"/> for every cell of <paramref name="m"/>.</summary>
        public static void Fill(PackMonitor m, MonitorConfig cfg, CellTelemetry t)
        {
            int n = m.CellCount;
            for (int i = 0; i < n; i++)
            {
                t.Voltage_mV[i] = m.GetCellVoltage_mV(i);
                t.Resistance_uOhm[i] = m.GetResistance_uOhm(i);
                t.Capacity_mAh[i] = m.GetCapacity_mAh(i);
                t.Temperature_dC[i] = m.GetTemperature_dC(i);
                t.ResistanceScore_c[i] = Q16ToCenti(m.GetResistanceScore_Q16(i));
                t.TemperatureScore_c[i] = Q16ToCenti(m.GetTemperatureScore_Q16(i));
                int flags = 0;
                if (m.IsAlertActive(i, AlertKind.ResistanceOutlier)) flags |= CellTelemetry.FlagResistanceOutlier;
                if (m.IsAlertActive(i, AlertKind.HotCell)) flags |= CellTelemetry.FlagHot;
                if (m.GetSampleFlags(i) != 0) flags |= CellTelemetry.FlagInvalidSample;
                if (m.GetResistanceSteps(i) < cfg.ResistanceWarmupSteps) flags |= CellTelemetry.FlagNotConverged;
                t.Flags[i] = flags;
            }
        }

        /// <summary>Protocol current: positive = charging (the device library counts discharge as positive).</summary>
        public static int ProtocolCurrent_mA(PackMonitor m)
        {
            int i = m.PackCurrent_mA;
            return i == int.MinValue ? int.MaxValue : -i;
        }

        /// <summary>
        /// Protocol alert kind for a library alert; false when v1 has no kind for it. Drift (resistance growing faster
        /// than the pack's) is reported as <c>r_high</c> because protocol v1 has no drift kind.
        /// </summary>
        public static bool TryProtocolKind(AlertKind kind, out WireKind wire)
        {
            wire = WireKind.Sensor;
            switch (kind)
            {
                case AlertKind.ResistanceOutlier: wire = WireKind.ResistanceHigh; return true;
                case AlertKind.Drift: wire = WireKind.ResistanceHigh; return true;
                case AlertKind.HotCell: wire = WireKind.TemperatureHigh; return true;
                case AlertKind.CapacityOutlier: wire = WireKind.CapacityLow; return true;
                case AlertKind.SensorFault: wire = WireKind.Sensor; return true;
                default: return false;
            }
        }

        /// <summary>Protocol cell number: 1-based, 0 for pack-level alerts (library cell −1).</summary>
        public static int ProtocolCell(int libraryCell)
        {
            return libraryCell < 0 ? 0 : libraryCell + 1;
        }

        /// <summary>Score in 0.01 σ from Q16 σ, rounded half away from zero.</summary>
        public static int Q16ToCenti(int score_Q16)
        {
            long s = (long)score_Q16 * 100;
            long r = s >= 0 ? (s + 32768) >> 16 : -((-s + 32768) >> 16);
            if (r > int.MaxValue) return int.MaxValue;
            if (r < int.MinValue) return int.MinValue;
            return (int)r;
        }
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;

namespace CellVar.Bms.OnDevice.Tests.Simulation
{
    /// <summary>Runs a monitor over a simulated pack and collects its alerts.</summary>
    public sealed class PackHarness
    {
        public readonly SimulatedPack Pack;
        public readonly PackMonitor Monitor;
        public readonly List<Alert> AlertLog = new List<Alert>();
        public int Time_ms;
        public int TickPeriod_ms = 1000;

        public PackHarness(MonitorConfig cfg, int seed)
        {
            Pack = new SimulatedPack(cfg.CellCount, cfg.TemperatureSensorCount, seed);
            Monitor = new PackMonitor(cfg, Pack);
        }

        public void Tick()
        {
            Time_ms += TickPeriod_ms;
            Monitor.Tick(Time_ms);
            Alert a = default;
            while (Monitor.Alerts.TryDequeue(ref a)) AlertLog.Add(a);
        }

        public int Count(AlertKind kind, bool raised) => AlertLog.FindAll(a => a.Kind == kind && a.Raised == raised).Count;
    }
}

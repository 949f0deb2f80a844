using System;
using CellVar.Bms.Evaluation.Scenarios;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Replay;

namespace CellVar.Bms.Evaluation.Running
{
    /// <summary>
    /// Runs the exact device code (<see cref="PackMonitor"/>) over a scenario's rig log the way <c>cellvar replay</c> does —
    /// raw virtual-ADC counts from the Rig library's <see cref="RigLogAdc"/>, one tick per row, default prior (pack median),
    /// balancing announced with <see cref="PackMonitor.SetBalancing"/> — and records a <see cref="DeviceTrace"/>.
    /// The only change from the defaults is a high CUSUM threshold, so that the statistic is never capped below any
    /// threshold of the sweep; lower thresholds are emulated exactly from the recorded path (see <see cref="Methods.DeviceCusumMethod"/>).
    /// </summary>
    public static class DeviceRecorder
    {
        /// <summary>CUSUM threshold the device runs with during evaluation (σ units); the sweep stays below it.</summary>
        public const int RecordingCusumThreshold = 200;

        /// <summary><see cref="RecordingCusumThreshold"/> in Q16.</summary>
        public const int RecordingCusumThreshold_Q16 = RecordingCusumThreshold * 65536;

        /// <summary>The device configuration used for a pack of <paramref name="cells"/> cells with one sensor per cell.</summary>
        public static MonitorConfig CreateConfig(int cells, int sensors, int cusumThreshold_Q16 = RecordingCusumThreshold_Q16)
        {
            MonitorConfig cfg = MonitorConfig.CreateVirtual(cells, sensors);
            if (sensors >= cells) for (int s = 0; s < sensors; s++) cfg.TemperatureSensorCell[s] = s;
            cfg.CusumThreshold_Q16 = cusumThreshold_Q16;
            string? err = cfg.Validate();
            if (err != null) throw new InvalidOperationException("device configuration rejected: " + err);
            return cfg;
        }

        /// <summary>Runs the device over <paramref name="run"/> (CUSUM threshold in Q16 σ units) and records its trace.</summary>
        public static DeviceTrace Record(ScenarioInstance run, int cusumThreshold_Q16 = RecordingCusumThreshold_Q16)
        {
            ArgumentNullException.ThrowIfNull(run);
            RigLog log = run.Log;
            int n = log.CellCount, m = Math.Min(log.TemperatureSensorCount, n);
            MonitorConfig cfg = CreateConfig(n, m, cusumThreshold_Q16);
            var adc = new RigLogAdc(log, n, m);
            var monitor = new PackMonitor(cfg, adc);
            double t0 = log.Time_s[0];
            var trace = new DeviceTrace(n, log.Time_s[^1] - t0, 2 * cfg.CusumThreshold_Q16);
            var firstFault = new double[n];
            var firstR = new double[n];
            var firstHot = new double[n];
            Array.Fill(firstHot, double.NaN);
            Array.Fill(firstFault, double.NaN);
            Array.Fill(firstR, double.NaN);
            var flagged = new int[n];
            var lastSteps = new int[n];
            var balancing = new bool[n];
            int warmup = cfg.ResistanceWarmupSteps;
            int packFaults = 0;
            Alert a = new Alert();

            for (int row = 0; row < log.RowCount; row++)
            {
                double t = log.Time_s[row] - t0;
                for (int c = 0; c < n; c++)
                {
                    bool on = false;
                    foreach (BalancingWindow w in run.Balancing)
                        if (w.Cell == c && t >= w.Start_s && t < w.End_s) { on = true; break; }
                    if (on != balancing[c]) { monitor.SetBalancing(c, on); balancing[c] = on; }
                }
                adc.Load(row);
                monitor.Tick(unchecked((int)(long)Math.Round(t * 1000.0)));

                while (monitor.Alerts.TryDequeue(ref a))
                {
                    if (!a.Raised) continue;
                    if (a.Cell < 0) { if (a.Kind == AlertKind.SensorFault) packFaults++; continue; }
                    if (a.Kind == AlertKind.SensorFault && double.IsNaN(firstFault[a.Cell])) firstFault[a.Cell] = t;
                    if (a.Kind == AlertKind.ResistanceOutlier && double.IsNaN(firstR[a.Cell])) firstR[a.Cell] = t;
                    if (a.Kind == AlertKind.HotCell && double.IsNaN(firstHot[a.Cell])) firstHot[a.Cell] = t;
                }

                bool moved = false;
                var temp = new int[n];
                var excess = new int[n];
                for (int c = 0; c < n; c++)
                {
                    if ((monitor.GetSampleFlags(c) & SampleFlags.FaultMask) != 0) flagged[c]++;
                    int steps = monitor.GetResistanceSteps(c);
                    if (steps != lastSteps[c]) { moved = true; lastSteps[c] = steps; }
                    bool fault = monitor.IsAlertActive(c, AlertKind.SensorFault);
                    temp[c] = fault || m == 0 ? DeviceTrace.Missing : monitor.GetTemperature_dC(c);
                    excess[c] = m == 0 ? 0 : monitor.GetTemperatureExcess_dC(c);
                }
                trace.TemperatureTime_s.Add(t);
                trace.Temperature_dC.Add(temp);
                trace.Excess_dC.Add(excess);
                if (moved)
                {
                    var r = new int[n];
                    var s = new int[n];
                    for (int c = 0; c < n; c++)
                    {
                        bool ok = monitor.GetResistanceSteps(c) >= warmup && !monitor.IsAlertActive(c, AlertKind.SensorFault);
                        r[c] = ok ? monitor.GetResistance_uOhm(c) : DeviceTrace.Missing;
                        s[c] = monitor.GetResistanceCusum_Q16(c);
                    }
                    trace.ResistanceTime_s.Add(t);
                    trace.Resistance_uOhm.Add(r);
                    trace.Cusum_Q16.Add(s);
                }
            }
            trace.FirstSensorFault_s = firstFault;
            trace.FirstResistanceAlert_s = firstR;
            trace.FirstHotAlert_s = firstHot;
            trace.FlaggedSamples = flagged;
            trace.PackFaults = packFaults;
            return trace;
        }
    }
}

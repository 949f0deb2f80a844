using System;
using System.Collections.Generic;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>
    /// <see cref="PackMonitor.Tick"/> takes any monotonic millisecond clock as an int; the firmware passes (int) of a
    /// 64-bit uptime, which wraps from int.MaxValue to int.MinValue after 24.8 days on a rig. The same seeded scenario is
    /// run from t = 0 and from a start just below int.MaxValue chosen so that the wrap falls inside a given phase; every
    /// estimate, flag and alert must be identical, and alert times must differ by exactly the start offset (mod 2^32).
    /// </summary>
    public class TimeWrapTests
    {
        private static readonly double[] OcvTable = { 3.000, 3.450, 3.560, 3.620, 3.670, 3.730, 3.810, 3.900, 3.990, 4.080, 4.180 };

        private static double Ocv(double soc)
        {
            soc = Math.Clamp(soc, 0, 1) * 10;
            int i = Math.Min(9, (int)soc);
            return OcvTable[i] + (OcvTable[i + 1] - OcvTable[i]) * (soc - i);
        }

        private const int Cells = 8;
        private const int WeldCell = 3;
        private const int HotSensor = 2;

        private sealed class Trace
        {
            public readonly List<long> State = new List<long>();
            public readonly List<Alert> Alerts = new List<Alert>();
            public int RestPointsSeen;
            public int FinalCapacity_mAh;
        }

        /// <summary>
        /// 8 cells of 3 Ah (cell 5: 2.4 Ah), 4 sensors, a +20 % weld on cell 3, 4 mV noise on 4 conversions.
        /// Rest 35 min (10 s ticks) → discharge 40 min alternating 1 A/5 A (1 s ticks) with sensor 2 running 8 K hot for
        /// 10 min → rest 35 min → charge 40 min alternating −1 A/−5 A → rest 35 min. Scenario time of the phases:
        /// rest 0–2100 s, discharge 2100–4500 s, rest 4500–6600 s, charge 6600–9000 s, rest 9000–11100 s.
        /// </summary>
        private static Trace Run(int start_ms)
        {
            var cfg = MonitorConfig.CreateVirtual(Cells, 4);
            cfg.AveragingCount = 4;
            var pack = new SimulatedPack(Cells, 4, 99);
            pack.VoltageNoisePerConversion_V = 0.004;
            pack.CurrentNoisePerConversion_A = 0.010;
            pack.TemperatureNoise_C = 0.1;
            var cap = new double[Cells];
            var soc = new double[Cells];
            for (int i = 0; i < Cells; i++) { cap[i] = 3.0; soc[i] = 0.9; pack.Resistance_Ohm[i] = 0.015 * (1 + 0.005 * pack.Gaussian()); }
            cap[5] = 2.4;
            pack.Resistance_Ohm[WeldCell] *= 1.2;
            var monitor = new PackMonitor(cfg, pack);
            var trace = new Trace();
            int scenario_ms = 0;
            bool wasRested = false;
            Alert a = default;

            void Phase(double lowA, double highA, int seconds, int period_s)
            {
                for (int t = 0; t < seconds; t += period_s)
                {
                    double amps = (t / period_s) % 2 == 0 ? lowA : highA;
                    pack.Current_A = amps;
                    for (int i = 0; i < Cells; i++) pack.Ocv_V[i] = Ocv(soc[i]);
                    pack.Temperature_C[HotSensor] = scenario_ms >= 2_700_000 && scenario_ms < 3_300_000 ? 33.0 : 25.0;
                    monitor.Tick(unchecked(start_ms + scenario_ms));
                    while (monitor.Alerts.TryDequeue(ref a)) trace.Alerts.Add(a);
                    Snapshot(monitor, trace.State);
                    if (monitor.IsRested && !wasRested) trace.RestPointsSeen++;
                    wasRested = monitor.IsRested;
                    for (int i = 0; i < Cells; i++) soc[i] -= amps * period_s / 3600.0 / cap[i];
                    scenario_ms += period_s * 1000;
                }
            }

            Phase(0, 0, 2100, 10);
            Phase(1, 5, 2400, 1);
            Phase(0, 0, 2100, 10);
            Phase(-1, -5, 2400, 1);
            Phase(0, 0, 2100, 10);
            trace.FinalCapacity_mAh = monitor.GetCapacity_mAh(0);
            return trace;
        }

        private const int ValuesPerTick = 7 + 11 * Cells;

        private static void Snapshot(PackMonitor m, List<long> s)
        {
            s.Add(m.TickCount);
            s.Add(m.PackCurrent_mA);
            s.Add(m.PackFlags);
            s.Add(m.ChargeSinceRest_mAh);
            s.Add(m.IsRested ? 1 : 0);
            s.Add(m.ResistanceMedian_uOhm);
            s.Add(m.TemperatureMedian_dC);
            for (int i = 0; i < m.CellCount; i++)
            {
                s.Add(m.GetSampleFlags(i));
                s.Add(m.GetResistance_uOhm(i));
                s.Add(m.GetResistanceSe_uOhm(i));
                s.Add(m.GetResistanceSteps(i));
                s.Add(m.GetResistanceCusum_Q16(i));
                s.Add(m.GetResistanceScore_Q16(i));
                s.Add(m.GetDrift_ppm(i));
                s.Add(m.GetCapacity_mAh(i));
                s.Add(m.GetCapacitySe_mAh(i));
                s.Add(m.GetCapacityScore_Q16(i));
                s.Add(m.GetTemperatureExcess_dC(i));
            }
        }

        [Theory]
        [InlineData(1_000_000)]   // wrap during the first rest, before its rest point (rest timing straddles the wrap)
        [InlineData(2_400_000)]   // wrap during the discharge: current steps, weld detection and coulomb counting
        [InlineData(5_500_000)]   // wrap during the second rest, before its rest point (the first capacity update)
        public void A_Clock_That_Wraps_Past_Int_MaxValue_Gives_The_Same_Estimates_And_Alerts(int wrapAt_ms)
        {
            Trace reference = Run(0);
            // Tick at scenario time wrapAt_ms lands exactly on int.MinValue, i.e. one period after int.MaxValue.
            int start = unchecked(int.MinValue - wrapAt_ms);
            Trace wrapped = Run(start);

            // The scenario exercises what time feeds: rest points (3), capacity from coulomb counting (3 Ah within 5 %),
            // a resistance outlier and a hot cell.
            Assert.Equal(3, reference.RestPointsSeen);
            Assert.InRange(reference.FinalCapacity_mAh, 2850, 3150);
            Assert.Contains(reference.Alerts, x => x.Kind == AlertKind.ResistanceOutlier && x.Raised && x.Cell == WeldCell);
            Assert.Contains(reference.Alerts, x => x.Kind == AlertKind.HotCell && x.Raised);
            Assert.True(reference.State.Count > 0);

            Assert.Equal(reference.State.Count, wrapped.State.Count);
            for (int k = 0; k < reference.State.Count; k++)
                if (reference.State[k] != wrapped.State[k])
                    Assert.Fail($"state differs at tick {k / ValuesPerTick}, snapshot field {k % ValuesPerTick}: {reference.State[k]} vs {wrapped.State[k]}");
            Assert.Equal(reference.Alerts.Count, wrapped.Alerts.Count);
            for (int j = 0; j < reference.Alerts.Count; j++)
            {
                Alert r = reference.Alerts[j], w = wrapped.Alerts[j];
                Assert.Equal(unchecked(r.Time_ms + start), w.Time_ms);
                Assert.Equal(r.Kind, w.Kind);
                Assert.Equal(r.Raised, w.Raised);
                Assert.Equal(r.Cell, w.Cell);
                Assert.Equal(r.Value, w.Value);
                Assert.Equal(r.Threshold, w.Threshold);
                Assert.Equal(r.Unit, w.Unit);
                Assert.Equal(r.Confidence_permille, w.Confidence_permille);
                Assert.Equal(r.Sequence, w.Sequence);
            }
            // The wrap really happened inside the run: some ticks before it were positive, some after negative.
            Assert.True(start > 0 && unchecked(start + 11_000_000) < 0);
        }
    }
}

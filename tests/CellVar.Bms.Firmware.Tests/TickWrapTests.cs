using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// Monitors run for weeks: the firmware's millisecond clock passes 2³¹ after 24.8 days and 2³² after 49.7 days, and
    /// <see cref="MonitorApp.Step"/> hands PackMonitor an int. A run across those boundaries must publish exactly what the
    /// same run from 0 publishes (apart from the timestamps).
    /// </summary>
    public class TickWrapTests
    {
        // 1 s steps: 1900 s rest, 900 s of 20 A discharge, 1900 s rest. Rests longer than the 30 min rest time make
        // two rest points, so the capacity estimate depends on the charge integrated over dt across the boundary.
        private const int RestSteps = 1900;
        private const int DischargeSteps = 900;
        private const int Steps = RestSteps + DischargeSteps + RestSteps;
        private const int WrapStep = RestSteps + DischargeSteps / 2; // the boundary falls between this step and the previous one

        // Published (topic, qos, payload without "t") of the scripted run whose clock starts at start_ms.
        private static List<string> Run(long start_ms, out long lastNow_ms)
        {
            var (s, cfg, e) = Configs.Parse(Configs.Virtual4Cells);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            var adc = new FakeAdc();
            var link = new FakeLink();
            var app = new MonitorApp(cfg, adc, link, new FakeStore(), 0);
            int[] r_uOhm = { 20000, 20000, 20000, 32000 }; // cell 4 has a bad weld
            link.Connect();
            lastNow_ms = start_ms;
            for (int k = 0; k < Steps; k++)
            {
                bool discharging = k >= RestSteps && k < RestSteps + DischargeSteps;
                int current_mA = discharging ? 20000 : 0;
                // Open-circuit voltage falls 150 mV over the discharge; under load each cell also drops I·R.
                int done = k < RestSteps ? 0 : k >= RestSteps + DischargeSteps ? DischargeSteps : k - RestSteps;
                int ocv_uV = 3_700_000 - 150_000 * done / DischargeSteps;
                for (int i = 0; i < 4; i++)
                    adc.Counts[i] = VirtualAdc.VoltageToCounts(ocv_uV + 1000 * i - (int)((long)current_mA * r_uOhm[i] / 1000));
                adc.Counts[4] = VirtualAdc.CurrentToCounts(current_mA);
                if (k >= Steps - 100)
                    adc.Counts[1] = 0; // open wire on cell 2 after the boundary: a sensor alert must still be raised
                lastNow_ms = start_ms + 1000L * k;
                app.Step(lastNow_ms);
            }
            Assert.Equal(0, app.StepFaults);
            var time = new Regex("\"t\":[0-9]+,");
            return link.Published.Select(p => p.Topic + " " + p.Qos + " " + time.Replace(p.Payload, "")).ToList();
        }

        private static int Capacity_mAh(string telemetry, int cell)
        {
            using JsonDocument d = JsonDocument.Parse(telemetry[(telemetry.IndexOf(' ', telemetry.IndexOf(' ') + 1) + 1)..]);
            return d.RootElement.GetProperty("cells")[cell][2].GetInt32();
        }

        [Theory]
        [InlineData((long)int.MaxValue + 1 - WrapStep * 1000L)]  // 2^31 ms: (int)now_ms turns negative
        [InlineData((long)uint.MaxValue + 1 - WrapStep * 1000L)] // 2^32 ms: (int)now_ms passes 0 again
        public void Sampling_telemetry_and_alerts_across_the_boundary_match_a_run_from_zero(long start_ms)
        {
            List<string> reference = Run(0, out _);
            List<string> wrapped = Run(start_ms, out long last_ms);
            Assert.True((start_ms + 1000L * (WrapStep - 1)) >> 31 != (start_ms + 1000L * WrapStep) >> 31, "the scenario must cross the boundary");
            Assert.True(last_ms > int.MaxValue);

            // The reference run is itself a meaningful run: telemetry every 10 s, the open wire alerted, and a capacity
            // measured between the two rest points (so the charge integrated across the boundary is in the comparison).
            var pages = reference.Where(p => p.Contains("/telemetry ")).ToList();
            Assert.Equal(Steps / 10, pages.Count);
            Assert.Contains(reference, p => p.Contains("/alert 1 ") && p.Contains("\"kind\":\"sensor\"") && p.Contains("\"cell\":2"));
            Assert.NotEqual(Capacity_mAh(pages[0], 0), Capacity_mAh(pages[^1], 0));
            Assert.Equal(reference.Count, wrapped.Count);
            for (int i = 0; i < reference.Count; i++)
                Assert.Equal(reference[i], wrapped[i]);
        }

        [Fact]
        public void Monotonic_clock_counts_past_49_days_and_ignores_wall_clock_steps()
        {
            long start = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc).Ticks;
            var clock = new MonotonicClock(start);
            long wall = start;
            long previous = 0;
            const long stepTicks = 10_000_001; // 1.0000001 s: the sub-millisecond remainder must be carried, not dropped
            long steps = 50L * 24 * 3600; // 50 days of 1 s reads
            for (long k = 1; k <= steps; k++)
            {
                wall += stepTicks;
                if (k == steps / 2)
                    wall -= TimeSpan.FromHours(3).Ticks; // SNTP moves the wall clock back mid-run: that read is ignored
                long now = clock.At(wall);
                Assert.True(now >= previous);
                previous = now;
            }
            Assert.Equal(1, clock.StepsIgnored);
            // Every read but the stepped one advanced 1.0000001 s; exact integer arithmetic, no tolerance needed.
            Assert.Equal((steps - 1) * stepTicks / 10_000, previous);
            Assert.True(previous > uint.MaxValue);
        }
    }
}

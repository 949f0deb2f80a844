using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.VirtualRig.Running;
using CellVar.Bms.VirtualRig.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// The device's clock is an int of milliseconds (wraps to negative after 2^31 ms ≈ 24.8 days); the rig's alert times are
    /// simulated seconds and must stay right past that point.
    /// </summary>
    public sealed class ClockWrapTests(ITestOutputHelper output)
    {
        [Fact]
        public void AlertTimes_AcrossTheDeviceClockWrap_AreTheSimulatedTimes()
        {
            // Start 183.6 s before the device clock wraps (2^31 ms = 2,147,483.648 s); the defects start after it.
            const double T0 = 2_147_300;
            const int Steps = 1200;
            Assert.True(T0 + 300 > int.MaxValue / 1000.0);
            List<DeviceAlert> early = Run(0, Steps), late = Run(T0, Steps);
            output.WriteLine("from 0:    " + string.Join("; ", early.Select(a => $"{a.Time_s}s c{a.Cell} {a.Kind} {a.Raised}")));
            output.WriteLine("from 2^31: " + string.Join("; ", late.Select(a => $"{a.Time_s}s c{a.Cell} {a.Kind} {a.Raised}")));

            // The weld and the hot cell are found in both runs (so alerts after the wrap really are checked).
            Assert.Contains(early, a => a.Cell == 3 && a.Kind == "resistance_outlier" && a.Raised);
            Assert.Contains(early, a => a.Cell == 6 && a.Kind == "hot_cell" && a.Raised);
            // Same pack, same seed, same current: the device only uses differences between ticks (wrap-safe), so it produces
            // the same alerts at the same ticks, and each alert's time is its tick's simulated time — not the device's
            // negative milliseconds (−2,147,483 s and below) that an int clock gives after the wrap.
            Assert.Equal(early.Select(a => (a.Cell, a.Kind, a.Raised)), late.Select(a => (a.Cell, a.Kind, a.Raised)));
            for (int i = 0; i < early.Count; i++)
            {
                Assert.Equal(T0 + early[i].Time_s, late[i].Time_s); // exact: integer seconds, well inside double's 53 bits
                Assert.InRange(late[i].Time_s, T0 + 300, T0 + Steps);
            }
        }

        // One 8-cell monitor without MQTT from simulated time t0 + 1 s, a 5 mΩ weld on cell 3 and 3 W in cell 6 at t0 + 300 s.
        private static List<DeviceAlert> Run(double t0, int steps)
        {
            InjectedDefect[] defects =
            [
                new(1, 3, DefectKind.Weld, t0 + 300, 0, InjectedDefect.DefaultWeld_mOhm),
                new(1, 6, DefectKind.HotCell, t0 + 300, 0, InjectedDefect.DefaultHeat_W),
            ];
            var profile = LoadProfile.Drive();
            var m = new VirtualMonitor(new VirtualMonitorOptions { Cells = 8, Seed = 2 }, defects);
            for (int k = 1; k <= steps; k++) m.Step(t0 + k, 1.0, profile.Current_A(k));
            m.Flush();
            return [.. m.Alerts];
        }
    }
}

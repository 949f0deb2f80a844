using System;
using System.Linq;
using CellVar.Bms.Evaluation.Methods;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Running;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Tests
{
    public class CusumEmulationTests
    {
        /// <summary>
        /// The sweep replays lower thresholds from one recording at a high threshold. It must give exactly the alarms the
        /// device itself raises when configured with that threshold — checked on a detected +5 % weld step at the default
        /// h = 30 and at a grid point near 12 (where more cells cross), and on a ×10 weld ramp at h = 30. (The ±5 K
        /// temperature swing used to serve as the many-false-alarms case; since the device compensates resistance for
        /// temperature it raises nothing there, so it cannot show the emulation.)
        /// </summary>
        [Theory]
        [InlineData(ScenarioKind.WeldStep, 0.05, 200001, 30.0)]
        [InlineData(ScenarioKind.WeldStep, 0.05, 200001, 12.0)]
        [InlineData(ScenarioKind.WeldRamp, 9.0, 100001, 30.0)]
        public void SweptThresholdReproducesTheDeviceRunAtThatThreshold(ScenarioKind kind, double size, int seed, double near)
        {
            ScenarioInstance run = ScenarioFactory.Create("x", kind, size, seed, 16, 1.0);
            var method = new DeviceCusumMethod();
            int k = MetricsCalculator.IndexOf(method.Thresholds(Quantity.Resistance), near);
            int h_Q16 = (int)Math.Round(method.Thresholds(Quantity.Resistance)[k] * 65536);
            DeviceTrace atH = DeviceRecorder.Record(run, h_Q16);
            DeviceTrace high = DeviceRecorder.Record(run);
            AlarmEvents ev = method.Sweep(high, Quantity.Resistance, new PopulationPrior(18000, 100, 0, 3));
            double[] emulated = ev.Raises[k].Select(r => r.Length > 0 ? r[0] : double.NaN).ToArray();
            Assert.Equal(atH.FirstResistanceAlert_s, emulated);
            Assert.Contains(atH.FirstResistanceAlert_s, t => !double.IsNaN(t)); // the case is not vacuous
        }

        /// <summary>Our hot-cell rule at its default threshold raises exactly when the device's own hot-cell alert does.</summary>
        [Fact]
        public void HotCellRuleAtDefaultMatchesTheDeviceAlert()
        {
            ScenarioInstance run = ScenarioFactory.Create("x", ScenarioKind.HotCell, 2.5, 400001, 16, 1.0);
            DeviceTrace trace = DeviceRecorder.Record(run);
            var method = new DeviceCusumMethod();
            int k = MetricsCalculator.IndexOf(method.Thresholds(Quantity.Temperature), method.DefaultThreshold(Quantity.Temperature));
            AlarmEvents ev = method.Sweep(trace, Quantity.Temperature, new PopulationPrior(18000, 100, 0, 3));
            double[] emulated = ev.Raises[k].Select(r => r.Length > 0 ? r[0] : double.NaN).ToArray();
            Assert.Equal(trace.FirstHotAlert_s, emulated);
            Assert.False(double.IsNaN(trace.FirstHotAlert_s[run.SpecialCells[0]])); // the hot cell is found: not vacuous
        }
    }
}

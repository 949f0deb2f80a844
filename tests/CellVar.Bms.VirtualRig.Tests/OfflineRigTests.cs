using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Replay;
using CellVar.Bms.VirtualRig.Running;
using CellVar.Bms.VirtualRig.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    public sealed class OfflineRigTests(ITestOutputHelper output)
    {
        internal static readonly InjectedDefect[] StandardDefects =
        [
            new(1, 3, DefectKind.Weld, 300, 0, InjectedDefect.DefaultWeld_mOhm),
            new(2, 6, DefectKind.HotCell, 300, 0, InjectedDefect.DefaultHeat_W),
            new(3, 2, DefectKind.Weld, 400, 200, InjectedDefect.DefaultWeld_mOhm),
        ];

        [Fact]
        public async Task DeviceCodeOnVirtualPacks_DetectsEveryDefect_NoFalseAlarms()
        {
            await using var rig = new Running.VirtualRig(new RigOptions { Monitors = 4, Cells = 8, Duration_s = 1500, Speed = 0, Defects = StandardDefects });
            await rig.RunAsync();
            var report = DefectReport.Evaluate(StandardDefects, rig.Alerts());
            foreach (var o in report.Outcomes) output.WriteLine($"{o.Defect.Describe()}: {o.Kind} after {o.Latency_s} s");
            foreach (var a in report.FalseAlarms) output.WriteLine($"false alarm {a}");
            Assert.All(report.Outcomes, o => Assert.NotNull(o.DetectedAt_s));
            Assert.Empty(report.FalseAlarms);
        }

        /// <param name="glitchProbability">
        /// 0, or 2 % glitched conversions: then some current samples keep a glitch after trimming (two on one side), the
        /// device drops them for their spread, and the log must mark them missing — replay sees one value per tick and
        /// would otherwise estimate on a false pack-wide current step.
        /// </param>
        [Theory]
        [InlineData(0.0)]
        [InlineData(0.02)]
        public async Task RecordedLog_ReplayedByCellvarReplay_GivesTheSameAlerts(double glitchProbability)
        {
            InjectedDefect[] defects = [new(1, 3, DefectKind.Weld, 300, 0, 5), new(1, 6, DefectKind.HotCell, 300, 0, 3), new(1, 8, DefectKind.SensorFault, 900, 0, 0)];
            await using var rig = new Running.VirtualRig(new RigOptions
            {
                Monitors = 1, Cells = 8, Duration_s = 1200, Speed = 0, Defects = defects, Record = true,
                Adc = new Adc.AdcModelOptions { GlitchProbability = glitchProbability },
            });
            await rig.RunAsync();
            string path = Path.Combine(Path.GetTempPath(), $"vrig-{System.Guid.NewGuid():N}.csv");
            try
            {
                RigLog recorded = rig.Monitors[0].RecordedLog();
                int missingCurrent = recorded.Current_A.Count(double.IsNaN);
                output.WriteLine($"glitch probability {glitchProbability}: {missingCurrent} current samples logged as missing");
                if (glitchProbability > 0)
                    Assert.True(missingCurrent > 0, "no current sample was dropped for its spread: the glitch case did not exercise it");
                else
                    Assert.Equal(0, missingCurrent);
                RigLogWriter.WriteFile(path, recorded);
                RigLog log = RigLogReader.ReadFile(path);
                ReplayResult replay = ReplayRunner.Run(log, new MonitorSettings(), null, path);
                var live = rig.Alerts().Select(a => (a.Cell, a.Kind, a.Raised)).ToList();
                var again = replay.Alerts.Select(a => (a.Cell, a.Kind, a.Raised)).ToList();
                output.WriteLine("live:   " + string.Join("; ", rig.Alerts().Select(a => $"{a.Time_s}s c{a.Cell} {a.Kind} {a.Raised}")));
                output.WriteLine("replay: " + string.Join("; ", replay.Alerts.Select(a => $"{a.Time_s}s c{a.Cell} {a.Kind} {a.Raised}")));
                Assert.NotEmpty(live);
                Assert.Equal(live, again);
                // Same alerts at the same tick, give or take one: the recorder logs what the device computed (trimmed mean, same
                // rounding), so the only difference left is the log's 0.1 mV voltage rounding (≤ 50 µV, a fifteenth of the ≈ 0.75 mV
                // noise σ of one sample), which may move a CUSUM crossing by a tick. (Logging the plain mean put the hot cell 2 s early.)
                var lt = rig.Alerts().Select(a => a.Time_s).ToList();
                var rt = replay.Alerts.Select(a => a.Time_s).ToList();
                for (int i = 0; i < lt.Count; i++) Assert.InRange(rt[i] - lt[i], -1, 1);
            }
            finally { File.Delete(path); }
        }
    }
}

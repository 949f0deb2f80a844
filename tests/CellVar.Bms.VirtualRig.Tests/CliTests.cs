using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Cli;
using Xunit;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>The verbs through the real command line.</summary>
    public sealed class CliTests
    {
        private static (int Code, string Out, string Err) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = o, Error = e });
            return (code, o.ToString(), e.ToString());
        }

        [Fact]
        public void RigRecord_ThenCellvarReplay_ReportsTheSameAlerts()
        {
            string dir = Path.Combine(Path.GetTempPath(), $"vrig-cli-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            try
            {
                string log = Path.Combine(dir, "rig.csv"), alerts = Path.Combine(dir, "alerts.jsonl");
                var rig = Run("rig", "--no-mqtt", "--monitors", "1", "--cells", "8", "--speed", "0", "--duration", "15m",
                    "--weld", "3@300", "--hot", "6@300", "--record", log);
                Assert.True(rig.Code == 0, rig.Err);
                Assert.Contains("injected m01 cell 3: weld +5 mΩ (step) at 300 s", rig.Out);
                Assert.Contains("DETECTED  m01 cell 3", rig.Out);
                Assert.Contains("DETECTED  m01 cell 6", rig.Out);
                Assert.Contains("no false alarms", rig.Out);

                var replay = Run("replay", log, "--out", alerts);
                Assert.True(replay.Code == 0, replay.Err);
                var raised = File.ReadLines(alerts).Select(l => JsonDocument.Parse(l).RootElement)
                    .Where(j => j.GetProperty("event").GetString() == "raised")
                    .Select(j => (j.GetProperty("cell").GetInt32(), j.GetProperty("kind").GetString()!)).ToHashSet();
                Assert.Equal(new[] { (3, "resistance_outlier"), (6, "hot_cell") }.ToHashSet(), raised);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Theory]
        [InlineData("rig", "--no-mqtt", "--weld", "3")]
        [InlineData("rig", "--broker", "http://x", "--weld", "3@10")]
        [InlineData("rig", "--no-mqtt", "--duration", "soon")]
        [InlineData("rig", "--no-mqtt", "--monitors", "2", "--weld", "m5:3@10")]
        public void BadRigArguments_ExitWith2_AndSayWhy(params string[] args)
        {
            var r = Run(args);
            Assert.Equal(2, r.Code);
            Assert.StartsWith("error: ", r.Err);
        }

        [Fact]
        public void Demo_Headless_DetectsDefaultDefects_ExitCode0()
        {
            var r = Run("demo", "--headless", "--speed", "0", "--duration", "1500", "--http", "http://127.0.0.1:0");
            Assert.True(r.Code == 0, r.Out + r.Err);
            Assert.Equal(3, r.Out.Split('\n').Count(l => l.StartsWith("DETECTED", StringComparison.Ordinal)));
            Assert.Contains("no false alarms", r.Out);
            Assert.Contains("host store: 3 alerts", r.Out);
        }
    }
}

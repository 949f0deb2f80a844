using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Cli;

namespace CellVar.Bms.Rig.Tests
{
    /// <summary><c>cellvar replay</c> and <c>cellvar rig-log</c> end to end through the real command tree.</summary>
    public sealed class ReplayCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("cellvar-replay-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static (int Code, string Out, string Err) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = o, Error = e });
            return (code, o.ToString(), e.ToString());
        }

        private string Write(string name, string text)
        {
            string p = Path.Combine(_dir, name);
            File.WriteAllText(p, text);
            return p;
        }

        [Fact]
        public void Replay_Of_The_Weld_Example_Prints_The_Table_And_Writes_Alerts_And_Summary()
        {
            string alerts = Path.Combine(_dir, "alerts.jsonl"), summary = Path.Combine(_dir, "summary.json");
            var (code, stdout, stderr) = Run("replay", ExampleLogs.PathOf("weld"), "--out", alerts, "--summary", summary);
            Assert.True(code == 0, stderr);
            Assert.Contains("R0 mΩ ± se", stdout);
            Assert.Contains("ALERT resistance_outlier on cell 6", stdout);

            string[] lines = File.ReadAllLines(alerts);
            Assert.Single(lines);
            using (JsonDocument a = JsonDocument.Parse(lines[0]))
            {
                JsonElement r = a.RootElement;
                Assert.Equal(6, r.GetProperty("cell").GetInt32());
                Assert.Equal("resistance_outlier", r.GetProperty("kind").GetString());
                Assert.True(r.GetProperty("raised").GetBoolean());
                Assert.Equal("mOhm", r.GetProperty("unit").GetString());
                Assert.True(r.GetProperty("value").GetDouble() > r.GetProperty("threshold").GetDouble());
                Assert.True(r.GetProperty("time_s").GetDouble() > 1900, "alert only once current steps start after the first rest");
            }
            using JsonDocument s = JsonDocument.Parse(File.ReadAllText(summary));
            JsonElement[] cells = s.RootElement.GetProperty("cells").EnumerateArray().ToArray();
            Assert.Equal(16, cells.Length);
            foreach (JsonElement c in cells)
            {
                foreach (string key in new[] { "r0_mOhm", "r0_se_mOhm", "capacity_Ah", "r0_score", "capacity_score", "temperature_score" })
                    Assert.Equal(JsonValueKind.Number, c.GetProperty(key).ValueKind);
            }
            Assert.Equal(["resistance_outlier"], cells[5].GetProperty("alerts_active").EnumerateArray().Select(x => x.GetString()));
        }

        [Fact]
        public void Malformed_Csv_Fails_With_Line_And_Column_And_Exit_Code_2()
        {
            string p = Write("bad.csv", "time_s,current_A,cell1_V,cell2_V,cell3_V\n1,0,3.7,3.7,3.7\n2,0,3.7,3,7,3.7\n");
            var (code, stdout, stderr) = Run("replay", p);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("cellvar replay: bad.csv line 3: expected 5 fields as in the header, found 6", stderr);
            p = Write("bad2.csv", "time_s,current_A,cell1_V,cell2_V,cell3_V\n1,0,3.7,3.7,3.7\n2,0,3.7,3.7,3,7\n".Replace("3,7\n", "3x7\n"));
            (code, _, stderr) = Run("replay", p);
            Assert.Equal(2, code);
            Assert.Contains("bad2.csv line 3, column 5 (cell3_V): '3x7' is not a number", stderr);
        }

        [Fact]
        public void Missing_File_Bad_Config_And_Bad_Priors_Fail_Cleanly()
        {
            var (code, _, stderr) = Run("replay", Path.Combine(_dir, "nope.csv"));
            Assert.Equal(1, code);
            Assert.Contains("nope.csv", stderr);

            string cfg = Write("m.json", "{ \"tunables\": { \"NoSuchKnob\": 1 } }");
            (code, _, stderr) = Run("replay", ExampleLogs.PathOf("healthy"), "--config", cfg);
            Assert.Equal(2, code);
            Assert.Contains("m.json: tunables.NoSuchKnob: unknown tunable", stderr);

            string pri = Write("p.json", PriorFileReaderTests.Example.Replace("\"scale\": 0.6", "\"scale\": -0.6"));
            (code, _, stderr) = Run("replay", ExampleLogs.PathOf("healthy"), "--priors", pri);
            Assert.Equal(2, code);
            Assert.Contains("p.json: quantities[0].scale: must be > 0", stderr);
        }

        [Fact]
        public void Rig_Log_Writes_A_Log_That_Replays()
        {
            string p = Path.Combine(_dir, "w.csv");
            var (code, stdout, stderr) = Run("rig-log", "--scenario", "weld", "--cells", "8", "--seed", "3", "--out", p);
            Assert.True(code == 0, stderr);
            Assert.Contains("defect on cell 3", stdout); // ⌊8/3⌋+1
            Assert.StartsWith("# generated by: cellvar rig-log --scenario weld --cells 8 --seed 3 --out w.csv", File.ReadLines(p).First());
            (code, stdout, stderr) = Run("replay", p);
            Assert.True(code == 0, stderr);
            Assert.Contains("ALERT resistance_outlier on cell 3", stdout);
            (code, _, stderr) = Run("rig-log", "--scenario", "cold", "--out", p);
            Assert.Equal(2, code);
            Assert.Contains("unknown scenario 'cold'", stderr);
        }
    }
}

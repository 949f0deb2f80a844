using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CellVar.Bms.Cli;

namespace CellVar.Bms.Model.Tests
{
    /// <summary>`cellvar cell` end to end through the CLI's own root command.</summary>
    public sealed class CellCommandTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "cellvar-cell-" + Guid.NewGuid().ToString("N"));

        public CellCommandTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private (int Code, string Out, string Err) Invoke(params string[] args)
        {
            var root = Program.BuildRoot();
            var parse = root.Parse(args);
            var o = new StringWriter();
            var e = new StringWriter();
            int code = parse.Invoke(new System.CommandLine.InvocationConfiguration { Output = o, Error = e });
            return (code, o.ToString(), e.ToString());
        }

        private string Profile(string text)
        {
            string path = Path.Combine(_dir, "profile.csv");
            File.WriteAllText(path, text);
            return path;
        }

        [Theory]
        [InlineData("spme")]
        [InlineData("ecm")]
        public void Writes_a_trace_with_internals(string model)
        {
            string prof = Profile("time_s,current_A\n0,0\n2,2.5\n602,-2.5\n902,0\n");
            string outPath = Path.Combine(_dir, "v.csv");
            var (code, stdout, stderr) = Invoke("cell", "--model", model, "--params", "chen2020", "--soc0", "0.75",
                "--profile", prof, "--out", outPath, "--set", "ContactResistance_Ohm=0.001", "--dt", "2");
            Assert.True(code == 0, stderr);
            Assert.Contains("profile completed", stdout);
            var lines = File.ReadAllLines(outPath);
            Assert.StartsWith("time_s,voltage_V,soc,current_A,", lines[0]);
            Assert.Equal(1 + 1 + 902 / 2, lines.Length); // header, t = 0, one row per 2 s step
            foreach (var line in lines.Skip(1))
                Assert.All(line.Split(','), f => Assert.True(double.IsFinite(double.Parse(f, CultureInfo.InvariantCulture)), line));
            var last = lines[^1].Split(',');
            Assert.Equal(902, double.Parse(last[0], CultureInfo.InvariantCulture));
            // 0.5C for 600 s out, 300 s back: the SOC fell by 300 s × 2.5 A of the eSOH capacity (5.1532 Ah).
            Assert.Equal(0.75 - 300 * 2.5 / 3600 / 5.153198, double.Parse(last[2], CultureInfo.InvariantCulture), 4);
        }

        [Fact]
        public void Reports_the_cutoff_it_hits()
        {
            string prof = Profile("time_s,current_A\n0,5\n7200,5\n");
            string outPath = Path.Combine(_dir, "v.csv");
            var (code, stdout, _) = Invoke("cell", "--soc0", "0.3", "--profile", prof, "--out", outPath, "--dt", "10");
            Assert.Equal(0, code);
            Assert.Contains("STOPPED EARLY (LowerVoltageCutoff)", stdout);
            Assert.Contains("lower cut-off 2.5 V", stdout);
            var last = File.ReadAllLines(outPath)[^1].Split(',');
            Assert.Equal(2.5, double.Parse(last[1], CultureInfo.InvariantCulture), 0.01);
        }

        [Fact]
        public void Unknown_parameter_is_a_clear_error()
        {
            string prof = Profile("time_s,current_A\n0,5\n10,5\n");
            var (code, _, stderr) = Invoke("cell", "--profile", prof, "--out", Path.Combine(_dir, "v.csv"), "--set", "Porosity=0.3");
            Assert.Equal(2, code);
            Assert.Contains("Unknown parameter 'Porosity'", stderr);
            Assert.Contains("NegativePorosity", stderr);
            Assert.False(File.Exists(Path.Combine(_dir, "v.csv")));
        }

        [Fact]
        public void Impossible_value_is_a_clear_error()
        {
            string prof = Profile("time_s,current_A\n0,5\n10,5\n");
            var (code, _, stderr) = Invoke("cell", "--profile", prof, "--out", Path.Combine(_dir, "v.csv"), "--set", "SeparatorThickness_m=-1e-6");
            Assert.Equal(2, code);
            Assert.Contains("SeparatorThickness_m", stderr);
            Assert.Contains("outside", stderr);
        }

        [Fact]
        public void Broken_profile_names_line_and_column()
        {
            string prof = Profile("time_s,current_A\n0,5\n10,five\n");
            var (code, _, stderr) = Invoke("cell", "--profile", prof, "--out", Path.Combine(_dir, "v.csv"));
            Assert.Equal(2, code);
            Assert.Contains("profile.csv:3:2", stderr);
        }

        [Fact]
        public void Unknown_model_and_bad_soc_are_errors()
        {
            string prof = Profile("time_s,current_A\n0,5\n10,5\n");
            var (code, _, stderr) = Invoke("cell", "--model", "p2d", "--profile", prof, "--out", Path.Combine(_dir, "v.csv"));
            Assert.Equal(2, code);
            Assert.Contains("Known models", stderr);
            (code, _, stderr) = Invoke("cell", "--soc0", "1.5", "--profile", prof, "--out", Path.Combine(_dir, "v.csv"));
            Assert.Equal(2, code);
            Assert.Contains("--soc0", stderr);
        }

        [Fact]
        public void Lists_parameters_with_units_and_ranges()
        {
            var (code, stdout, _) = Invoke("cell", "--list-params", "--set", "SeparatorThickness_m=14e-6");
            Assert.Equal(0, code);
            Assert.Contains("SeparatorThickness_m,1.4E-05,m,\"(0, 0.01]\"", stdout);
            Assert.Equal(1 + Parameters.CellParameters.Names.Count, stdout.Trim().Split('\n').Length);
        }
    }
}

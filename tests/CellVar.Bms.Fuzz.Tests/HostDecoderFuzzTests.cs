using System.Text;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Sensitivity;
using CellVar.Bms.Population.Pack;
using CellVar.Bms.Population.Spec;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Priors;
using CellVar.Bms.Service.Protocol;
using CsCheck;
using Xunit.Abstractions;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Host readers: each documents one exception type for bad input. Property: a mutant either parses, or throws exactly
/// that type with a non-trivial message; nothing else escapes (no NullReference/InvalidOperation/IndexOutOfRange/
/// Format/Overflow…), nothing loops, and parsed logs hold no NaN/∞.
/// </summary>
public class HostDecoderFuzzTests(ITestOutputHelper output)
{
    private const string Source = "fuzz-input";

    private FuzzHarness.Result RunText<TError>(string name, string[] seeds, byte[][] tokens, Action<string> parse, Func<TError, string> label,
        int iterations, ulong seed, Func<Exception, string?>? knownBug = null) where TError : Exception
    {
        foreach (string s in seeds)
            parse(s); // every seed must be valid, else the mutants test nothing
        return FuzzHarness.Run(output, name, Inputs.Mixed(seeds, tokens), FuzzHarness.Show, bytes =>
        {
            string text = Encoding.UTF8.GetString(bytes);
            try
            {
                parse(text);
                return "accepted";
            }
            catch (TError e)
            {
                if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Length < 10)
                    throw new FuzzFailure($"{name}: rejection without a usable message: '{e.Message}'", e);
                return "rejected:" + label(e);
            }
        }, iterations, seed, knownBug);
    }

    // A blank field is a documented missing sample (NaN); time must always be finite and nothing may be infinite.
    private static void NoNonFinite(RigLog log)
    {
        bool bad = log.Time_s.Any(v => !double.IsFinite(v)) || log.Current_A.Any(double.IsInfinity)
            || log.CellVoltage_V.Any(c => c.Any(double.IsInfinity)) || log.Temperature_C.Any(c => c.Any(double.IsInfinity));
        if (bad)
            throw new FuzzFailure("rig log accepted with an infinite value or a non-finite time", null);
    }

    [Fact]
    public void RigLogCsvReader_OnlyRigLogFormatException()
    {
        string[] seeds = { Inputs.Head(Inputs.Example("rig-healthy-16s.csv"), 40), Inputs.Head(Inputs.Example("rig-weld-16s.csv"), 25) };
        var r = RunText<RigLogFormatException>("host RigLogReader (CSV)", seeds, Inputs.CsvTokens(seeds),
            text => NoNonFinite(RigLogReader.Read(new StringReader(text), Source)),
            e => e.ColumnName == null ? "line" : "column", FuzzHarness.Iterations(2000), 21);
        Assert.True(r.Count("accepted") > 0);
        Assert.True(r.Count("rejected:") > 0);
    }

    [Fact]
    public void PriorFileReader_OnlyPriorFormatException()
    {
        string[] seeds = { Inputs.Example("priors.example.json") };
        var r = RunText<PriorFormatException>("host PriorFileReader", seeds, Inputs.JsonTokens(seeds),
            text => PriorFileReader.Read(text, Source), e => e.Field.StartsWith("line", StringComparison.Ordinal) ? "json" : "field", FuzzHarness.Iterations(3000), 22);
        Assert.True(r.Count("accepted") > 0);
        Assert.True(r.Count("rejected:") > 0);
    }

    [Fact]
    public void MonitorSettingsReader_OnlyConfigFormatException()
    {
        string[] seeds = { Inputs.Example("monitor.example.json") };
        var r = RunText<ConfigFormatException>("host MonitorSettingsReader (monitor.json)", seeds, Inputs.JsonTokens(seeds),
            text => MonitorSettingsReader.Read(text, Source), e => e.Field.StartsWith("line", StringComparison.Ordinal) ? "json" : "field",
            FuzzHarness.Iterations(3000), 23);
        Assert.True(r.Count("accepted") > 0);
        Assert.True(r.Count("rejected:") > 0);
    }

    [Fact]
    public void PopulationSpecReader_OnlySpecException()
    {
        string[] seeds = { Inputs.Example("population.json") };
        var r = RunText<SpecException>("host PopulationSpecReader", seeds, Inputs.JsonTokens(seeds),
            text => PopulationSpecReader.Parse(text, Source), _ => "spec", FuzzHarness.Iterations(1500), 24);
        Assert.True(r.Count("accepted") > 0);
        Assert.True(r.Count("rejected:") > 0);
    }

    [Fact]
    public void PackSpecReader_OnlySpecException()
    {
        string dir = Path.Combine(Path.GetTempPath(), "cellvar-fuzz-pack-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "population.json"), Inputs.Example("population.json"));
            string packPath = Path.Combine(dir, "pack.json");
            string[] seeds = { Inputs.Example("pack.json") };
            var r = RunText<SpecException>("host PackSpec.ReadFile", seeds, Inputs.JsonTokens(seeds), text =>
            {
                File.WriteAllText(packPath, text);
                PackSpec.ReadFile(packPath);
            }, _ => "spec", FuzzHarness.Iterations(800), 25);
            Assert.True(r.Count("accepted") > 0);
            Assert.True(r.Count("rejected:") > 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SensitivitySpec_OnlyInvalidInputException()
    {
        string[] seeds = Directory.GetFiles(Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples"), "sensitivity-*.json")
            .Order().Select(File.ReadAllText).ToArray();
        var r = RunText<InvalidInputException>("host SensitivitySpec", seeds, Inputs.JsonTokens(seeds),
            text => SensitivitySpec.Parse(text, Source), _ => "input", FuzzHarness.Iterations(2000), 26);
        Assert.True(r.Count("accepted") > 0);
        Assert.True(r.Count("rejected:") > 0);
    }

    public static TheoryData<TopicKind, string[]> PayloadKinds => new()
    {
        { TopicKind.Telemetry, new[] { "telemetry-16cells.json", "telemetry-wrong-type.json" } },
        { TopicKind.Alert, new[] { "alert-raised.json", "alert-cleared.json" } },
        { TopicKind.State, new[] { "state-online.json", "state-offline.json" } },
        { TopicKind.Status, new[] { "status-prior-accepted.json", "status-prior-rejected.json" } },
    };

    [Theory]
    [MemberData(nameof(PayloadKinds))]
    public void ServicePayloadParser_OnlyPayloadException(TopicKind kind, string[] files)
    {
        var topic = new TopicAddress("lab", "rig1-m01", kind);
        string[] seeds = files.Select(Inputs.Golden).ToArray();
        var result = FuzzHarness.Run(output, $"host PayloadParser ({kind})", Inputs.Mixed(seeds, Inputs.JsonTokens(seeds)), FuzzHarness.Show, bytes =>
        {
            try
            {
                PayloadParser.Parse(topic, bytes);
                return "accepted";
            }
            catch (PayloadException e)
            {
                if (string.IsNullOrWhiteSpace(e.Reason) || string.IsNullOrWhiteSpace(e.Message))
                    throw new FuzzFailure($"PayloadException without reason/message: '{e.Reason}' '{e.Message}'", e);
                return "rejected:" + e.Reason;
            }
        }, FuzzHarness.Iterations(2500), 30 + (ulong)kind);
        Assert.True(result.Count("accepted") > 0);
        Assert.True(result.Count("rejected:") > 0);
    }
}

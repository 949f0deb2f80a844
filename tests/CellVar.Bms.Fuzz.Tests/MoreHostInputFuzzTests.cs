using System.Text;
using CellVar.Bms.Evaluation.Suites;
using CellVar.Bms.Provisioning;
using CellVar.Bms.Provisioning.Calibration;
using CellVar.Bms.Service.Protocol;
using CsCheck;
using Xunit.Abstractions;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>Other places bad input enters on the host: MQTT topic names (any client can publish any topic), evaluation suites and calibration CSV.</summary>
public class MoreHostInputFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void TopicAddress_TryParse_NeverThrows_AndOnlyReturnsValidAddresses()
    {
        string[] seeds = { "cellvar/v1/lab/rig1-m01/telemetry", "cellvar/v1/lab/rig1-m01/alert", "cellvar/v1/site_2/m.03/state", "cellvar/v1/lab/rig1-m01/prior" };
        byte[][] tokens = new[] { "/", "//", "+", "#", "$SYS", "cellvar", "v1", "telemetry", "status", "config", "\u0000", "é", ".", "..", " ",
            new string('a', 25), new string('b', 24) }.Select(Encoding.UTF8.GetBytes).ToArray();
        var r = FuzzHarness.Run(output, "host TopicAddress.TryParse", Inputs.Mixed(seeds, tokens), FuzzHarness.Show, bytes =>
        {
            string topic = Encoding.UTF8.GetString(bytes);
            TopicAddress? a = TopicAddress.TryParse("cellvar/v1", topic);
            if (a == null)
                return "not-v1";
            if (!TopicAddress.IsValidId(a.Site) || !TopicAddress.IsValidId(a.Monitor) || a.ToTopic("cellvar/v1") != topic)
                throw new FuzzFailure($"TryParse accepted '{topic}' as {a}, which does not round-trip", null);
            return "parsed:" + a.Kind;
        }, FuzzHarness.Iterations(5000), 41);
        Assert.True(r.Count("parsed:") > 0);
        Assert.True(r.Count("not-v1") > 0);
    }

    [Fact]
    public void SuiteReader_OnlySuiteFormatException()
    {
        string[] seeds = { Inputs.Example(Path.Combine("suites", "standard.json")) };
        SuiteReader.Parse(seeds[0], "standard.json");
        var r = FuzzHarness.Run(output, "host SuiteReader", Inputs.Mixed(seeds, Inputs.JsonTokens(seeds)), FuzzHarness.Show, bytes =>
        {
            try
            {
                SuiteReader.Parse(Encoding.UTF8.GetString(bytes), "fuzz-input");
                return "accepted";
            }
            catch (SuiteFormatException e)
            {
                if (e.Message.Length < 10)
                    throw new FuzzFailure($"unusable message '{e.Message}'", e);
                return "rejected";
            }
        }, FuzzHarness.Iterations(1500), 42);
        Assert.True(r.Count("rejected") > 0);
    }

    [Fact]
    public void CalibrationCsv_OnlyProvisioningException_NamingTheLine()
    {
        string seed = "signal,raw_counts,reference\n# two-point calibration of cell 1 and the current channel\ncell1,1000,2.500\ncell1,3000,4.100\n" +
                      "current,100,-10.0\ncurrent,4000,10.0\n";
        string[] seeds = { seed };
        Assert.Equal(4, CalibrationCsv.Parse(seed, "cal.csv").Count);
        var r = FuzzHarness.Run(output, "host CalibrationCsv", Inputs.Mixed(seeds, Inputs.CsvTokens(seeds)), FuzzHarness.Show, bytes =>
        {
            try
            {
                _ = CalibrationCsv.Parse(Encoding.UTF8.GetString(bytes), "cal.csv");
                return "accepted";
            }
            catch (ProvisioningException e)
            {
                if (!e.Message.StartsWith("cal.csv", StringComparison.Ordinal))
                    throw new FuzzFailure($"message does not name the file/line: '{e.Message}'", e);
                return "rejected";
            }
        }, FuzzHarness.Iterations(3000), 43);
        Assert.True(r.Count("accepted") > 0);
        Assert.True(r.Count("rejected") > 0);
    }
}

using System.Text;
using CellVar.Bms.OnDevice.Communication;
using Xunit.Abstractions;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// MonitorLink with a provisioned key (signed priors): mutants of the golden signed prior (byte flips, token splices,
/// truncations) must never throw, and are accepted only when byte-identical to the signed prior (then as the prior
/// already in force); everything else is rejected, reported on status, and leaves the prior in force unchanged.
/// </summary>
public class SignedPriorFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void KeyedMonitorLink_AcceptsOnlyTheExactSignedPrior_NeverThrows()
    {
        string signed = Inputs.Golden("prior-signed.json");
        byte[] key = Convert.FromHexString(Inputs.Golden("prior-signed.key"));
        byte[] golden = Encoding.ASCII.GetBytes(signed);
        var link = new RecordingLink();
        var monitorLink = new MonitorLink(link, "cellvar/v1", "lab", "rig1-m01", 1);
        monitorLink.RequireSignedMessages(key, key.Length, 0, 0);
        monitorLink.OnMessage(monitorLink.PriorTopic, golden, golden.Length);
        Assert.Equal(17, monitorLink.Prior!.Id);
        string[] seeds = { signed, Inputs.Golden("prior.json") };

        var result = FuzzHarness.Run(output, "device MonitorLink signed prior", Inputs.Mixed(seeds, Inputs.JsonTokens(seeds)), FuzzHarness.Show, input =>
        {
            int accepted = monitorLink.PriorsAccepted;
            monitorLink.OnMessage(monitorLink.PriorTopic, input, input.Length);
            bool identical = input.AsSpan().SequenceEqual(golden);
            if (monitorLink.PriorsAccepted != accepted)
                throw new FuzzFailure("a mutated signed prior was accepted as new", null);
            if (monitorLink.Prior == null || monitorLink.Prior.Id != 17 || monitorLink.Prior.High[PriorMessage.Resistance_uOhm] != 23100)
                throw new FuzzFailure("the prior in force changed", null);
            bool ok = link.LastPayload.Contains("\"ok\":true");
            if (ok != identical)
                throw new FuzzFailure($"status says ok={ok} for {(identical ? "the identical" : "a mutated")} prior: {link.LastPayload}", null);
            return identical ? "in-force" : "rejected:" + monitorLink.LastError.Status;
        }, FuzzHarness.Iterations(10000), seed: 23);
        Assert.True(result.Count("rejected:MacMismatch") > 0, "the generator never produced a well-formed but wrong MAC");
        Assert.True(result.Count("rejected:") > 0);
    }
}

using System.Text;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Provisioning;
using CsCheck;
using Xunit.Abstractions;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Device decoders (src/OnDevice/Communication, src/OnDevice/Provisioning): they report errors as a status, so the
/// property is "never throws, never loops, every rejection names a status with an in-range offset (and a field where
/// the status is about a field), same answer twice, bytes past <c>length</c> are ignored, and the prior/config in force
/// survives every rejected message".
/// </summary>
public class DeviceDecoderFuzzTests(ITestOutputHelper output)
{
    private const string Monitor = "rig1-m01";

    private static readonly string[] PriorSeeds =
    {
        Inputs.Golden("prior.json"), Inputs.Golden("prior-bad-json.json"), Inputs.Golden("prior-fraction.json"),
        Inputs.Golden("prior-limits-crossed.json"), Inputs.Golden("prior-missing-field.json"), Inputs.Golden("prior-out-of-range.json"),
        Inputs.Golden("prior-wrong-monitor.json"), Inputs.Golden("prior-wrong-version.json"),
    };

    private static bool IsFieldStatus(DecodeStatus s) =>
        s is DecodeStatus.Version or DecodeStatus.Monitor or DecodeStatus.Missing or DecodeStatus.Type or DecodeStatus.Range;

    private static void CheckRejection(DecodeStatus s, DecodeError err, int length, string what)
    {
        if (!Enum.IsDefined(s))
            throw new FuzzFailure($"{what}: status {(int)s} is not a DecodeStatus", null);
        if (err.Status != s)
            throw new FuzzFailure($"{what}: returned {s} but error record says {err.Status}", null);
        if (s == DecodeStatus.Accepted)
            return;
        if (err.Offset < 0 || err.Offset > Math.Max(length, ProtocolLimits.ReceiveLimitBytes))
            throw new FuzzFailure($"{what}: offset {err.Offset} outside the payload ({length} bytes)", null);
        if (IsFieldStatus(s) && err.Key == null)
            throw new FuzzFailure($"{what}: {s} rejection names no field", null);
    }

    private static byte[] Padded(byte[] input)
    {
        // The same bytes followed by junk: a decoder must stop at `length` (MQTT buffers are reused and longer).
        var padded = new byte[input.Length + 16];
        input.CopyTo(padded, 0);
        for (int i = input.Length; i < padded.Length; i++)
            padded[i] = (byte)'}';
        return padded;
    }

    private static string Snapshot(PriorMessage p) =>
        $"{p.Id}|{string.Join(',', p.Location)}|{string.Join(',', p.Scale)}|{string.Join(',', p.High)}|{string.Join(',', p.Low)}|" +
        $"{string.Join(',', p.CellLocation)}|{string.Join(',', p.CellScale)}|{string.Join(',', p.CellOverrideMask)}";

    [Fact]
    public void PriorDecoder_NeverThrows_RejectsWithReason_AndLastGoodPriorStaysInForce()
    {
        byte[] golden = Encoding.ASCII.GetBytes(Inputs.Golden("prior.json"));
        var decoder = new PriorDecoder(Monitor);
        var fresh = new PriorDecoder(Monitor);
        var msg = new PriorMessage();
        var err = new DecodeError();
        var err2 = new DecodeError();
        var link = new RecordingLink();
        var monitorLink = new MonitorLink(link, "cellvar/v1", "lab", Monitor, 1);
        monitorLink.OnMessage(monitorLink.PriorTopic, golden, golden.Length);
        Assert.NotNull(monitorLink.Prior);
        string goodSnapshot = Snapshot(monitorLink.Prior!);

        var result = FuzzHarness.Run(output, "device PriorDecoder", Inputs.Mixed(PriorSeeds, Inputs.JsonTokens(PriorSeeds)), FuzzHarness.Show, input =>
        {
            DecodeStatus s = decoder.Decode(input, input.Length, msg, err);
            CheckRejection(s, err, input.Length, "PriorDecoder");
            DecodeStatus again = fresh.Decode(Padded(input), input.Length, new PriorMessage(), err2);
            if (again != s || err2.Offset != err.Offset)
                throw new FuzzFailure($"PriorDecoder: not repeatable ({s}@{err.Offset} vs {again}@{err2.Offset} on a fresh decoder with padding)", null);

            int rejectedBefore = monitorLink.PriorsRejected;
            monitorLink.OnMessage(monitorLink.PriorTopic, input, input.Length);
            if (s != DecodeStatus.Accepted)
            {
                if (monitorLink.PriorsRejected != rejectedBefore + 1)
                    throw new FuzzFailure("MonitorLink did not count the rejected prior", null);
                if (monitorLink.Prior == null || Snapshot(monitorLink.Prior) != goodSnapshot)
                    throw new FuzzFailure("a rejected prior changed the prior in force", null);
                if (link.LastTopic != monitorLink.StatusTopic || !link.LastPayload.Contains("\"ok\":false"))
                    throw new FuzzFailure($"rejection not reported on the status topic: {link.LastPayload}", null);
                return "rejected:" + s;
            }
            monitorLink.OnMessage(monitorLink.PriorTopic, golden, golden.Length); // restore the known good prior
            return "accepted";
        }, FuzzHarness.Iterations(20000), seed: 11);
        Assert.True(result.Count("accepted") > 0, "no mutant was accepted: the generator never reaches the accepting path");
        Assert.True(result.Count("rejected:") > 0);
    }

    [Fact]
    public void ConfigDecoder_NeverThrows_RejectsWithReason_AndLastGoodConfigStaysInForce()
    {
        string[] seeds = { Inputs.Golden("config.json"), Inputs.Golden("config-out-of-range.json") };
        byte[] golden = Encoding.ASCII.GetBytes(seeds[0]);
        var decoder = new ConfigDecoder(Monitor);
        var fresh = new ConfigDecoder(Monitor);
        var msg = new ConfigMessage();
        var err = new DecodeError();
        var err2 = new DecodeError();
        var link = new RecordingLink();
        var monitorLink = new MonitorLink(link, "cellvar/v1", "lab", Monitor, 1);
        monitorLink.OnMessage(monitorLink.ConfigTopic, golden, golden.Length);
        Assert.NotNull(monitorLink.Config);
        static string Snap(ConfigMessage c) => $"{c.Id}|{c.TelemetryPeriod_s}|{c.CellCount}|{c.AlertHold_s}";
        string good = Snap(monitorLink.Config!);

        var result = FuzzHarness.Run(output, "device ConfigDecoder", Inputs.Mixed(seeds, Inputs.JsonTokens(seeds)), FuzzHarness.Show, input =>
        {
            DecodeStatus s = decoder.Decode(input, input.Length, msg, err);
            CheckRejection(s, err, input.Length, "ConfigDecoder");
            DecodeStatus again = fresh.Decode(Padded(input), input.Length, new ConfigMessage(), err2);
            if (again != s || err2.Offset != err.Offset)
                throw new FuzzFailure($"ConfigDecoder: not repeatable ({s}@{err.Offset} vs {again}@{err2.Offset})", null);
            int rejectedBefore = monitorLink.ConfigsRejected;
            monitorLink.OnMessage(monitorLink.ConfigTopic, input, input.Length);
            if (s != DecodeStatus.Accepted)
            {
                if (monitorLink.ConfigsRejected != rejectedBefore + 1 || monitorLink.Config == null || Snap(monitorLink.Config) != good)
                    throw new FuzzFailure("a rejected config changed the config in force (or was not counted)", null);
                if (!link.LastPayload.Contains("\"ok\":false"))
                    throw new FuzzFailure($"rejection not reported: {link.LastPayload}", null);
                return "rejected:" + s;
            }
            monitorLink.OnMessage(monitorLink.ConfigTopic, golden, golden.Length);
            return "accepted";
        }, FuzzHarness.Iterations(20000), seed: 12);
        Assert.True(result.Count("accepted") > 0);
        Assert.True(result.Count("rejected:") > 0);
    }

    [Fact]
    public void JsonReader_SkipValueAndReads_StayInsideTheBuffer_AndTerminate()
    {
        string[] seeds = { Inputs.Golden("prior.json"), Inputs.Golden("config.json"), Inputs.Seed("provisioning-virtual-4cells.json") };
        var reader = new JsonReader();
        FuzzHarness.Run(output, "device JsonReader", Inputs.Mixed(seeds, Inputs.JsonTokens(seeds)), FuzzHarness.Show, input =>
        {
            reader.Reset(input, input.Length);
            bool skipped = reader.SkipValue(ProtocolLimits.MaxJsonDepth);
            int after = reader.Position;
            if (after < 0 || after > input.Length)
                throw new FuzzFailure($"JsonReader.SkipValue left position {after} outside 0..{input.Length}", null);
            // Token-level reads at every offset: each must return (true/false/status) without throwing or overrunning.
            for (int at = 0; at < input.Length; at += 1 + input.Length / 64)
            {
                reader.Seek(at);
                reader.ReadString(out int start, out int len);
                if (start < 0 || len < 0 || start + len > input.Length)
                    throw new FuzzFailure($"ReadString at {at} returned [{start},{start + len}) outside the buffer", null);
                reader.Seek(at);
                reader.ReadInteger(out _);
                reader.Seek(at);
                reader.ConsumeNull();
                reader.Seek(at);
                reader.SkipValue(ProtocolLimits.MaxJsonDepth);
                if (reader.Position < 0 || reader.Position > input.Length)
                    throw new FuzzFailure($"position {reader.Position} outside the buffer after reads at {at}", null);
            }
            return skipped ? (reader.AtEnd() ? "one-value" : "value+trailing") : "refused";
        }, FuzzHarness.Iterations(10000), seed: 13);
    }

    [Fact]
    public void ProvisioningParser_NeverThrows_AndEveryRefusalNamesStatusFieldOffsetAndReason()
    {
        // The second seed carries the measurement keys (averagingMode, maxCurrentSpread_mA) with non-default values;
        // "trim" joins the token pool so mutants also swap the mode.
        string[] seeds = { Inputs.Seed("provisioning-virtual-4cells.json"), Inputs.Seed("provisioning-measurement-keys.json") };
        var parser = new ProvisioningParser();
        var fresh = new ProvisioningParser();
        var error = new ProvisioningError();
        var error2 = new ProvisioningError();
        foreach (string seed in seeds)
        {
            byte[] golden = Encoding.ASCII.GetBytes(seed);
            Assert.True(parser.Parse(golden, golden.Length, new DeviceConfiguration(), error) == ProvisioningStatus.Ok, error.ToString());
        }

        var result = FuzzHarness.Run(output, "device ProvisioningParser", Inputs.Mixed(seeds, Inputs.JsonTokens([.. seeds, "\"trim\""])), FuzzHarness.Show, input =>
        {
            var config = new DeviceConfiguration();
            ProvisioningStatus s = parser.Parse(input, input.Length, config, error);
            if (s == ProvisioningStatus.Ok)
            {
                // Whatever the file said, the monitor gets a mode it knows and a spread limit in the documented range.
                OnDevice.MonitorConfig mc = config.ToMonitorConfig();
                if (mc.Validate() != null || mc.MaxCurrentSpread_mA < 0 || mc.MaxCurrentSpread_mA > DeviceConfiguration.MaxCurrentSpreadLimit_mA)
                    throw new FuzzFailure($"accepted a file whose monitor config is unusable: {mc.Validate()} spread {mc.MaxCurrentSpread_mA}", null);
                return config.Averaging == OnDevice.Measurement.ConversionAveraging.Mean ? "accepted:mean" : "accepted:trim";
            }
            if (error.Status != s || string.IsNullOrEmpty(error.Message) || error.Offset < 0 || error.Offset > input.Length)
                throw new FuzzFailure($"refusal not specific: status {s}, record {error}", null);
            ProvisioningStatus again = fresh.Parse(Padded(input), input.Length, new DeviceConfiguration(), error2);
            if (again != s || error2.Offset != error.Offset || error2.Field != error.Field)
                throw new FuzzFailure($"not repeatable: {error} vs {error2}", null);
            bool measurementKey = error.Field is "averagingMode" or "maxCurrentSpread_mA";
            return "rejected:" + ProvisioningError.StatusName(s) + (measurementKey ? ":" + error.Field : "");
        }, FuzzHarness.Iterations(10000), seed: 14);
        Assert.True(result.Count("accepted:trim") > 0);
        Assert.True(result.Count("accepted:mean") > 0);
        Assert.True(result.Count("rejected:") > 0);
        // The new keys are really reached by the mutants: refusals name each of them.
        Assert.True(result.Outcomes.Keys.Any(k => k.EndsWith(":averagingMode", StringComparison.Ordinal)), "no refusal named averagingMode");
        Assert.True(result.Outcomes.Keys.Any(k => k.EndsWith(":maxCurrentSpread_mA", StringComparison.Ordinal)), "no refusal named maxCurrentSpread_mA");
    }
}

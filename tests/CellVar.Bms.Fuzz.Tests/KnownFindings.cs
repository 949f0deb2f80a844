using System.Text;
using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Sensitivity;
using CellVar.Bms.Service.Protocol;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Crashes the fuzzer found in decoders owned by others. Each is kept as a skipped test with the exact input and the
/// owner (the fuzz harnesses count further hits of the same signature as "known-bug:…" instead of failing); when the
/// owner fixes the decoder, remove the Skip and the signature below.
/// </summary>
public class KnownFindings
{
    /// <summary>PayloadParser lets InvalidOperationException (UTF-8 transcoding) escape for invalid UTF-8 inside a JSON string.</summary>
    internal static string? PayloadParserInvalidUtf8(Exception e) =>
        e is InvalidOperationException && e.InnerException is DecoderFallbackException ? "payload-invalid-utf8" : null;

    /// <summary>SensitivitySpec.Parse lets JsonElement's wrong-type InvalidOperationException, or GetInt32's FormatException, escape.</summary>
    internal static string? SensitivitySpecWrongJsonType(Exception e) =>
        e is InvalidOperationException && e.Message.StartsWith("The requested operation requires an element of type", StringComparison.Ordinal)
            ? "sensitivity-wrong-json-type"
            : e is FormatException ? "sensitivity-non-integer-count" : null;

    private static byte[] Bytes(string ascii, int at, byte value)
    {
        byte[] b = Encoding.ASCII.GetBytes(ascii);
        b[at] = value;
        return b;
    }

    public static TheoryData<TopicKind, byte[]> InvalidUtf8Payloads => new()
    {
        // "kind":"r_hi\xffh" — found by ServicePayloadParser_OnlyPayloadException(Alert), input #122
        { TopicKind.Alert, Bytes("""{"v":1,"mon":"rig1-m01","seq":1002,"t":1764100001005,"cell":7,"kind":"r_hiXh","state":"raised","val":26100,"lim":23100,"z":1016}""", 74, 0xff) },
        // "re":"\xf0rior" — found by ServicePayloadParser_OnlyPayloadException(Status), input #1112
        { TopicKind.Status, Bytes("""{"v":1,"mon":"rig1-m01","seq":1004,"t":1764100002000,"re":"Xrior","id":17,"ok":true}""", 59, 0xf0) },
        // "fw":"0\xae1{.0" — found by ServicePayloadParser_OnlyPayloadException(State), input #1059
        { TopicKind.State, Bytes("""{"v":1,"mon":"rig1-m01","seq":1000,"t":1764100000000,"online":true,"fw":"0X1{.0","cells":16}""", 74, 0xae) },
    };

    [Theory(Skip = "Finding for H7 (src/HostTools/CellVar.Bms.Service/Protocol/PayloadParser.cs): invalid UTF-8 inside a JSON string " +
        "escapes as InvalidOperationException ('Cannot transcode invalid UTF-8 JSON text to UTF-16 string') instead of PayloadException(\"json\").")]
    [MemberData(nameof(InvalidUtf8Payloads))]
    public void PayloadParser_InvalidUtf8InAString_IsPayloadException(TopicKind kind, byte[] payload)
    {
        var e = Assert.Throws<PayloadException>(() => PayloadParser.Parse(new TopicAddress("lab", "rig1-m01", kind), payload));
        Assert.Equal("json", e.Reason);
    }

    [Theory(Skip = "Finding for the owner of src/HostTools/CellVar.Bms.Inference (Sensitivity/SensitivitySpec.cs:65): a spec whose top level " +
        "is not an object, e.g. the 20-byte document \"NegativeTortuosity\" (a JSON string), escapes as InvalidOperationException " +
        "instead of InvalidInputException.")]
    [InlineData("\"NegativeTortuosity\"")]
    [InlineData("[]")]
    [InlineData("42")]
    public void SensitivitySpec_TopLevelNotAnObject_IsInvalidInputException(string json)
    {
        Assert.Throws<InvalidInputException>(() => SensitivitySpec.Parse(json, "fuzz-input"));
    }

    [Theory(Skip = "Finding for the owner of src/HostTools/CellVar.Bms.Inference (Sensitivity/SensitivitySpec.cs): a non-integer count, " +
        "e.g. \"samples\": 4.9e-324 in examples/sensitivity-linear-correlated.json, escapes as FormatException ('One of the identified items " +
        "was in an invalid format') instead of InvalidInputException naming the field.")]
    [InlineData("4.9e-324")]
    [InlineData("1.5")]
    public void SensitivitySpec_NonIntegerSamples_IsInvalidInputException(string samples)
    {
        string json = File.ReadAllText(Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "sensitivity-linear-correlated.json"));
        json = System.Text.RegularExpressions.Regex.Replace(json, "\"samples\"\\s*:\\s*[0-9]+", "\"samples\": " + samples);
        Assert.Contains("\"samples\": " + samples, json);
        Assert.Throws<InvalidInputException>(() => SensitivitySpec.Parse(json, "fuzz-input"));
    }
}

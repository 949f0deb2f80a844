using System.Text;
using CellVar.Bms.Service.Protocol;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Inputs the fuzzer found crashing a decoder, since fixed by the owner; kept as regression tests with the exact input.
/// </summary>
public class FixedFindingsTests
{
    private static byte[] Bytes(string ascii, int at, byte value)
    {
        byte[] b = Encoding.ASCII.GetBytes(ascii);
        Assert.Equal((byte)'X', b[at]);
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

    /// <summary>Was: InvalidOperationException ("Cannot transcode invalid UTF-8 JSON text to UTF-16 string") escaped PayloadParser (owner H7).</summary>
    [Theory]
    [MemberData(nameof(InvalidUtf8Payloads))]
    public void PayloadParser_InvalidUtf8InAString_IsPayloadException(TopicKind kind, byte[] payload)
    {
        var e = Assert.Throws<PayloadException>(() => PayloadParser.Parse(new TopicAddress("lab", "rig1-m01", kind), payload));
        Assert.Equal("json", e.Reason);
    }
}

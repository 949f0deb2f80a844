using System.Text;
using CellVar.Bms.OnDevice.Security;

namespace CellVar.Bms.Security.Tests;

/// <summary>All seven HMAC-SHA-256 test cases of RFC 4231 §4, typed from the RFC.</summary>
public class HmacSha256Rfc4231Tests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static byte[] Key4()
    {
        var k = new byte[25];
        for (int i = 0; i < k.Length; i++)
            k[i] = (byte)(i + 1); // 0x01..0x19
        return k;
    }

    public static TheoryData<string, byte[], byte[], string> Cases => new()
    {
        { "1", Hex.Repeat(0x0b, 20), Ascii("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "2", Ascii("Jefe"), Ascii("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "3", Hex.Repeat(0xaa, 20), Hex.Repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "4", Key4(), Hex.Repeat(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { "6", Hex.Repeat(0xaa, 131), Ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "7", Hex.Repeat(0xaa, 131),
            Ascii("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FullLengthCases(string rfcCase, byte[] key, byte[] data, string expected)
    {
        var mac = new byte[32];
        var hmac = new HmacSha256(key, key.Length);
        hmac.Compute(data, 0, data.Length, mac);
        Assert.True(expected == Hex.Of(mac), $"RFC 4231 case {rfcCase}");
        Assert.True(hmac.Verify(data, 0, data.Length, Hex.Parse(expected), 0, 32));
    }

    [Fact]
    public void Case5_TruncatedTo128Bits_MatchesPrefix_ButVerifyRefusesTruncatedMacs()
    {
        var key = Hex.Repeat(0x0c, 20);
        var data = Ascii("Test With Truncation");
        var hmac = new HmacSha256(key, key.Length);
        var mac = new byte[32];
        hmac.Compute(data, 0, data.Length, mac);
        Assert.Equal("a3b6167473100ee06e0c796c2955552b", Hex.Of(mac, 16));
        // The RFC's truncated output is a correct prefix, yet our verifier only accepts full MACs.
        Assert.False(hmac.Verify(data, 0, data.Length, Hex.Parse("a3b6167473100ee06e0c796c2955552b"), 0, 16));
        Assert.True(hmac.Verify(data, 0, data.Length, mac, 0, 32));
    }

    [Fact]
    public void Verify_RejectsAnySingleBitFlip()
    {
        var key = Ascii("Jefe");
        var data = Ascii("what do ya want for nothing?");
        var hmac = new HmacSha256(key, key.Length);
        var good = Hex.Parse("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        for (int bit = 0; bit < 256; bit++)
        {
            var bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(hmac.Verify(data, 0, data.Length, bad, 0, 32), $"bit {bit}");
        }
    }

    [Fact]
    public void KeyLength_UsesOnlyThePrefixOfTheKeyArray()
    {
        // Case 2's key "Jefe" embedded in a longer buffer must give case 2's MAC.
        var buffer = Ascii("JefeXXXXXXXX");
        var data = Ascii("what do ya want for nothing?");
        var mac = new byte[32];
        new HmacSha256(buffer, 4).Compute(data, 0, data.Length, mac);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Of(mac));
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => new HmacSha256(null!, 0));
        Assert.Throws<ArgumentException>(() => new HmacSha256(new byte[4], 5));
        var h = new HmacSha256(new byte[4], 4);
        Assert.Throws<ArgumentException>(() => h.Compute(new byte[4], 0, 4, new byte[31]));
        Assert.False(h.Verify(new byte[4], 0, 4, new byte[32], 1, 32)); // MAC range outside the array
    }
}

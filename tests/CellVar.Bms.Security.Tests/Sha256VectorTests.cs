using System.Text;
using CellVar.Bms.OnDevice.Security;

namespace CellVar.Bms.Security.Tests;

/// <summary>FIPS 180-4 / NIST CSRC "SHA-256 example" vectors, typed from the published documents.</summary>
public class Sha256VectorTests
{
    private static string Digest(byte[] message, int chunk = int.MaxValue)
    {
        var sha = new Sha256();
        for (int at = 0; at < message.Length; at += chunk)
            sha.Update(message, at, Math.Min(chunk, message.Length - at));
        var hash = new byte[32];
        sha.Final(hash, 0);
        return Hex.Of(hash);
    }

    [Fact]
    public void Abc_OneBlock() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digest(Encoding.ASCII.GetBytes("abc")));

    [Fact]
    public void Message448Bits_TwoBlocks() =>
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            Digest(Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")));

    [Fact]
    public void Empty() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest(Array.Empty<byte>()));

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1000)]
    [InlineData(63)] // never block-aligned, exercises the partial-block path on every call
    public void MillionA(int chunk) =>
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Digest(Hex.Repeat((byte)'a', 1_000_000), chunk));

    [Fact]
    public void FinalResets_SoTheInstanceHashesTheNextMessageFromScratch()
    {
        var sha = new Sha256();
        var abc = Encoding.ASCII.GetBytes("abc");
        var h1 = new byte[32];
        var h2 = new byte[32];
        sha.Update(abc, 0, 3);
        sha.Final(h1, 0);
        sha.Update(abc, 0, 3);
        sha.Final(h2, 0);
        Assert.Equal(h1, h2);
    }

    [Fact]
    public void BadRanges_AreRefusedWithArgumentException()
    {
        var sha = new Sha256();
        Assert.Throws<ArgumentNullException>(() => sha.Update(null!, 0, 0));
        Assert.Throws<ArgumentException>(() => sha.Update(new byte[4], 2, 3));
        Assert.Throws<ArgumentException>(() => sha.Update(new byte[4], -1, 1));
        Assert.Throws<ArgumentException>(() => sha.Final(new byte[31], 0));
    }
}

using System.Security.Cryptography;
using CellVar.Bms.OnDevice.Security;
using CsCheck;

namespace CellVar.Bms.Security.Tests;

/// <summary>The device code against .NET's own HMACSHA256/SHA256 on random inputs (seeded; CsCheck prints a seed on failure).</summary>
public class HmacCrossCheckTests
{
    private static readonly Gen<byte[]> Bytes300 = Gen.Byte.Array[0, 300];

    [Fact]
    public void Sha256_MatchesSystemSha256_WithRandomChunking()
    {
        Gen.Select(Bytes300, Gen.Int[1, 97]).Sample((data, chunk) =>
        {
            var sha = new Sha256();
            for (int at = 0; at < data.Length; at += chunk)
                sha.Update(data, at, Math.Min(chunk, data.Length - at));
            var ours = new byte[32];
            sha.Final(ours, 0);
            return ours.AsSpan().SequenceEqual(SHA256.HashData(data));
        }, iter: 2000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void HmacSha256_MatchesSystemHmac_ForKeysShorterAndLongerThanABlock()
    {
        Gen.Select(Gen.Byte.Array[0, 200], Bytes300).Sample((key, data) =>
        {
            var ours = new byte[32];
            new HmacSha256(key, key.Length).Compute(data, 0, data.Length, ours);
            return ours.AsSpan().SequenceEqual(HMACSHA256.HashData(key, data));
        }, iter: 2000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Streaming_EqualsOneShot_AndInstanceIsReusable()
    {
        Gen.Select(Gen.Byte.Array[1, 80], Bytes300, Gen.Int[0, 300]).Sample((key, data, cut) =>
        {
            cut = Math.Min(cut, data.Length);
            var h = new HmacSha256(key, key.Length);
            var oneShot = new byte[32];
            h.Compute(data, 0, data.Length, oneShot);
            h.Begin();
            h.Update(data, 0, cut);
            h.Update(data, cut, data.Length - cut);
            var streamed = new byte[32];
            h.Finish(streamed, 0);
            return oneShot.AsSpan().SequenceEqual(streamed) && h.Verify(data, 0, data.Length, oneShot, 0, 32);
        }, iter: 1000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void ConstantTimeEquals_AgreesWithSequenceEqual()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32], Gen.Bool).Sample((a, b, same) =>
        {
            if (same)
                b = (byte[])a.Clone();
            return ConstantTime.BytesEqual(a, 0, b, 0, 32) == a.AsSpan().SequenceEqual(b);
        }, iter: 1000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void ComputeAndVerify_AllocateNothing()
    {
        var h = new HmacSha256(new byte[32], 32);
        var msg = new byte[1500];
        var mac = new byte[32];
        h.Compute(msg, 0, msg.Length, mac); // warm-up (JIT)
        h.Verify(msg, 0, msg.Length, mac, 0, 32);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            h.Compute(msg, 0, msg.Length, mac);
            h.Verify(msg, 0, msg.Length, mac, 0, 32);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

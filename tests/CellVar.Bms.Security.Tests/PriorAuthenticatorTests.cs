using System.Text;
using CellVar.Bms.OnDevice.Security;

namespace CellVar.Bms.Security.Tests;

public class PriorAuthenticatorTests
{
    private static PriorAuthenticator NewAuth(int lastVersion = 0, string label = PriorAuthenticator.PriorLabel) =>
        new(SignedPayloads.Key, SignedPayloads.Key.Length, label, lastVersion);

    [Fact]
    public void PayloadSignedPerReadme_IsAuthentic_AndSignedLengthIsTheBody()
    {
        string json = SignedPayloads.GoldenPrior();
        byte[] signed = SignedPayloads.Sign(json);
        var auth = NewAuth();
        Assert.Equal(AuthStatus.Authentic, auth.Check(signed, signed.Length));
        Assert.Equal(json.Length - 1, auth.SignedLength);
    }

    [Fact]
    public void DeviceSign_ProducesExactlyTheReferenceBytes()
    {
        byte[] json = Encoding.ASCII.GetBytes(SignedPayloads.GoldenPrior());
        var output = new byte[json.Length + PriorAuthenticator.TrailerBytes];
        int n = NewAuth().Sign(json, json.Length, output);
        Assert.Equal(SignedPayloads.Sign(SignedPayloads.GoldenPrior()), output.AsSpan(0, n).ToArray());
    }

    [Fact]
    public void Forged_AnyByteOfTheBodyChanged_IsBadMac()
    {
        byte[] signed = SignedPayloads.Sign(SignedPayloads.GoldenPrior());
        int body = signed.Length - PriorAuthenticator.TrailerBytes;
        var auth = NewAuth();
        for (int i = 0; i < body; i++)
        {
            var forged = (byte[])signed.Clone();
            forged[i] ^= 0x01;
            Assert.True(AuthStatus.BadMac == auth.Check(forged, forged.Length), $"byte {i}");
        }
    }

    [Fact]
    public void Forged_RaisedAlarmLimitWithOldMac_IsBadMac()
    {
        // The attack the scheme exists for: loosen the resistance alarm limit and keep the old MAC.
        byte[] signed = SignedPayloads.Sign(SignedPayloads.GoldenPrior());
        string forged = Encoding.ASCII.GetString(signed).Replace("\"hi\":23100", "\"hi\":99999");
        Assert.Equal(AuthStatus.BadMac, NewAuth().Check(Encoding.ASCII.GetBytes(forged), forged.Length));
    }

    [Fact]
    public void SignedWithAnotherMonitorsKey_IsBadMac()
    {
        byte[] signed = SignedPayloads.Sign(SignedPayloads.GoldenPrior(), key: SignedPayloads.OtherKey);
        Assert.Equal(AuthStatus.BadMac, NewAuth().Check(signed, signed.Length));
    }

    [Fact]
    public void SignedConfig_CannotPassAsPrior_LabelSeparatesKinds()
    {
        byte[] signedConfig = SignedPayloads.Sign(SignedPayloads.GoldenConfig(), PriorAuthenticator.ConfigLabel);
        Assert.Equal(AuthStatus.BadMac, NewAuth().Check(signedConfig, signedConfig.Length));
        Assert.Equal(AuthStatus.Authentic, NewAuth(0, PriorAuthenticator.ConfigLabel).Check(signedConfig, signedConfig.Length));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(0)]
    public void TruncatedMac_IsMalformed_AndReportsDigitsFound(int keepDigits)
    {
        string signed = Encoding.ASCII.GetString(SignedPayloads.Sign(SignedPayloads.GoldenPrior()));
        int macStart = signed.Length - 2 - 64;
        string truncated = signed[..(macStart + keepDigits)] + "\"}";
        var auth = NewAuth();
        Assert.Equal(AuthStatus.MalformedMac, auth.Check(Encoding.ASCII.GetBytes(truncated), truncated.Length));
        Assert.Equal(keepDigits, auth.MacDigitsFound);
    }

    [Fact]
    public void UppercaseOrNonHexMac_IsMalformed()
    {
        string signed = Encoding.ASCII.GetString(SignedPayloads.Sign(SignedPayloads.GoldenPrior()));
        int macStart = signed.Length - 2 - 64;
        string upper = signed[..macStart] + signed.Substring(macStart, 64).ToUpperInvariant() + "\"}";
        string nonHex = signed[..macStart] + "g" + signed[(macStart + 1)..];
        Assert.Equal(AuthStatus.MalformedMac, NewAuth().Check(Encoding.ASCII.GetBytes(upper), upper.Length));
        Assert.Equal(AuthStatus.MalformedMac, NewAuth().Check(Encoding.ASCII.GetBytes(nonHex), nonHex.Length));
    }

    [Fact]
    public void MessageCutOff_OrUnsigned_IsMissingMac()
    {
        byte[] signed = SignedPayloads.Sign(SignedPayloads.GoldenPrior());
        var auth = NewAuth();
        Assert.Equal(AuthStatus.MissingMac, auth.Check(signed, signed.Length - PriorAuthenticator.TrailerBytes));
        byte[] unsigned = Encoding.ASCII.GetBytes(SignedPayloads.GoldenPrior());
        Assert.Equal(AuthStatus.MissingMac, auth.Check(unsigned, unsigned.Length));
        Assert.Equal(AuthStatus.MissingMac, auth.Check(Array.Empty<byte>(), 0));
        Assert.Equal(AuthStatus.MissingMac, auth.Check(signed, signed.Length + 1)); // length beyond the buffer
    }

    [Fact]
    public void EveryPrefixOfASignedMessage_IsRejected()
    {
        byte[] signed = SignedPayloads.Sign(SignedPayloads.GoldenPrior());
        var auth = NewAuth();
        for (int n = 0; n < signed.Length; n++)
        {
            AuthStatus s = auth.Check(signed, n);
            Assert.True(s == AuthStatus.MissingMac || s == AuthStatus.MalformedMac, $"prefix {n}: {s}");
        }
    }

    [Fact]
    public void Replay_OlderOrEqualVersionRejected_SameMessageIsAlreadyInForce_NewerAccepted()
    {
        var auth = NewAuth();
        byte[] v17 = SignedPayloads.Sign(SignedPayloads.PriorWithId(17));
        Assert.Equal(AuthStatus.Authentic, auth.Check(v17, v17.Length));
        Assert.Equal(AuthStatus.Authentic, auth.CheckVersion(17));
        auth.Commit(17);
        Assert.Equal(17, auth.LastVersion);

        byte[] v16 = SignedPayloads.Sign(SignedPayloads.PriorWithId(16));
        Assert.Equal(AuthStatus.Authentic, auth.Check(v16, v16.Length)); // genuine, but old
        Assert.Equal(AuthStatus.Replayed, auth.CheckVersion(16));

        byte[] other17 = SignedPayloads.Sign(SignedPayloads.PriorWithId(17).Replace("\"sd\":600", "\"sd\":601"));
        Assert.Equal(AuthStatus.Authentic, auth.Check(other17, other17.Length));
        Assert.Equal(AuthStatus.Replayed, auth.CheckVersion(17));

        Assert.Equal(AuthStatus.Authentic, auth.Check(v17, v17.Length)); // retained re-delivery
        Assert.Equal(AuthStatus.AlreadyInForce, auth.CheckVersion(17));

        byte[] v18 = SignedPayloads.Sign(SignedPayloads.PriorWithId(18));
        Assert.Equal(AuthStatus.Authentic, auth.Check(v18, v18.Length));
        Assert.Equal(AuthStatus.Authentic, auth.CheckVersion(18));
        auth.Commit(18);
        Assert.Equal(18, auth.LastVersion);
    }

    [Fact]
    public void PersistedVersion_BlocksReplayAfterReboot()
    {
        var afterReboot = NewAuth(lastVersion: 17);
        byte[] v17 = SignedPayloads.Sign(SignedPayloads.PriorWithId(17));
        Assert.Equal(AuthStatus.Authentic, afterReboot.Check(v17, v17.Length));
        // The MAC in force is not persisted, so even the identical message counts as a replay after reboot: safe side.
        Assert.Equal(AuthStatus.Replayed, afterReboot.CheckVersion(17));
    }

    [Fact]
    public void CheckVersionAndCommit_RequireAnAuthenticCheckFirst()
    {
        var auth = NewAuth();
        Assert.Equal(AuthStatus.MissingMac, auth.CheckVersion(5));
        Assert.Throws<InvalidOperationException>(() => auth.Commit(5));
        byte[] forged = SignedPayloads.Sign(SignedPayloads.GoldenPrior(), key: SignedPayloads.OtherKey);
        auth.Check(forged, forged.Length);
        Assert.Equal(AuthStatus.MissingMac, auth.CheckVersion(17));
        Assert.Throws<InvalidOperationException>(() => auth.Commit(17));
    }

    [Fact]
    public void ShortKeyAndBadLabel_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new PriorAuthenticator(new byte[15], 15, PriorAuthenticator.PriorLabel, 0));
        Assert.Throws<ArgumentException>(() => new PriorAuthenticator(new byte[32], 32, "", 0));
        Assert.Throws<ArgumentException>(() => new PriorAuthenticator(new byte[32], 32, "caf\u00e9", 0));
        Assert.Throws<ArgumentException>(() => new PriorAuthenticator(new byte[32], 32, PriorAuthenticator.PriorLabel, -1));
    }

    [Fact]
    public void Check_AllocatesNothing()
    {
        byte[] signed = SignedPayloads.Sign(SignedPayloads.GoldenPrior());
        var auth = NewAuth();
        auth.Check(signed, signed.Length); // warm-up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            auth.Check(signed, signed.Length);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Reasons_AreDistinctAsciiWords()
    {
        var reasons = Enum.GetValues<AuthStatus>().Select(PriorAuthenticator.Reason).ToList();
        Assert.Equal(reasons.Count, reasons.Distinct().Count());
        Assert.DoesNotContain("unknown", reasons);
    }
}

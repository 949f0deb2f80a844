using System.Text;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Security;

namespace CellVar.Bms.Security.Tests;

/// <summary>
/// The wiring README.md asks of MonitorLink, done here with the real PriorDecoder: authenticate → decode into scratch →
/// version check → swap → commit. Shows the last good prior stays in force after forged, replayed and truncated ones.
/// </summary>
public class AuthenticatedPriorWiringTests
{
    private sealed class Receiver
    {
        private readonly PriorAuthenticator _auth = new(SignedPayloads.Key, SignedPayloads.Key.Length, PriorAuthenticator.PriorLabel, 0);
        private readonly PriorDecoder _decoder = new("rig1-m01");
        private readonly DecodeError _err = new();
        private PriorMessage _scratch = new();
        public PriorMessage? InForce { get; private set; }
        private PriorMessage _spare = new();
        public string LastReason { get; private set; } = "";

        public bool Receive(byte[] payload)
        {
            AuthStatus a = _auth.Check(payload, payload.Length);
            if (a != AuthStatus.Authentic)
            {
                LastReason = PriorAuthenticator.Reason(a);
                return false;
            }
            DecodeStatus d = _decoder.Decode(payload, payload.Length, _scratch, _err);
            if (d != DecodeStatus.Accepted)
            {
                LastReason = "decode:" + d;
                return false;
            }
            a = _auth.CheckVersion(_scratch.Id);
            if (a != AuthStatus.Authentic)
            {
                LastReason = PriorAuthenticator.Reason(a);
                return false;
            }
            PriorMessage old = InForce ?? _spare;
            InForce = _scratch;
            _scratch = old;
            _auth.Commit(InForce.Id);
            LastReason = "ok";
            return true;
        }
    }

    [Fact]
    public void DecoderSkipsTheMacKey_SoSignedGoldenPriorDecodesToTheSameValues()
    {
        var r = new Receiver();
        Assert.True(r.Receive(SignedPayloads.Sign(SignedPayloads.GoldenPrior())), r.LastReason);
        Assert.Equal(17, r.InForce!.Id);
        Assert.Equal(20000, r.InForce.Location[PriorMessage.Resistance_uOhm]);
        Assert.Equal(23100, r.InForce.High[PriorMessage.Resistance_uOhm]);
    }

    [Fact]
    public void ForgedReplayedTruncated_AreRejectedWithReason_AndTheLastGoodPriorStaysInForce()
    {
        var r = new Receiver();
        Assert.True(r.Receive(SignedPayloads.Sign(SignedPayloads.PriorWithId(20))));
        byte[] good = SignedPayloads.Sign(SignedPayloads.PriorWithId(20));

        string forged = Encoding.ASCII.GetString(SignedPayloads.Sign(SignedPayloads.PriorWithId(21))).Replace("\"hi\":23100", "\"hi\":99999");
        Assert.False(r.Receive(Encoding.ASCII.GetBytes(forged)));
        Assert.Equal("mac-mismatch", r.LastReason);

        Assert.False(r.Receive(SignedPayloads.Sign(SignedPayloads.PriorWithId(19))));
        Assert.Equal("replayed", r.LastReason);

        Assert.False(r.Receive(good));
        Assert.Equal("in-force", r.LastReason);

        string truncated = Encoding.ASCII.GetString(SignedPayloads.Sign(SignedPayloads.PriorWithId(22)));
        truncated = truncated[..^34] + "\"}"; // MAC cut to 32 hex digits
        Assert.False(r.Receive(Encoding.ASCII.GetBytes(truncated)));
        Assert.Equal("mac-malformed", r.LastReason);

        Assert.False(r.Receive(Encoding.ASCII.GetBytes(SignedPayloads.PriorWithId(23))));
        Assert.Equal("mac-missing", r.LastReason);

        Assert.Equal(20, r.InForce!.Id);
        Assert.Equal(23100, r.InForce.High[PriorMessage.Resistance_uOhm]);

        Assert.True(r.Receive(SignedPayloads.Sign(SignedPayloads.PriorWithId(24))));
        Assert.Equal(24, r.InForce!.Id);
    }

    [Fact]
    public void AuthenticButInvalidPrior_IsRejectedByTheDecoder_AndDoesNotAdvanceTheVersion()
    {
        var r = new Receiver();
        Assert.True(r.Receive(SignedPayloads.Sign(SignedPayloads.PriorWithId(30))));
        Assert.False(r.Receive(SignedPayloads.Sign(SignedPayloads.PriorWithId(31).Replace("\"sd\":600", "\"sd\":0"))));
        Assert.StartsWith("decode:", r.LastReason);
        Assert.True(r.Receive(SignedPayloads.Sign(SignedPayloads.PriorWithId(31)))); // 31 still available
    }
}

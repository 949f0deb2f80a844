using System;
using System.Text;
using System.Text.Json;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Security;

namespace CellVar.Bms.Protocol.Tests
{
    /// <summary>
    /// MonitorLink with a provisioned key (PROTOCOL.md "Signed priors and configs"): the golden signed payloads (signed by
    /// Python's hmac, not by this code) are accepted; forged, truncated, unsigned and replayed ones are rejected with a
    /// specific status and the previous prior stays in force; a re-delivered retained prior changes nothing.
    /// </summary>
    public class SignedMessageLinkTests
    {
        private static byte[] Key => Convert.FromHexString(Golden.Text("prior-signed.key"));

        private static (MonitorLink link, RecordingLink rec) KeyedLink()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 1000);
            link.RequireSignedMessages(Key, Key.Length, 0, 0);
            return (link, rec);
        }

        private static JsonElement Prior(MonitorLink link, RecordingLink rec, byte[] payload)
        {
            link.OnMessage(link.PriorTopic, payload, payload.Length);
            Assert.Equal(link.StatusTopic, rec.LastTopic);
            return JsonDocument.Parse(rec.LastText).RootElement;
        }

        // Signs with the device's own Sign (already cross-checked against .NET HMACSHA256 in the security tests).
        private static byte[] Signed(string json, string label)
        {
            var a = new PriorAuthenticator(Key, Key.Length, label, 0);
            byte[] j = Encoding.ASCII.GetBytes(json);
            byte[] o = new byte[j.Length + PriorAuthenticator.TrailerBytes];
            int n = a.Sign(j, j.Length, o);
            return o.AsSpan(0, n).ToArray();
        }

        private static void AssertRejected(JsonElement status, string err, string? field)
        {
            Assert.False(status.GetProperty("ok").GetBoolean());
            Assert.Equal(err, status.GetProperty("err").GetString());
            if (field != null)
                Assert.Equal(field, status.GetProperty("field").GetString());
        }

        [Fact]
        public void GoldenSignedPrior_Accepted_AndAlteredCopy_AnsweredWithGoldenMismatchStatus()
        {
            var (link, rec) = KeyedLink();
            var ok = Prior(link, rec, Golden.Bytes("prior-signed.json"));
            Assert.True(ok.GetProperty("ok").GetBoolean(), rec.LastText);
            Assert.Equal(17, link.Prior!.Id);
            Assert.Equal(17, link.LastSignedPriorId);

            var g = Golden.Json("status-prior-mac-mismatch.json");
            var rec2 = new RecordingLink();
            var link2 = new MonitorLink(rec2, "cellvar/v1", "lab", "rig1-m01", g.GetProperty("seq").GetUInt32());
            link2.RequireSignedMessages(Key, Key.Length, 0, 0);
            link2.DeviceTime_ms = g.GetProperty("t").GetInt64();
            string forged = Golden.Text("prior-signed.json").Replace("\"hi\":23100", "\"hi\":99999");
            byte[] f = Encoding.ASCII.GetBytes(forged);
            link2.OnMessage(link2.PriorTopic, f, f.Length);
            Assert.Equal(Golden.Text("status-prior-mac-mismatch.json"), rec2.LastText);
            Assert.Null(link2.Prior);
            Assert.Equal(1, link2.PriorsRejected);
        }

        [Fact]
        public void ForgedTruncatedUnsignedAndReplayed_Rejected_PreviousPriorStaysInForce()
        {
            var (link, rec) = KeyedLink();
            string golden = Golden.Text("prior-signed.json");
            Assert.True(Prior(link, rec, Golden.Bytes("prior-signed.json")).GetProperty("ok").GetBoolean());

            // Forged: a newer id with a raised limit, MAC left from the original.
            string forged = golden.Replace("\"id\":17", "\"id\":99").Replace("\"hi\":23100", "\"hi\":99999");
            AssertRejected(Prior(link, rec, Encoding.ASCII.GetBytes(forged)), "mac_mismatch", "mac");
            // Truncated MAC (half its digits) and truncated payload (cut before the trailer).
            int macAt = golden.IndexOf(",\"mac\":\"", StringComparison.Ordinal) + 8;
            string halfMac = golden.Substring(0, macAt + 32) + "\"}";
            AssertRejected(Prior(link, rec, Encoding.ASCII.GetBytes(halfMac)), "mac_malformed", "mac");
            AssertRejected(Prior(link, rec, Encoding.ASCII.GetBytes(golden.Substring(0, golden.Length / 2))), "mac_missing", null);
            // Unsigned (a valid prior without MAC, newer id).
            AssertRejected(Prior(link, rec, Encoding.ASCII.GetBytes(Golden.Text("prior.json").Replace("\"id\":17", "\"id\":30"))), "mac_missing", null);
            // Replayed: authentic but older id.
            var replay = Prior(link, rec, Signed(Golden.Text("prior.json").Replace("\"id\":17", "\"id\":16").Replace("\"loc\":20000", "\"loc\":30000"), PriorAuthenticator.PriorLabel));
            AssertRejected(replay, "replayed", "id");
            Assert.Equal(16, replay.GetProperty("id").GetInt32());
            // A config signed with the same key is not a prior (domain separation).
            AssertRejected(Prior(link, rec, Signed(Golden.Text("prior.json").Replace("\"id\":17", "\"id\":40"), PriorAuthenticator.ConfigLabel)), "mac_mismatch", "mac");

            Assert.Equal(17, link.Prior!.Id);
            Assert.Equal(20000, link.Prior.Location[PriorMessage.Resistance_uOhm]);
            Assert.Equal(23100, link.Prior.High[PriorMessage.Resistance_uOhm]);
            Assert.Equal(1, link.PriorsAccepted);
            Assert.Equal(6, link.PriorsRejected);
            Assert.Equal(17, link.LastSignedPriorId);

            // A correctly signed newer prior is accepted.
            var newer = Prior(link, rec, Signed(Golden.Text("prior.json").Replace("\"id\":17", "\"id\":18").Replace("\"loc\":20000", "\"loc\":21000"), PriorAuthenticator.PriorLabel));
            Assert.True(newer.GetProperty("ok").GetBoolean(), rec.LastText);
            Assert.Equal(21000, link.Prior.Location[PriorMessage.Resistance_uOhm]);
            Assert.Equal(18, link.LastSignedPriorId);
        }

        [Fact]
        public void RetainedRedelivery_OfPriorInForce_AnsweredOk_ChangesNothing()
        {
            var (link, rec) = KeyedLink();
            byte[] p = Golden.Bytes("prior-signed.json");
            Prior(link, rec, p);
            PriorMessage inForce = link.Prior!;
            var again = Prior(link, rec, p);
            Assert.True(again.GetProperty("ok").GetBoolean());
            Assert.Equal(17, again.GetProperty("id").GetInt32());
            Assert.Same(inForce, link.Prior);
            Assert.Equal(1, link.PriorsAccepted);
            Assert.Equal(0, link.PriorsRejected);
        }

        [Fact]
        public void PersistedId_KeepsOldSignedPriorsOutAfterReboot()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 0);
            link.RequireSignedMessages(Key, Key.Length, 17, 0);   // a reboot after prior 17 was in force
            AssertRejected(Prior(link, rec, Golden.Bytes("prior-signed.json")), "replayed", "id");
            Assert.Null(link.Prior);
        }

        [Fact]
        public void SignedConfig_Accepted_UnsignedConfigRejected()
        {
            var (link, rec) = KeyedLink();
            byte[] unsigned = Golden.Bytes("config.json");
            link.OnMessage(link.ConfigTopic, unsigned, unsigned.Length);
            AssertRejected(JsonDocument.Parse(rec.LastText).RootElement, "mac_missing", null);
            Assert.Null(link.Config);
            byte[] signedConfig = Golden.Bytes("config-signed.json");
            link.OnMessage(link.ConfigTopic, signedConfig, signedConfig.Length);
            Assert.True(JsonDocument.Parse(rec.LastText).RootElement.GetProperty("ok").GetBoolean(), rec.LastText);
            Assert.Equal(5, link.Config!.Id);
            Assert.Equal(5, link.LastSignedConfigId);
            Assert.Equal(1, link.ConfigsRejected);
        }

        [Fact]
        public void WithoutKey_SignedGoldenPrior_DecodesLikeTheUnsignedOne()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 0);
            Assert.False(link.RequiresSignedMessages);
            Assert.True(Prior(link, rec, Golden.Bytes("prior-signed.json")).GetProperty("ok").GetBoolean());
            Assert.True(Prior(link, rec, Golden.Bytes("prior.json")).GetProperty("ok").GetBoolean());
        }
    
        [Fact]
        public void SignedIntake_AllocatesNothingPerMessage()
        {
            var (link, rec) = KeyedLink();
            byte[] good = Golden.Bytes("prior-signed.json");
            byte[] forged = Encoding.ASCII.GetBytes(Golden.Text("prior-signed.json").Replace("\"hi\":23100", "\"hi\":23101"));
            link.OnMessage(link.PriorTopic, good, good.Length);   // warm-up and the first acceptance
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 500; i++)
            {
                link.OnMessage(link.PriorTopic, good, good.Length);      // full MAC check, in force
                link.OnMessage(link.PriorTopic, forged, forged.Length);  // full MAC check, mismatch
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(500, link.PriorsRejected);
        }
    }
}

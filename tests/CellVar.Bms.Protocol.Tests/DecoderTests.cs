using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Protocol.Tests
{
    /// <summary>Prior/config decoding on the device: golden accept/reject cases, keep-previous semantics, robustness.</summary>
    public class DecoderTests
    {
        public static IEnumerable<object[]> HostToDeviceCases() =>
            Golden.Cases().Where(c => c.Topic is "prior" or "config").Select(c => new object[] { c.File, c.Topic, c.Expect, c.Field ?? "" });

        private static string FieldOf(DecodeError e)
        {
            if (e.Key == null) return "";
            string k = Encoding.ASCII.GetString(e.Key);
            return e.ParentKey == null ? k : Encoding.ASCII.GetString(e.ParentKey) + "." + k;
        }

        private static string ReasonOf(DecodeStatus s) => s switch
        {
            DecodeStatus.Accepted => "ok", DecodeStatus.Json => "json", DecodeStatus.TooLarge => "too_large", DecodeStatus.Version => "version",
            DecodeStatus.Monitor => "monitor", DecodeStatus.Missing => "missing", DecodeStatus.Type => "type", DecodeStatus.Range => "range",
            DecodeStatus.MacMissing => "mac_missing", DecodeStatus.MacMalformed => "mac_malformed", DecodeStatus.MacMismatch => "mac_mismatch",
            DecodeStatus.Replayed => "replayed",
            _ => throw new ArgumentOutOfRangeException(nameof(s)),
        };

        [Theory]
        [MemberData(nameof(HostToDeviceCases))]
        public void GoldenHostToDevice_DecodesWithExpectedOutcome(string file, string topic, string expect, string field)
        {
            byte[] b = Golden.Bytes(file);
            var err = new DecodeError();
            DecodeStatus s = topic == "prior"
                ? new PriorDecoder("rig1-m01").Decode(b, b.Length, new PriorMessage(), err)
                : new ConfigDecoder("rig1-m01").Decode(b, b.Length, new ConfigMessage(), err);
            Assert.Equal(expect, ReasonOf(s));
            if (field.Length > 0)
                Assert.Equal(field, FieldOf(err));
        }

        [Fact]
        public void GoldenPrior_ValuesLandInDeviceUnits()
        {
            byte[] b = Golden.Bytes("prior.json");
            var p = new PriorMessage();
            Assert.Equal(DecodeStatus.Accepted, new PriorDecoder("rig1-m01").Decode(b, b.Length, p, new DecodeError()));
            Assert.Equal(17, p.Id);
            Assert.Equal(20000, p.Location[PriorMessage.Resistance_uOhm]);
            Assert.Equal(600, p.Scale[PriorMessage.Resistance_uOhm]);
            Assert.Equal(23100, p.High[PriorMessage.Resistance_uOhm]);
            Assert.Equal(PriorMessage.NoLimit, p.Low[PriorMessage.Resistance_uOhm]);
            Assert.Equal(2380, p.Low[PriorMessage.Capacity_mAh]);
            Assert.Equal(PriorMessage.NoLimit, p.High[PriorMessage.Capacity_mAh]);
            Assert.Equal(50, p.High[PriorMessage.TemperatureRise_dC]);
            Assert.Equal(20400, p.LocationFor(PriorMessage.Resistance_uOhm, 3));
            Assert.Equal(300, p.ScaleFor(PriorMessage.Resistance_uOhm, 3));
            Assert.Equal(19800, p.LocationFor(PriorMessage.Resistance_uOhm, 12)); // "c" after the quantity
            Assert.Equal(20000, p.LocationFor(PriorMessage.Resistance_uOhm, 4));
            Assert.Equal(2500, p.LocationFor(PriorMessage.Capacity_mAh, 3)); // override was for r only
        }

        [Fact]
        public void GoldenConfig_Decodes()
        {
            byte[] b = Golden.Bytes("config.json");
            var c = new ConfigMessage();
            Assert.Equal(DecodeStatus.Accepted, new ConfigDecoder("rig1-m01").Decode(b, b.Length, c, new DecodeError()));
            Assert.Equal((5, 10, 16, 60), (c.Id, c.TelemetryPeriod_s, c.CellCount, c.AlertHold_s));
        }

        [Fact]
        public void RejectedPriors_LeavePreviousInForce_AndAreAnsweredOnStatus()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 0);
            byte[] good = Golden.Bytes("prior.json");
            link.OnMessage(link.PriorTopic, good, good.Length);
            Assert.Equal(17, link.Prior!.Id);
            int n = 0;
            foreach (var c in Golden.Cases().Where(c => c.Topic == "prior" && c.Expect != "ok"))
            {
                byte[] bad = Golden.Bytes(c.File);
                link.OnMessage(link.PriorTopic, bad, bad.Length);
                n++;
                Assert.Equal(17, link.Prior!.Id);
                Assert.Equal(20000, link.Prior.Location[PriorMessage.Resistance_uOhm]);
                Assert.Equal(600, link.Prior.Scale[PriorMessage.Resistance_uOhm]);
                Assert.Contains("\"ok\":false,\"err\":\"" + c.Expect + "\"", rec.LastText);
                Assert.Equal(link.StatusTopic, rec.LastTopic);
            }
            Assert.Equal(n, link.PriorsRejected);
            Assert.Equal(1, link.PriorsAccepted);
        }

        [Fact]
        public void OversizedPayload_IsRejectedAsTooLarge()
        {
            byte[] big = new byte[ProtocolLimits.ReceiveLimitBytes + 1];
            var err = new DecodeError();
            Assert.Equal(DecodeStatus.TooLarge, new PriorDecoder("m").Decode(big, big.Length, new PriorMessage(), err));
        }

        [Fact]
        public void DeepNesting_InUnknownField_IsRejectedNotRecursedForever()
        {
            string deep = "{\"v\":1,\"x\":" + new string('[', 200) + new string(']', 200) + "}";
            byte[] b = Encoding.ASCII.GetBytes(deep);
            Assert.Equal(DecodeStatus.Json, new PriorDecoder("m").Decode(b, b.Length, new PriorMessage(), new DecodeError()));
        }

        [Fact]
        public void EscapesAndTrailingGarbage_AreRejected()
        {
            foreach (string s in new[] { "{\"v\":1,\"mon\":\"rig1\\u002dm01\"}", "{\"v\":1} x", "", "[]", "{\"v\":1,}" })
            {
                byte[] b = Encoding.ASCII.GetBytes(s);
                Assert.Equal(DecodeStatus.Json, new PriorDecoder("rig1-m01").Decode(b, b.Length, new PriorMessage(), new DecodeError()));
            }
        }

        [Fact]
        public void RandomMutationsOfGoldenPrior_NeverThrow_AndNeverDisturbThePriorInForce()
        {
            // Seeded byte flips, truncations and insertions: each must produce one answer and keep prior 17 in force unless accepted.
            var rng = new Random(606);
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 0);
            byte[] good = Golden.Bytes("prior.json");
            link.OnMessage(link.PriorTopic, good, good.Length);
            const string alphabet = "{}[]\":,-0123456789.eEtrufalsn \\x";
            for (int i = 0; i < 3000; i++)
            {
                byte[] m = (byte[])good.Clone();
                int len = m.Length;
                int edits = 1 + rng.Next(3);
                for (int e = 0; e < edits; e++)
                {
                    int op = rng.Next(3);
                    if (op == 0) m[rng.Next(len)] = (byte)alphabet[rng.Next(alphabet.Length)];
                    else if (op == 1) len = rng.Next(len + 1);
                    else { int at = rng.Next(len); m[at] = (byte)rng.Next(256); }
                }
                int published = rec.Published;
                int before = link.Prior!.Id;
                link.OnMessage(link.PriorTopic, m, len);
                Assert.Equal(published + 1, rec.Published);
                if (link.LastError.Status != DecodeStatus.Accepted)
                    Assert.Equal(before, link.Prior!.Id);
            }
            Assert.True(link.PriorsRejected > 2500, "mutations should mostly be rejected: " + link.PriorsRejected);
        }

        [Fact]
        public void PublishingAndReceiving_AllocateNothingPerMessage()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 0);
            var cells = new CellTelemetry();
            for (int i = 0; i < 16; i++) { cells.Voltage_mV[i] = 3300 + i; cells.Resistance_uOhm[i] = 20000 + 37 * i; }
            byte[] prior = Golden.Bytes("prior.json");
            byte[] bad = Golden.Bytes("prior-out-of-range.json");
            byte[] config = Golden.Bytes("config.json");
            // Warm up (static initialisers, JIT) before measuring.
            link.PublishTelemetry(-100, cells, 1, 16);
            link.OnMessage(link.PriorTopic, prior, prior.Length);
            link.OnMessage(link.ConfigTopic, config, config.Length);
            link.PublishAlert(3, AlertKind.TemperatureHigh, true, 420, 400, 350);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                link.DeviceTime_ms = 1764100000000L + i;
                link.PublishTelemetry(-100 - i, cells, 1, 16);
                link.PublishAlert(3, AlertKind.TemperatureHigh, (i & 1) == 0, 420, 400, 350);
                link.OnMessage(link.PriorTopic, (i & 1) == 0 ? prior : bad, (i & 1) == 0 ? prior.Length : bad.Length);
                link.OnMessage(link.ConfigTopic, config, config.Length);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void PublishAlert_StampsTheGivenRaiseTime_OrNowWithoutOne()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "rig1-m01", 7);
            link.DeviceTime_ms = 1764100090000L; // now: the alert was raised 85 s earlier and waited in the queue
            Assert.True(link.PublishAlert(3, AlertKind.TemperatureHigh, true, 420, 400, 350, 1764100005000L));
            using (var a = System.Text.Json.JsonDocument.Parse(rec.LastText))
            {
                Assert.Equal(1764100005000L, a.RootElement.GetProperty("t").GetInt64());
                Assert.Equal(7u, a.RootElement.GetProperty("seq").GetUInt32());
            }
            Assert.True(link.PublishAlert(3, AlertKind.TemperatureHigh, false, 390, 400, 100));
            using (var b = System.Text.Json.JsonDocument.Parse(rec.LastText))
            {
                Assert.Equal(1764100090000L, b.RootElement.GetProperty("t").GetInt64());
                Assert.Equal(8u, b.RootElement.GetProperty("seq").GetUInt32());
            }
        }

        [Fact]
        public void InvalidIds_AreRefusedAtConstruction()
        {
            Assert.Throws<ArgumentException>(() => new MonitorLink(new RecordingLink(), "cellvar/v1", "lab", "bad/id", 0));
            Assert.Throws<ArgumentException>(() => new MonitorLink(new RecordingLink(), "cellvar/v1", "lab", new string('m', 25), 0));
            Assert.Throws<ArgumentException>(() => new MonitorLink(new RecordingLink(), "cellvar/v1", "la+b", "m", 0));
        }
    }
}

using System.Text;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Protocol.Tests
{
    /// <summary>
    /// The header both decoders share (src/OnDevice/Communication/Envelope.cs): the same problem with <c>v</c>,
    /// <c>mon</c>, <c>id</c> or the object framing gets the same status, field and offset from the prior and the
    /// config decoder. Offsets are byte indices counted by hand from the payload text; the reader reports the
    /// position after the bad value (range/version), at its first byte (type, JSON framing), or at the start of the
    /// monitor string's content (monitor), and 0 for a missing field.
    /// </summary>
    public class EnvelopeTests
    {
        private const string Monitor = "rig1-m01";

        private static (DecodeStatus Status, string Key, int Offset, int Id) Prior(string payload) => Decode(true, payload);

        private static (DecodeStatus Status, string Key, int Offset, int Id) Config(string payload) => Decode(false, payload);

        private static (DecodeStatus Status, string Key, int Offset, int Id) Decode(bool prior, string payload)
        {
            byte[] b = Encoding.ASCII.GetBytes(payload);
            var err = new DecodeError();
            DecodeStatus s;
            int id;
            if (prior)
            {
                var into = new PriorMessage();
                s = new PriorDecoder(Monitor).Decode(b, b.Length, into, err);
                id = into.Id;
            }
            else
            {
                var into = new ConfigMessage();
                s = new ConfigDecoder(Monitor).Decode(b, b.Length, into, err);
                id = into.Id;
            }
            Assert.Equal(s, err.Status);
            Assert.Null(err.ParentKey);
            return (s, err.Key == null ? "" : Encoding.ASCII.GetString(err.Key), err.Offset, id);
        }

        [Theory]
        [InlineData("{}", DecodeStatus.Missing, "v", 0)]
        [InlineData(" { } ", DecodeStatus.Missing, "v", 0)]
        [InlineData("{\"v\":1}", DecodeStatus.Missing, "mon", 0)]
        [InlineData("{\"v\":1,\"mon\":\"rig1-m01\"}", DecodeStatus.Missing, "id", 0)]
        [InlineData("{\"mon\":\"rig1-m01\",\"id\":3,\"v\":2}", DecodeStatus.Version, "v", 30)]
        [InlineData("{\"v\":\"1\"}", DecodeStatus.Type, "v", 5)]
        [InlineData("{\"mon\":7}", DecodeStatus.Type, "mon", 7)]
        [InlineData("{\"mon\":", DecodeStatus.Json, "mon", 7)]
        [InlineData("{\"mon\":\"rig1-m02\"}", DecodeStatus.Monitor, "mon", 8)]
        [InlineData("{\"id\":0}", DecodeStatus.Range, "id", 7)]
        [InlineData("{\"id\":2147483648}", DecodeStatus.Range, "id", 16)]
        [InlineData("{\"id\":1.5}", DecodeStatus.Type, "id", 6)]
        [InlineData("{\"v\":1} x", DecodeStatus.Json, "", 8)]
        [InlineData("{\"v\":1,}", DecodeStatus.Json, "", 7)]
        [InlineData("{\"v\":1 \"id\":2}", DecodeStatus.Json, "", 7)]
        [InlineData("{\"v\":1", DecodeStatus.Json, "", 6)]
        [InlineData("x{}", DecodeStatus.Json, "", 0)]
        public void HeaderAndFramingProblems_GetTheSameAnswerFromBothDecoders(string payload, DecodeStatus status, string key, int offset)
        {
            var prior = Prior(payload);
            var config = Config(payload);
            Assert.Equal((status, key, offset), (prior.Status, prior.Key, prior.Offset));
            Assert.Equal((status, key, offset), (config.Status, config.Key, config.Offset));
        }

        [Theory]
        [InlineData("{\"v\":1,\"mon\":\"rig1-m01\",\"id\":9,\"v\":3}", DecodeStatus.Version, 9)]
        [InlineData("{\"id\":5,\"id\":0}", DecodeStatus.Range, 5)]
        [InlineData("{\"id\":5,\"mon\":\"other\"}", DecodeStatus.Monitor, 5)]
        [InlineData("{\"id\":4,\"v\":1,\"mon\":\"rig1-m01\"}", DecodeStatus.Missing, 4)]
        public void IdReadBeforeARejection_IsKept_SoTheStatusAnswerCanNameIt(string payload, DecodeStatus status, int id)
        {
            // MonitorLink echoes the scratch message's id in the rejection status, so it must be set when read.
            Assert.Equal((status, id), (Prior(payload).Status, Prior(payload).Id));
            Assert.Equal((status, id), (Config(payload).Status, Config(payload).Id));
        }

        [Fact]
        public void HeaderKeysMayStandAnywhere_AmongTheBodyKeys()
        {
            var config = new ConfigMessage();
            byte[] c = Encoding.ASCII.GetBytes("{\"tele_s\":10,\"id\":5,\"cells\":16,\"mon\":\"rig1-m01\",\"x\":[1,{}],\"v\":1}");
            Assert.Equal(DecodeStatus.Accepted, new ConfigDecoder(Monitor).Decode(c, c.Length, config, new DecodeError()));
            Assert.Equal((5, 10, 16, 60), (config.Id, config.TelemetryPeriod_s, config.CellCount, config.AlertHold_s));

            var prior = new PriorMessage();
            byte[] p = Encoding.ASCII.GetBytes(
                "{\"r\":{\"loc\":20000,\"sd\":600},\"v\":1,\"q\":{\"loc\":2500,\"sd\":40},\"id\":8,\"tr\":{\"loc\":0,\"sd\":10},\"mon\":\"rig1-m01\"}");
            Assert.Equal(DecodeStatus.Accepted, new PriorDecoder(Monitor).Decode(p, p.Length, prior, new DecodeError()));
            Assert.Equal((8, 20000, 2500, 10), (prior.Id, prior.Location[PriorMessage.Resistance_uOhm], prior.Location[PriorMessage.Capacity_mAh],
                prior.Scale[PriorMessage.TemperatureRise_dC]));
        }

        [Fact]
        public void BodyFieldsAreReportedMissing_OnlyAfterTheHeader()
        {
            // Header complete, body empty: each decoder names its own first required key.
            const string headerOnly = "{\"v\":1,\"mon\":\"rig1-m01\",\"id\":3}";
            Assert.Equal((DecodeStatus.Missing, "r", 0), (Prior(headerOnly).Status, Prior(headerOnly).Key, Prior(headerOnly).Offset));
            Assert.Equal((DecodeStatus.Missing, "tele_s", 0), (Config(headerOnly).Status, Config(headerOnly).Key, Config(headerOnly).Offset));
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Service.Protocol;
using Json.Schema;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>Golden payloads against the JSON Schemas and the host parser.</summary>
    public class GoldenHostTests
    {
        private static readonly Lazy<Dictionary<string, JsonSchema>> SchemaSet = new(() =>
        {
            var reg = new SchemaRegistry();
            var options = new BuildOptions { SchemaRegistry = reg };
            var common = JsonSchema.FromFile(Path.Combine(Golden.Schemas, "common.schema.json"), options);
            reg.Register(common);
            var d = new Dictionary<string, JsonSchema>();
            foreach (string k in new[] { "state", "telemetry", "alert", "status", "prior", "config" })
                d[k] = JsonSchema.FromFile(Path.Combine(Golden.Schemas, k + ".schema.json"), options);
            return d;
        });

        public static IEnumerable<object[]> AllCases() => Golden.Cases().Select(c => new object[] { c.File, c.Topic, c.Expect, c.Field ?? "" });

        [Theory]
        [MemberData(nameof(AllCases))]
        public void GoldenPayload_AgreesWithItsSchema(string file, string topic, string expect, string field)
        {
            bool parses;
            JsonElement doc = default;
            try
            {
                doc = JsonDocument.Parse(Golden.Bytes(file)).RootElement;
                parses = true;
            }
            catch (JsonException)
            {
                parses = false;
            }
            if (expect == "json")
            {
                Assert.False(parses);
                return;
            }
            Assert.True(parses);
            bool valid = SchemaSet.Value[topic].Evaluate(doc, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
            // "monitor" (addressee) and crossed limits (lo < hi) are semantic checks a JSON Schema cannot express.
            if (expect is "monitor" || (expect == "range" && field == "r.lo"))
                Assert.True(valid, file);
            else
                Assert.Equal(expect == "ok", valid);
        }

        public static IEnumerable<object[]> DeviceToHostCases() =>
            Golden.Cases().Where(c => Golden.DeviceToHost(c.Topic)).Select(c => new object[] { c.File, c.Topic, c.Expect, c.Field ?? "" });

        [Theory]
        [MemberData(nameof(DeviceToHostCases))]
        public void HostParser_AcceptsGoodAndNamesTheFieldOfBad(string file, string topic, string expect, string field)
        {
            var addr = TopicAddress.TryParse("cellvar/v1", $"cellvar/v1/{Golden.Site}/{Golden.Monitor}/{topic}")!;
            if (expect == "ok")
            {
                DeviceMessage m = PayloadParser.Parse(addr, Golden.Bytes(file));
                Assert.Equal(Golden.Monitor, m.Monitor);
            }
            else
            {
                var e = Assert.Throws<PayloadException>(() => PayloadParser.Parse(addr, Golden.Bytes(file)));
                Assert.Equal(expect, e.Reason);
                Assert.Equal(field, e.Field);
            }
        }

        [Fact]
        public void HostParser_ReadsGoldenTelemetryValues()
        {
            var addr = TopicAddress.TryParse("cellvar/v1", "cellvar/v1/lab/rig1-m01/telemetry")!;
            var t = Assert.IsType<TelemetryMessage>(PayloadParser.Parse(addr, Golden.Bytes("telemetry-16cells.json")));
            Assert.Equal(1001, t.Sequence);
            Assert.Equal(-12500, t.Current_mA);
            Assert.Equal(16, t.Cells.Length);
            Assert.Equal(new[] { 3291, 26100, 2530, 251, 1016, 0, 1 }, t.Cells[6]);
        }

        [Theory]
        [InlineData("{\"v\":1,\"mon\":\"rig1-m02\",\"online\":false}", "monitor", "mon")]
        [InlineData("not json", "json", null)]
        [InlineData("[1,2]", "type", null)]
        [InlineData("{\"v\":1,\"mon\":\"rig1-m01\",\"online\":\"yes\"}", "type", "online")]
        [InlineData("{\"mon\":\"rig1-m01\",\"online\":false}", "missing", "v")]
        [InlineData("{\"v\":3,\"mon\":\"rig1-m01\",\"online\":false}", "version", "v")]
        public void HostParser_RejectsBadState(string payload, string reason, string? field)
        {
            var addr = TopicAddress.TryParse("cellvar/v1", "cellvar/v1/lab/rig1-m01/state")!;
            var e = Assert.Throws<PayloadException>(() => PayloadParser.Parse(addr, System.Text.Encoding.UTF8.GetBytes(payload)));
            Assert.Equal(reason, e.Reason);
            Assert.Equal(field, e.Field);
        }

        [Theory]
        [InlineData("alert", "{\"v\":1,\"mon\":\"rig1-m01\",\"seq\":1,\"t\":1,\"cell\":7,\"kind\":\"r_hi#h\",\"state\":\"raised\",\"val\":1,\"lim\":1,\"z\":1}", "kind")]
        [InlineData("state", "{\"v\":1,\"mon\":\"rig1-m01\",\"seq\":1,\"t\":1,\"online\":true,\"fw\":\"0#1\",\"cells\":16}", "fw")]
        public void HostParser_InvalidUtf8InAString_IsAJsonRejection(string kind, string template, string field)
        {
            // Found by the fuzz tests (tests/CellVar.Bms.Fuzz.Tests FixedFindingsTests): '#' is replaced by a lone 0xFF byte.
            byte[] b = System.Text.Encoding.ASCII.GetBytes(template);
            b[Array.IndexOf(b, (byte)'#')] = 0xFF;
            var addr = TopicAddress.TryParse("cellvar/v1", "cellvar/v1/lab/rig1-m01/" + kind)!;
            var e = Assert.Throws<PayloadException>(() => PayloadParser.Parse(addr, b));
            Assert.Equal(("json", field), (e.Reason, e.Field));
        }

        [Fact]
        public void HostParser_RejectsOversized()
        {
            var addr = TopicAddress.TryParse("cellvar/v1", "cellvar/v1/lab/rig1-m01/telemetry")!;
            var e = Assert.Throws<PayloadException>(() => PayloadParser.Parse(addr, new byte[PayloadParser.MaxPayloadBytes + 1]));
            Assert.Equal("too_large", e.Reason);
        }

        [Theory]
        [InlineData("cellvar/v1/lab/m1/telemetry", true)]
        [InlineData("cellvar/v1/lab/m1/telemetry/x", false)]
        [InlineData("cellvar/v1/lab/+/telemetry", false)]
        [InlineData("cellvar/v2/lab/m1/telemetry", false)]
        [InlineData("cellvar/v1/lab/m1/bogus", false)]
        public void TopicAddress_ParsesOnlyV1Topics(string topic, bool ok) =>
            Assert.Equal(ok, TopicAddress.TryParse("cellvar/v1", topic) != null);
    }
}

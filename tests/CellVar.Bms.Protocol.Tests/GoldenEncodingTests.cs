using System.Text.Json;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Protocol.Tests
{
    /// <summary>The device encoders reproduce the golden device → host payloads byte for byte from the values in them.</summary>
    public class GoldenEncodingTests
    {
        private static (MonitorLink link, RecordingLink rec) Link(JsonElement golden)
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", golden.GetProperty("mon").GetString()!, golden.GetProperty("seq").GetUInt32());
            link.DeviceTime_ms = golden.GetProperty("t").GetInt64();
            return (link, rec);
        }

        [Fact]
        public void OnlineState_MatchesGolden_RetainedOnStateTopic()
        {
            var g = Golden.Json("state-online.json");
            var (link, rec) = Link(g);
            Assert.True(link.PublishOnline(g.GetProperty("fw").GetString()!, g.GetProperty("cells").GetInt32()));
            Assert.Equal(Golden.Text("state-online.json"), rec.LastText);
            Assert.Equal("cellvar/v1/lab/rig1-m01/state", rec.LastTopic);
            Assert.True(rec.LastRetain);
            Assert.Equal(1, rec.LastQos);
            Assert.Equal(g.GetProperty("seq").GetUInt32() + 1, link.NextSequence);
        }

        [Fact]
        public void WillPayload_MatchesGoldenOfflineState()
        {
            var link = new MonitorLink(new RecordingLink(), "cellvar/v1", "lab", "rig1-m01", 0);
            Assert.Equal(Golden.Text("state-offline.json"), System.Text.Encoding.ASCII.GetString(link.WillPayload, 0, link.WillPayloadLength));
        }

        [Fact]
        public void Telemetry16Cells_MatchesGolden()
        {
            var g = Golden.Json("telemetry-16cells.json");
            var (link, rec) = Link(g);
            var cells = new CellTelemetry();
            int n = 0;
            foreach (var c in g.GetProperty("cells").EnumerateArray())
            {
                int[] v = new int[7];
                int k = 0;
                foreach (var x in c.EnumerateArray()) v[k++] = x.GetInt32();
                cells.Voltage_mV[n] = v[0]; cells.Resistance_uOhm[n] = v[1]; cells.Capacity_mAh[n] = v[2]; cells.Temperature_dC[n] = v[3];
                cells.ResistanceScore_c[n] = v[4]; cells.TemperatureScore_c[n] = v[5]; cells.Flags[n] = v[6];
                n++;
            }
            Assert.Equal(16, n);
            Assert.True(link.PublishTelemetry(g.GetProperty("i_mA").GetInt32(), cells, 1, n));
            Assert.Equal(Golden.Text("telemetry-16cells.json"), rec.LastText);
            Assert.Equal(0, rec.LastQos);
            Assert.False(rec.LastRetain);
        }

        [Theory]
        [InlineData("alert-raised.json", true)]
        [InlineData("alert-cleared.json", false)]
        public void Alert_MatchesGolden_QoS1(string file, bool raised)
        {
            var g = Golden.Json(file);
            var (link, rec) = Link(g);
            Assert.Equal(raised ? "raised" : "cleared", g.GetProperty("state").GetString());
            Assert.Equal("r_high", g.GetProperty("kind").GetString());
            Assert.True(link.PublishAlert(g.GetProperty("cell").GetInt32(), AlertKind.ResistanceHigh, raised,
                g.GetProperty("val").GetInt32(), g.GetProperty("lim").GetInt32(), g.GetProperty("z").GetInt32()));
            Assert.Equal(Golden.Text(file), rec.LastText);
            Assert.Equal(1, rec.LastQos);
            Assert.Equal("cellvar/v1/lab/rig1-m01/alert", rec.LastTopic);
        }

        [Theory]
        [InlineData("prior.json", "status-prior-accepted.json")]
        [InlineData("prior-out-of-range.json", "status-prior-rejected.json")]
        public void StatusAnswerToPrior_MatchesGolden(string priorFile, string statusFile)
        {
            var g = Golden.Json(statusFile);
            var (link, rec) = Link(g);
            byte[] prior = Golden.Bytes(priorFile);
            link.OnMessage(link.PriorTopic, prior, prior.Length);
            Assert.Equal("cellvar/v1/lab/rig1-m01/status", rec.LastTopic);
            Assert.Equal(Golden.Text(statusFile), rec.LastText);
        }

        [Fact]
        public void WorstCaseTelemetry_FitsTransmitBuffer()
        {
            // Every field at its widest: 24-char id, max seq, long.MaxValue time, int.MinValue current, cells past every clamp.
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", new string('m', ProtocolLimits.MaxIdLength), uint.MaxValue);
            link.DeviceTime_ms = long.MaxValue;
            var cells = new CellTelemetry();
            for (int i = 0; i < ProtocolLimits.MaxCellsPerTelemetry; i++)
            {
                cells.Voltage_mV[i] = int.MaxValue; cells.Resistance_uOhm[i] = int.MaxValue; cells.Capacity_mAh[i] = int.MaxValue;
                cells.Temperature_dC[i] = int.MinValue; cells.ResistanceScore_c[i] = int.MinValue; cells.TemperatureScore_c[i] = int.MinValue;
                cells.Flags[i] = 255;
            }
            Assert.True(link.PublishTelemetry(int.MinValue, cells, 1, ProtocolLimits.MaxCellsPerTelemetry));
            // Hand count from PROTOCOL.md "Size budget": header 39 + seq 17 + t 24 + i_mA 19 + c0 7 + ,"cells":[ 10
            // + 16 cells x 44 bytes ([9999,9999999,999999,-999,-99999,-99999,255]) + 15 commas + ]} 2 = 837.
            Assert.Equal(837, rec.LastLength);
            Assert.True(rec.LastLength <= ProtocolLimits.TransmitBufferBytes);
            Assert.Contains("[9999,9999999,999999,-999,-99999,-99999,255]", rec.LastText);
        }

        [Fact]
        public void TelemetryPage_RejectsMoreThan16Cells_WithoutConsumingSequence()
        {
            var rec = new RecordingLink();
            var link = new MonitorLink(rec, "cellvar/v1", "lab", "m", 5);
            Assert.False(link.PublishTelemetry(0, new CellTelemetry(), 1, 17));
            Assert.Equal(5u, link.NextSequence);
            Assert.Equal(0, rec.Published);
        }
    }
}

using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using CellVar.Bms.Firmware.Tests.Support;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// Why the firmware connects with MQTT 3.1.1 (firmware/README.md, "Dead network paths"): its dead-path watchdog
    /// needs every PUBACK, and the PUBACK Mosquitto sends an MQTT 5 client for a QoS 1 publish nobody subscribes to
    /// is the short form M2Mqtt 5.1.220's MqttMsgPuback.Parse reads past. Raw bytes, so no client library smooths it over.
    /// </summary>
    public class MosquittoPubackTests
    {
        // CONNECT (clean session, keep-alive 60 s), then one QoS 1 PUBLISH with packet id 7; returns the PUBACK packet.
        private static async Task<byte[]> PubackAsync(int port, byte protocolLevel)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            NetworkStream s = tcp.GetStream();
            s.ReadTimeout = 5000;
            bool v5 = protocolLevel == 5;
            byte[] id = Encoding.ASCII.GetBytes("puback-probe-" + protocolLevel);
            var connect = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', protocolLevel, 0x02, 0x00, 0x3c };
            if (v5)
                connect.Add(0x00); // no properties
            connect.Add(0x00);
            connect.Add((byte)id.Length);
            connect.AddRange(id);
            await WriteAsync(s, 0x10, connect.ToArray());
            byte[] connack = Read(s);
            Assert.Equal(0x20, connack[0]);

            byte[] topic = Encoding.ASCII.GetBytes("cellvar/v1/lab/nobody-listens/telemetry");
            var publish = new List<byte> { 0x00, (byte)topic.Length };
            publish.AddRange(topic);
            publish.Add(0x00);
            publish.Add(0x07);
            if (v5)
                publish.Add(0x00);
            publish.AddRange("{}"u8.ToArray());
            await WriteAsync(s, 0x32, publish.ToArray());
            return Read(s);
        }

        private static async Task WriteAsync(NetworkStream s, byte header, byte[] body)
        {
            Assert.True(body.Length < 128); // one-byte remaining length keeps the framing trivial
            byte[] packet = new byte[body.Length + 2];
            packet[0] = header;
            packet[1] = (byte)body.Length;
            body.CopyTo(packet, 2);
            await s.WriteAsync(packet);
        }

        private static byte[] Read(NetworkStream s)
        {
            byte[] head = new byte[2];
            s.ReadExactly(head);
            byte[] packet = new byte[2 + head[1]];
            head.CopyTo(packet, 0);
            s.ReadExactly(packet, 2, head[1]);
            return packet;
        }

        [SkippableFact]
        public async Task Only_mqtt5_gets_the_short_puback_for_a_publish_nobody_subscribes_to()
        {
            await using var broker = await Broker.StartAsync();
            // MQTT 3.1.1 (what the firmware uses): always the bare packet id, which M2Mqtt parses.
            Assert.Equal(new byte[] { 0x40, 0x02, 0x00, 0x07 }, await PubackAsync(broker.Port, 4));
            // MQTT 5: reason 0x10 (no matching subscribers) and remaining length 3, i.e. no property length byte.
            // M2Mqtt's Parse reads the reason code, then a property length at index 3 of this 3-byte body: it throws.
            Assert.Equal(new byte[] { 0x40, 0x03, 0x00, 0x07, 0x10 }, await PubackAsync(broker.Port, 5));
        }
    }
}

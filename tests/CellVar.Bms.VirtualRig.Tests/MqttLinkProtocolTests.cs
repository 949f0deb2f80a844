using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.VirtualRig.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Server;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// The virtual monitor's MQTT link speaks what the firmware speaks (MQTT 3.1.1) and, when a connection stops answering,
    /// ends it without a DISCONNECT (which in 3.1.1 would make the broker discard the will), so the broker publishes the
    /// offline will, and reconnects once answers flow again.
    /// </summary>
    public sealed class MqttLinkProtocolTests(ITestOutputHelper output)
    {
        private const string ClientId = "proto-m01";
        private const string WillTopic = "cellvar/v1/virtual/proto-m01/state";

        [Fact]
        public async Task Link_Speaks311_UnansweredConnection_EndsWithTheWill_ThenReconnects()
        {
            int port = FreePort();
            var versions = new ConcurrentQueue<MqttProtocolVersion>();
            var ends = new ConcurrentQueue<MqttClientDisconnectType>();
            var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
            server.ValidatingConnectionAsync += e =>
            {
                if (e.ClientId == ClientId) versions.Enqueue(e.ProtocolVersion);
                return Task.CompletedTask;
            };
            server.ClientDisconnectedAsync += e =>
            {
                if (e.ClientId == ClientId) ends.Enqueue(e.DisconnectType);
                return Task.CompletedTask;
            };
            await server.StartAsync();
            try
            {
                using var observer = new MqttClientFactory().CreateMqttClient();
                var wills = new ConcurrentQueue<string>();
                observer.ApplicationMessageReceivedAsync += e =>
                {
                    wills.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
                    return Task.CompletedTask;
                };
                await observer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("observer").Build());
                await observer.SubscribeAsync(WillTopic);

                await using var proxy = new BlackholeProxy("127.0.0.1", port);
                await using var link = new MqttNetDeviceLink(new BrokerAddress("127.0.0.1", proxy.Port), ClientId, null, WillTopic,
                    Encoding.ASCII.GetBytes("{\"online\":false}"), 8, new Ignore(), new object());
                link.Start();
                Assert.True(await link.WaitConnectedAsync(TimeSpan.FromSeconds(10)), "link did not connect");
                Assert.Equal([MqttProtocolVersion.V311], versions);

                // The broker stops answering (its bytes are lost) while ours still reach it: the link's ping goes unanswered
                // (ping after ≤ 5 s, answer timeout 5 s), so it gives up on the connection.
                proxy.MuteFromBroker(true);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                while (wills.IsEmpty && sw.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
                output.WriteLine($"will after {sw.Elapsed.TotalSeconds:0.0} s; connection ends seen by the broker: {string.Join(", ", ends)}");
                // Our pings kept reaching the broker, so its own keep-alive (1.5 × 5 s) never expired: the will came because the
                // connection ended without a DISCONNECT (the broker saw it taken over by the reconnect or closed, never cleanly ended).
                Assert.Equal("{\"online\":false}", Assert.Single(wills));
                Assert.True(ends.TryPeek(out var first) && first != MqttClientDisconnectType.Clean, $"first end: {first}");
                Assert.False(link.IsConnected);

                // Answers flow again: the link reconnects on its own (back-off ≤ 8 s plus a connect timeout of 10 s).
                proxy.MuteFromBroker(false);
                Assert.True(await link.WaitConnectedAsync(TimeSpan.FromSeconds(30)), "link did not reconnect");
                Assert.True(link.Statistics.Connects >= 2);
                Assert.All(versions, v => Assert.Equal(MqttProtocolVersion.V311, v));
            }
            finally
            {
                await server.StopAsync();
                server.Dispose();
            }
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        private sealed class Ignore : IMqttMessageHandler
        {
            public void OnMessage(string topic, byte[] payload, int length) { }
        }
    }
}

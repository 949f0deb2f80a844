using System;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// A publisher that behaves like a device across a host or broker crash: it reconnects and retries a QoS 1 message
    /// until the broker acknowledges it. Linked into the VirtualRig tests too (their SIGKILL test).
    /// </summary>
    internal static class RetryingPublisher
    {
        /// <summary>Connects as <paramref name="clientId"/> (MQTT 5), retrying while the broker is still starting.</summary>
        public static async Task<IMqttClient> ConnectAsync(int port, string clientId)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    var c = new MqttClientFactory().CreateMqttClient();
                    await c.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
                        .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(5)).Build());
                    return c;
                }
                catch (Exception) when (attempt < 200)
                {
                    await Task.Delay(50);
                }
            }
        }

        /// <summary>Publishes at QoS 1 until acknowledged, reconnecting when needed; returns the (possibly new) client.</summary>
        public static async Task<IMqttClient> PublishUntilAckedAsync(IMqttClient pub, int port, string clientId, string topic, byte[] payload)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    if (!pub.IsConnected)
                    {
                        pub.Dispose();
                        pub = await ConnectAsync(port, clientId);
                    }
                    var msg = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                    var r = await pub.PublishAsync(msg);
                    if (r.IsSuccess)
                        return pub;
                }
                catch (Exception) when (attempt < 100)
                {
                    await Task.Delay(20);
                }
            }
        }
    }
}

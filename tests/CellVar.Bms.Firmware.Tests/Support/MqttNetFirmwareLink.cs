using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>
    /// The firmware's link contract (<see cref="IFirmwareLink"/>) over an MQTTnet client, connected the way
    /// M2MqttLink connects (client id = monitor id, MQTT 3.1.1, clean session, retained QoS 1 offline will, remembered
    /// subscriptions renewed on connect, received messages handed to the main loop through an inbox). M2Mqtt itself
    /// cannot run on .NET, so this stands in for it to run the firmware main loop against a real broker.
    /// </summary>
    internal sealed class MqttNetFirmwareLink : IFirmwareLink
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _inbox = new();
        private readonly List<(string Filter, int Qos)> _filters = new();
        private readonly int _port;
        private readonly string _clientId;
        private string _willTopic;
        private byte[] _will;
        private int _connections;

        public MqttNetFirmwareLink(int port, string clientId)
        {
            _port = port;
            _clientId = clientId;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                _inbox.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
        }

        public bool IsConnected => _client.IsConnected;
        public int ConnectionCount => _connections;
        public int OutboxDropped => 0;

        public void SetWill(string topic, byte[] payload, int length)
        {
            _willTopic = topic;
            _will = payload[..length];
        }

        public async Task ConnectAsync()
        {
            var o = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId(_clientId)
                .WithProtocolVersion(MqttProtocolVersion.V311).WithCleanStart(true)
                .WithWillTopic(_willTopic).WithWillPayload(_will).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            await _client.ConnectAsync(o);
            foreach (var (f, q) in _filters)
                await _client.SubscribeAsync(f, (MqttQualityOfServiceLevel)q);
            _connections++;
        }

        /// <summary>Drops the TCP connection without DISCONNECT (power loss): the broker publishes the will.</summary>
        public void Crash() => _client.Dispose();

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!_client.IsConnected)
                return false;
            var msg = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload[..length])
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build();
            return _client.PublishAsync(msg).GetAwaiter().GetResult().IsSuccess;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            _filters.Add((topicFilter, qos));
            if (_client.IsConnected)
                _client.SubscribeAsync(topicFilter, (MqttQualityOfServiceLevel)qos).GetAwaiter().GetResult();
            return true;
        }

        public int DispatchReceived(IMqttMessageHandler handler, int max)
        {
            int n = 0;
            while (n < max && _inbox.TryDequeue(out var m))
            {
                handler.OnMessage(m.Topic, m.Payload, m.Payload.Length);
                n++;
            }
            return n;
        }
    }
}

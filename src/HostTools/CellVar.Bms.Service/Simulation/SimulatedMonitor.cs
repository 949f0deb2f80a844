using System;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Simulation
{
    /// <summary>
    /// A monitor on the host: an MQTTnet client driving the device's own <see cref="MonitorLink"/> (topics, sequence,
    /// encoders, prior/config decoding and status answers), connected the way firmware connects (client id = user =
    /// monitor id, offline state as retained last will, online state and prior/config subscriptions after connect).
    /// </summary>
    public sealed class SimulatedMonitor : IAsyncDisposable
    {
        private readonly IMqttClient _client;

        private SimulatedMonitor(IMqttClient client, MonitorLink link, MqttNetLink mqtt)
        {
            _client = client;
            Link = link;
            Mqtt = mqtt;
        }

        /// <summary>The device protocol endpoint.</summary>
        public MonitorLink Link { get; }

        /// <summary>The MQTT link under it.</summary>
        public MqttNetLink Mqtt { get; }

        /// <summary>Per-cell values published by <see cref="PublishTelemetry"/>.</summary>
        public CellTelemetry Cells { get; } = new();

        /// <summary>
        /// Connects and announces itself; throws when the broker refuses the connection. With <paramref name="priorKey"/>
        /// the monitor accepts only priors/configs signed with that key (as a provisioned device does).
        /// </summary>
        public static async Task<SimulatedMonitor> ConnectAsync(string host, int port, string topicRoot, string site, string monitorId, string? password,
            uint firstSequence = 0, int cellCount = 16, CancellationToken ct = default, byte[]? priorKey = null)
        {
            var link0 = new MonitorLink(new NullLink(), topicRoot, site, monitorId, firstSequence); // will payload and topics only
            byte[] will = new byte[link0.WillPayloadLength];
            Array.Copy(link0.WillPayload, will, will.Length);
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var b = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(monitorId)
                .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true)
                .WithWillTopic(link0.StateTopic).WithWillPayload(will).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTimeout(TimeSpan.FromSeconds(10));
            if (password != null)
                b = b.WithCredentials(monitorId, password);
            var handler = new Handler();
            var mqtt = new MqttNetLink(client, handler);
            var r = await client.ConnectAsync(b.Build(), ct);
            if (r.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"broker refused {monitorId}: {r.ResultCode}");
            var link = new MonitorLink(mqtt, topicRoot, site, monitorId, firstSequence);
            if (priorKey != null)
                link.RequireSignedMessages(priorKey, priorKey.Length, 0, 0);
            handler.Target = link;
            var m = new SimulatedMonitor(client, link, mqtt);
            link.DeviceTime_ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            link.PublishOnline("sim-0.1", cellCount);
            link.SubscribeHostTopics();
            for (int i = 0; i < ProtocolLimits.MaxCells; i++)
            {
                m.Cells.Voltage_mV[i] = 3300;
                m.Cells.Resistance_uOhm[i] = 20000;
                m.Cells.Capacity_mAh[i] = 2500;
                m.Cells.Temperature_dC[i] = 250;
            }
            return m;
        }

        /// <summary>Publishes one telemetry page of <paramref name="count"/> cells with the current values.</summary>
        public bool PublishTelemetry(int count = 16)
        {
            lock (Mqtt)
            {
                Link.DeviceTime_ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                return Link.PublishTelemetry(-1000, Cells, 1, count);
            }
        }

        /// <summary>Publishes an alert (under the same lock as received messages: <see cref="MonitorLink"/> is single-threaded).</summary>
        public bool PublishAlert(int cell, AlertKind kind, bool raised, int value, int limit, int score_c)
        {
            lock (Mqtt)
            {
                Link.DeviceTime_ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                return Link.PublishAlert(cell, kind, raised, value, limit, score_c);
            }
        }

        /// <summary>Drops the TCP connection without DISCONNECT, so the broker sends the last will.</summary>
        public void Crash() => _client.Dispose();

        /// <summary>Waits for outstanding publishes and disconnects cleanly.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await Mqtt.FlushAsync();
                if (_client.IsConnected)
                    await _client.DisconnectAsync();
            }
            catch (ObjectDisposedException)
            {
            }
            _client.Dispose();
        }

        private sealed class Handler : IMqttMessageHandler
        {
            public MonitorLink? Target;

            public void OnMessage(string topic, byte[] payload, int length) => Target?.OnMessage(topic, payload, length);
        }

        private sealed class NullLink : IMqttLink
        {
            public bool IsConnected => false;
            public bool Publish(string topic, byte[] payload, int length, int qos, bool retain) => false;
            public bool Subscribe(string topicFilter, int qos) => false;
        }
    }
}

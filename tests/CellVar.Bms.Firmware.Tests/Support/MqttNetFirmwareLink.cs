using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>
    /// Timings of <see cref="MqttNetFirmwareLink"/>. <see cref="Firmware"/> are M2MqttLink's own values; tests that
    /// cut the network scale them down so a dead path is noticed in seconds, with the same logic.
    /// </summary>
    internal sealed record LinkTimings(int ProbeAfter_ms, int AckTimeout_ms, int PublishTimeout_ms, int ConnectTimeout_ms, int KeepAlive_s)
    {
        /// <summary>
        /// M2MqttLink: probe after 30 s of silence, 30 s for an answer, keep-alive 60 s; M2Mqtt reports a QoS 1 publish
        /// unpublished after 3 attempts 1 s apart, and gives up a CONNECT after 30 s.
        /// </summary>
        public static readonly LinkTimings Firmware = new(30_000, 30_000, 3_000, 30_000, 60);
    }

    /// <summary>
    /// The firmware's link as shipped: <see cref="MqttSession"/> (firmware/Common/Core, the network thread and every
    /// decision: back-off, subscriptions, outbox, in-flight window, watchdog) over <see cref="MqttNetClientPort"/>, an
    /// <see cref="IMqttClientPort"/> with MQTTnet standing in for M2Mqtt, which cannot run on .NET. Only the client
    /// differs from the firmware; this class merely starts, waits for and stops the session.
    /// </summary>
    internal sealed class MqttNetFirmwareLink : IFirmwareLink, IDisposable
    {
        private readonly MqttNetClientPort _port;
        private readonly MqttSession _session;
        private readonly string _clientId;
        private Thread _thread;

        public MqttNetFirmwareLink(int port, string clientId, LinkTimings timings = null, string host = "127.0.0.1")
        {
            timings ??= LinkTimings.Firmware;
            _clientId = clientId;
            _port = new MqttNetClientPort(host, port, clientId, timings);
            _session = new MqttSession(_port, timings.ProbeAfter_ms, timings.AckTimeout_ms, Backoff.Hash(clientId));
        }

        /// <summary>The firmware's session under test.</summary>
        public MqttSession Session => _session;
        public bool IsConnected => _session.IsConnected;
        public int ConnectionCount => _session.ConnectionCount;
        public int OutboxDropped => _session.OutboxDropped;
        public bool HasRoomFor(int qos) => _session.HasRoomFor(qos);
        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain) => _session.Publish(topic, payload, length, qos, retain);
        public bool Subscribe(string topicFilter, int qos) => _session.Subscribe(topicFilter, qos);
        public int DispatchReceived(IMqttMessageHandler handler, int max) => _session.DispatchReceived(handler, max);
        /// <summary>See <see cref="MqttSession.DeadPathReconnects"/>.</summary>
        public int DeadPathReconnects => _session.DeadPathReconnects;
        /// <summary>See <see cref="MqttSession.PublishErrors"/>.</summary>
        public int PublishErrors => _session.PublishErrors;
        /// <summary>The in-flight window (read its counters after <see cref="Crash"/> or while quiet).</summary>
        public InflightWindow Window => _session.Window;

        public void SetWill(string topic, byte[] payload, int length) => _port.SetWill(topic, payload, length);

        /// <summary>Starts the session's network thread and waits (up to 10 s) for the first connection.</summary>
        public async Task ConnectAsync()
        {
            if (_thread == null)
            {
                // The session's own Start makes a foreground thread (nanoFramework has no other kind); a background one
                // here keeps a failed test from holding the test host open.
                _thread = new Thread(_session.RunLoop) { IsBackground = true, Name = "firmware-link-" + _clientId };
                _thread.Start();
            }
            var until = DateTime.UtcNow.AddSeconds(10);
            while (ConnectionCount == 0)
            {
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"firmware link {_clientId} did not connect");
                await Task.Delay(10);
            }
        }

        /// <summary>Stops the session and drops the TCP connection without DISCONNECT (power loss): the broker publishes the will.</summary>
        public void Crash()
        {
            _session.Stop(0);
            _thread?.Join(TimeSpan.FromSeconds(10));
            _session.Stop(0); // close whatever the loop opened while it was finishing its pass
        }

        public void Dispose() => Crash();
    }

    /// <summary>
    /// <see cref="IMqttClientPort"/> over MQTTnet, driven the way M2Mqtt behaves and nothing more: a new client per
    /// connection (client id = monitor id, MQTT 3.1.1, clean session, retained QoS 1 offline will); publishes and
    /// subscribes are fire-and-forget; a QoS 1 publish later reports published/unpublished with the message id this
    /// connection gave it (ids restart at 1 on every new client, as M2Mqtt's do), QoS 0 reports nothing, and an
    /// unanswered QoS 1 is reported unpublished after <see cref="LinkTimings.PublishTimeout_ms"/>; a dead client throws.
    /// </summary>
    internal sealed class MqttNetClientPort : IMqttClientPort
    {
        private readonly string _host;
        private readonly int _port;
        private readonly string _clientId;
        private readonly LinkTimings _timings;
        private string _willTopic;
        private byte[] _will;
        private IMqttClient _client;
        private int _connection;
        private int _messageId;

        public MqttNetClientPort(string host, int port, string clientId, LinkTimings timings)
        {
            _host = host;
            _port = port;
            _clientId = clientId;
            _timings = timings;
        }

        public void SetWill(string topic, byte[] payload, int length)
        {
            _willTopic = topic;
            _will = payload[..length];
        }

        public bool IsConnected => _client?.IsConnected == true;

        public bool Connect(IMqttClientEvents events, int connection)
        {
            Close();
            IMqttClient c = new MqttClientFactory().CreateMqttClient();
            c.ApplicationMessageReceivedAsync += e =>
            {
                byte[] payload = e.ApplicationMessage.Payload.ToArray();
                events.OnReceived(e.ApplicationMessage.Topic, payload, payload.Length, (int)e.ApplicationMessage.QualityOfServiceLevel, e.ApplicationMessage.Retain);
                return Task.CompletedTask;
            };
            c.DisconnectedAsync += _ =>
            {
                events.OnConnectionClosed(connection);
                return Task.CompletedTask;
            };
            _client = c;
            _connection = connection;
            _messageId = 0;
            _events = events;
            var o = new MqttClientOptionsBuilder().WithTcpServer(_host, _port).WithClientId(_clientId)
                .WithProtocolVersion(MqttProtocolVersion.V311).WithCleanStart(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(_timings.KeepAlive_s))
                .WithTimeout(TimeSpan.FromMilliseconds(_timings.PublishTimeout_ms));
            if (_willTopic != null)
                o = o.WithWillTopic(_willTopic).WithWillPayload(_will).WithWillRetain(true)
                    .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            using var cts = new CancellationTokenSource(_timings.ConnectTimeout_ms);
            return c.ConnectAsync(o.Build(), cts.Token).GetAwaiter().GetResult().ResultCode == MqttClientConnectResultCode.Success;
        }

        private IMqttClientEvents _events;

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            IMqttClient c = _client ?? throw new InvalidOperationException("no client");
            if (!c.IsConnected)
                throw new InvalidOperationException("client not connected");
            int id = _messageId = _messageId % ushort.MaxValue + 1;
            int connection = _connection;
            IMqttClientEvents events = _events;
            var msg = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload[..length])
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build();
            if (qos == 0)
            {
                _ = c.PublishAsync(msg);
                return id;
            }
            // M2Mqtt re-sends a QoS 1 publish a few times and then reports it unpublished; MQTTnet would wait for the
            // PUBACK until the connection closes, so give up after the same kind of delay.
            var giveUp = new CancellationTokenSource(_timings.PublishTimeout_ms);
            c.PublishAsync(msg, giveUp.Token).ContinueWith(t =>
            {
                giveUp.Dispose();
                events.OnPublished(connection, id, t.IsCompletedSuccessfully && t.Result.IsSuccess);
            }, TaskScheduler.Default);
            return id;
        }

        // Like M2Mqtt's Subscribe: returns at once; the SUBACK is reported when it comes.
        public void Subscribe(string[] topicFilters, int[] qos, int count)
        {
            IMqttClient c = _client ?? throw new InvalidOperationException("no client");
            IMqttClientEvents events = _events;
            var b = new MqttClientSubscribeOptionsBuilder();
            for (int i = 0; i < count; i++)
                b = b.WithTopicFilter(topicFilters[i], (MqttQualityOfServiceLevel)qos[i]);
            c.SubscribeAsync(b.Build()).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                    events.OnSubscribed();
            }, TaskScheduler.Default);
        }

        // Drops the TCP connection without DISCONNECT, like M2Mqtt's Close on a dead path.
        public void Close()
        {
            IMqttClient c = _client;
            _client = null;
            c?.Dispose();
        }
    }
}

using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    /// The firmware's link (<see cref="IFirmwareLink"/>) with MQTTnet standing in for M2Mqtt, which cannot run on .NET.
    /// Everything above the MQTT client is M2MqttLink's logic, using the same firmware classes on the same kind of
    /// dedicated network thread: the bounded <see cref="MessageRing"/> outbox, the <see cref="Backoff"/>, the
    /// <see cref="LinkWatchdog"/>, the <see cref="InflightWindow"/> that keeps alerts and status until their PUBACK and
    /// sends them again after a reconnect, a new client per connection (client id = monitor id, MQTT 3.1.1, clean session,
    /// retained QoS 1 offline will, remembered subscriptions renewed on connect) and received messages handed to the
    /// main loop through an inbox. The MQTTnet client is driven the way M2Mqtt behaves: publishes and subscribes are
    /// fire-and-forget, a QoS 1 publish later reports published/unpublished with the message id this connection gave
    /// it (ids restart at 1 on every new client, as M2Mqtt's do), QoS 0 reports nothing, and an unanswered QoS 1 is
    /// reported unpublished after <see cref="LinkTimings.PublishTimeout_ms"/>.
    /// </summary>
    internal sealed class MqttNetFirmwareLink : IFirmwareLink, IDisposable
    {
        private const int OutboxSlots = 8;
        private const int InflightSlots = 4;
        private readonly InflightWindow _window = new InflightWindow(InflightSlots, ProtocolLimits.TransmitBufferBytes);
        private readonly MessageRing _outbox = new MessageRing(OutboxSlots, ProtocolLimits.TransmitBufferBytes);
        private readonly byte[] _tx = new byte[ProtocolLimits.TransmitBufferBytes];
        private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _inbox = new();
        private readonly List<(string Filter, int Qos)> _filters = new();
        private readonly int _port;
        private readonly string _host;
        private readonly string _clientId;
        private readonly LinkTimings _timings;
        private readonly Backoff _backoff;
        private readonly LinkWatchdog _watchdog;
        private readonly MonotonicClock _clock = new MonotonicClock();
        private volatile bool _stop;
        private volatile bool _connected;
        private volatile bool _resubscribe;
        private int _answers;
        private int _connections;
        private ushort _messageId;
        private IMqttClient _client;
        private int _clientConnection;
        private Thread _thread;
        private string _willTopic;
        private byte[] _will;

        public MqttNetFirmwareLink(int port, string clientId, LinkTimings timings = null, string host = "127.0.0.1")
        {
            _port = port;
            _host = host;
            _clientId = clientId;
            _timings = timings ?? LinkTimings.Firmware;
            _backoff = new Backoff(Backoff.Hash(clientId));
            _watchdog = new LinkWatchdog(_timings.ProbeAfter_ms, _timings.AckTimeout_ms);
        }

        public bool IsConnected => _connected;
        public int ConnectionCount => Volatile.Read(ref _connections);
        public int OutboxDropped => _outbox.DroppedCount;
        public bool HasRoomFor(int qos) => _outbox.HasRoomFor(qos);
        /// <summary>Connections dropped by the watchdog (see M2MqttLink.DeadPathReconnects).</summary>
        public int DeadPathReconnects { get; private set; }
        /// <summary>Publishes that threw (the connection is then rebuilt).</summary>
        public int PublishErrors { get; private set; }
        /// <summary>The in-flight window (read its counters after <see cref="Crash"/> or while quiet).</summary>
        public InflightWindow Window => _window;

        public void SetWill(string topic, byte[] payload, int length)
        {
            _willTopic = topic;
            _will = payload[..length];
        }

        /// <summary>Starts the network thread and waits (up to 10 s) for the first connection.</summary>
        public async Task ConnectAsync()
        {
            if (_thread == null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "firmware-link-" + _clientId };
                _thread.Start();
            }
            var until = DateTime.UtcNow.AddSeconds(10);
            while (ConnectionCount == 0)
            {
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"firmware link {_clientId} did not connect to {_host}:{_port}");
                await Task.Delay(10);
            }
        }

        /// <summary>Stops the link and drops the TCP connection without DISCONNECT (power loss): the broker publishes the will.</summary>
        public void Crash()
        {
            _stop = true;
            _thread?.Join(TimeSpan.FromSeconds(10));
            _connected = false;
            _client?.Dispose();
            _client = null;
        }

        public void Dispose() => Crash();

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!_connected)
                return false;
            return _outbox.TryPut(topic, payload, length, qos, retain);
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            lock (_filters)
            {
                _filters.RemoveAll(f => f.Filter == topicFilter);
                _filters.Add((topicFilter, qos));
            }
            _resubscribe = true;
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

        // M2MqttLink.Run, with the same decisions in the same order.
        private void Run()
        {
            while (!_stop)
            {
                if (!_connected)
                {
                    if (!TryConnect())
                    {
                        Sleep(_backoff.NextDelay_ms());
                        continue;
                    }
                }
                else if (_client == null || !_client.IsConnected)
                {
                    MarkDown();
                    continue;
                }
                long now = _clock.Now_ms();
                _watchdog.Observe(Volatile.Read(ref _answers), now);
                if (_watchdog.IsDead(now))
                {
                    DeadPathReconnects++;
                    MarkDown();
                    continue;
                }
                try
                {
                    if (_resubscribe)
                        SubscribeAll();
                    Drain();
                }
                catch (Exception)
                {
                    PublishErrors++;
                    MarkDown();
                    continue;
                }
                Thread.Sleep(_outbox.Count > 0 ? 20 : 50);
            }
        }

        private void Sleep(int ms)
        {
            for (int t = 0; t < ms && !_stop; t += 20)
                Thread.Sleep(20);
        }

        private bool TryConnect()
        {
            DisposeClient();
            IMqttClient c = new MqttClientFactory().CreateMqttClient();
            int connection = _window.NewConnection();
            try
            {
                c.ApplicationMessageReceivedAsync += e =>
                {
                    Interlocked.Increment(ref _answers);
                    _inbox.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                    return Task.CompletedTask;
                };
                var o = new MqttClientOptionsBuilder().WithTcpServer(_host, _port).WithClientId(_clientId)
                    .WithProtocolVersion(MqttProtocolVersion.V311).WithCleanStart(true)
                    .WithKeepAlivePeriod(TimeSpan.FromSeconds(_timings.KeepAlive_s))
                    .WithTimeout(TimeSpan.FromMilliseconds(_timings.PublishTimeout_ms));
                if (_willTopic != null)
                    o = o.WithWillTopic(_willTopic).WithWillPayload(_will).WithWillRetain(true)
                        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
                using (var cts = new CancellationTokenSource(_timings.ConnectTimeout_ms))
                {
                    if (c.ConnectAsync(o.Build(), cts.Token).GetAwaiter().GetResult().ResultCode != MqttClientConnectResultCode.Success)
                    {
                        c.Dispose();
                        return false;
                    }
                }
                _client = c;
                _messageId = 0;
                _clientConnection = connection;
                _watchdog.Connected(Volatile.Read(ref _answers), _clock.Now_ms());
                SubscribeAll();
                _connected = true;
                Interlocked.Increment(ref _connections);
                _backoff.Reset();
                return true;
            }
            catch (Exception)
            {
                c.Dispose();
                _client = null;
                return false;
            }
        }

        // Like M2Mqtt's Subscribe: returns at once; the SUBACK is an answer for the watchdog when it comes.
        private void SubscribeAll()
        {
            _resubscribe = false;
            (string Filter, int Qos)[] filters;
            lock (_filters)
                filters = _filters.ToArray();
            if (filters.Length == 0)
                return;
            var b = new MqttClientSubscribeOptionsBuilder();
            foreach (var (f, q) in filters)
                b = b.WithTopicFilter(f, (MqttQualityOfServiceLevel)q);
            _client.SubscribeAsync(b.Build()).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                    Interlocked.Increment(ref _answers);
            }, TaskScheduler.Default);
        }

        // M2MqttLink.Drain: held messages not yet sent on this connection first, oldest first; then the outbox, whose
        // acknowledged messages move into the window (and wait in the outbox while it is full).
        private void Drain()
        {
            while (_connected && !_stop)
            {
                _window.ApplyAnswers();
                string topic;
                int qos = 1;
                bool retain = false;
                int n;
                int slot = _window.NextUnsent();
                if (slot >= 0)
                {
                    n = _window.CopyOut(slot, _tx, out topic);
                }
                else
                {
                    n = _outbox.TryTake(_tx, out topic, out qos, out retain, _window.IsFull);
                    if (n < 0)
                        return;
                    if (InflightWindow.Holds(qos, retain) && _window.Hold(topic, _tx, n))
                        continue;
                }
                int wireQos = _watchdog.QosFor(qos, _clock.Now_ms());
                ushort id = PublishOnClient(topic, _tx, n, wireQos, retain);
                if (slot >= 0)
                    _window.MarkSent(slot, id);
                Thread.Sleep(20);
            }
        }

        /// <summary>
        /// M2Mqtt's Publish: copies the bytes, returns this client's message id at once and raises "published" later
        /// for QoS 1 (true on PUBACK, false when no PUBACK came in time). A dead client throws, as M2Mqtt does.
        /// </summary>
        private ushort PublishOnClient(string topic, byte[] payload, int length, int qos, bool retain)
        {
            IMqttClient c = _client ?? throw new InvalidOperationException("no client");
            if (!c.IsConnected)
                throw new InvalidOperationException("client not connected");
            ushort id = _messageId = (ushort)(_messageId % ushort.MaxValue + 1);
            int connection = _clientConnection;
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
                OnPublished(connection, id, t.IsCompletedSuccessfully && t.Result.IsSuccess);
            }, TaskScheduler.Default);
            return id;
        }

        // M2MqttLink.PublishedAnswers.OnPublished.
        private void OnPublished(int connection, ushort messageId, bool isPublished)
        {
            if (isPublished)
                Interlocked.Increment(ref _answers);
            _window.Answer(connection, messageId, isPublished);
        }

        private void MarkDown()
        {
            _connected = false;
            DisposeClient();
        }

        private void DisposeClient()
        {
            IMqttClient c = _client;
            _client = null;
            c?.Dispose();
        }
    }
}

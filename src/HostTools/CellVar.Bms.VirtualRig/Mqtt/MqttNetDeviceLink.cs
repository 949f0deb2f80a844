using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.VirtualRig.Mqtt
{
    /// <summary>
    /// The device's <see cref="IMqttLink"/> over an MQTTnet client, behaving like the firmware's link: connects with the
    /// offline state as retained last will, reconnects on its own with exponential back-off (0.25 s doubling to 8 s),
    /// calls <see cref="Connected"/> after every (re)connect so the monitor re-subscribes and republishes its online state,
    /// and keeps QoS 1 messages in a bounded outbox until the broker acknowledges them, resending after a reconnect.
    /// QoS 0 messages are sent only while connected (telemetry: the next period supersedes it).
    /// A silent path (dead Wi-Fi, pulled cable: no close, no refusal) is noticed by the link itself: MQTT keep-alive
    /// sends no PINGREQ while telemetry keeps flowing and QoS 0 has no answer, so the link pings every keep-alive period
    /// and treats a ping or a QoS 1 publish left unanswered as a dead connection (drops it, keeping the will, and reconnects).
    /// Speaks MQTT 3.1.1 like the firmware (firmware/README.md, "Dead network paths": every PUBACK is the bare packet id);
    /// the link uses no MQTT 5 feature.
    /// </summary>
    public sealed class MqttNetDeviceLink : IMqttLink, IAsyncDisposable
    {
        private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
        private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

        private volatile IMqttClient _client;  // replaced (only on the loop's thread) when a dead connection is abandoned
        private readonly MqttClientOptions _options;
        private readonly string _willTopic;
        private readonly byte[] _willPayload;
        private readonly object _gate;
        private readonly IMqttMessageHandler _handler;
        private readonly LinkedList<MqttApplicationMessage> _outbox = new();
        private readonly int _outboxCapacity;
        private readonly SemaphoreSlim _wake = new(0);
        private readonly CancellationTokenSource _stop = new();
        private Task? _loop;
        private volatile bool _connected;
        private long _connects, _failedConnects, _acked, _resent, _dropped, _qos0;

        /// <summary>
        /// Creates the link. <paramref name="gate"/> is the lock the monitor holds while it uses <see cref="MonitorLink"/>
        /// (not thread-safe); received messages and <see cref="Connected"/> run under it.
        /// </summary>
        public MqttNetDeviceLink(BrokerAddress broker, string clientId, string? password, string willTopic, byte[] willPayload,
            int outboxCapacity, IMqttMessageHandler handler, object gate)
        {
            ArgumentNullException.ThrowIfNull(broker);
            if (outboxCapacity < 1) throw new ArgumentOutOfRangeException(nameof(outboxCapacity), "outbox must hold at least one message");
            _handler = handler ?? throw new ArgumentNullException(nameof(handler));
            _gate = gate ?? throw new ArgumentNullException(nameof(gate));
            _outboxCapacity = outboxCapacity;
            _willTopic = willTopic;
            _willPayload = willPayload;
            var b = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId(clientId)
                .WithProtocolVersion(MqttProtocolVersion.V311).WithCleanStart(true) // 3.1.1: clean session
                .WithWillTopic(willTopic).WithWillPayload(willPayload).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithKeepAlivePeriod(KeepAlive)
                .WithTimeout(AnswerTimeout);
            if (password != null) b = b.WithCredentials(clientId, password);
            _options = b.Build();
            _client = CreateClient();
        }

        private IMqttClient CreateClient()
        {
            IMqttClient c = new MqttClientFactory().CreateMqttClient();
            c.ApplicationMessageReceivedAsync += e =>
            {
                byte[] p = e.ApplicationMessage.Payload.IsEmpty ? [] : System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
                lock (_gate) _handler.OnMessage(e.ApplicationMessage.Topic, p, p.Length);
                return Task.CompletedTask;
            };
            c.DisconnectedAsync += _ =>
            {
                // An abandoned client may report its end late, after its successor connected: only the current one counts.
                if (!ReferenceEquals(c, _client)) return Task.CompletedTask;
                _connected = false;
                Wake();
                return Task.CompletedTask;
            };
            return c;
        }

        /// <summary>
        /// Called after every successful connect: subscribe and announce here. Not under the gate, because a retained
        /// prior may arrive (and need the gate) while the subscription is still waiting for its acknowledgement.
        /// </summary>
        public Action? Connected { get; set; }

        /// <summary>Called for every QoS 1 message the broker acknowledged (topic, payload); on the link's thread.</summary>
        public Action<string, byte[]>? Acknowledged { get; set; }

        /// <inheritdoc />
        public bool IsConnected => _connected;

        /// <summary>QoS 1 messages waiting for an acknowledgement.</summary>
        public int OutboxCount { get { lock (_outbox) return _outbox.Count; } }

        /// <summary>Snapshot of the counters.</summary>
        public LinkStatistics Statistics => new(Interlocked.Read(ref _connects), Interlocked.Read(ref _failedConnects), Interlocked.Read(ref _acked),
            Interlocked.Read(ref _resent), Interlocked.Read(ref _dropped), Interlocked.Read(ref _qos0));

        /// <summary>Starts the connect/send loop; returns at once (the first connect happens in the background).</summary>
        public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

        /// <summary>Waits up to <paramref name="timeout"/> for the link to be connected.</summary>
        public async Task<bool> WaitConnectedAsync(TimeSpan timeout, CancellationToken ct = default)
        {
            var until = DateTime.UtcNow + timeout;
            while (!_connected && DateTime.UtcNow < until) await Task.Delay(20, ct);
            return _connected;
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            var msg = new MqttApplicationMessageBuilder().WithTopic(topic)
                .WithPayload(new ReadOnlySpan<byte>(payload, 0, length).ToArray())
                .WithQualityOfServiceLevel(qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .WithRetainFlag(retain).Build();
            if (qos == 0)
            {
                if (!_connected) return false;
                try
                {
                    // MQTTnet throws synchronously when the connection dropped after our flag was read: that is a lost page, not a crash.
                    _ = _client.PublishAsync(msg).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                }
                catch (Exception)
                {
                    return false;
                }
                Interlocked.Increment(ref _qos0);
                return true;
            }
            lock (_outbox)
            {
                if (_outbox.Count >= _outboxCapacity)
                {
                    _outbox.RemoveFirst(); // like the device's alert queue: the oldest goes, and it is counted
                    Interlocked.Increment(ref _dropped);
                }
                _outbox.AddLast(msg);
            }
            Wake();
            return true;
        }

        /// <inheritdoc />
        public bool Subscribe(string topicFilter, int qos)
        {
            if (!_connected) return false;
            try
            {
                var r = _client.SubscribeAsync(topicFilter, qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                    .WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
                foreach (var item in r.Items)
                    if ((int)item.ResultCode > 2) return false;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private void Wake()
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }

        private async Task RunAsync(CancellationToken ct)
        {
            TimeSpan backoff = MinBackoff;
            bool hadSession = false;
            DateTime lastPing = DateTime.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                if (!_client.IsConnected)
                {
                    _connected = false;
                    try
                    {
                        // Bounded: through a silent path the TCP connect succeeds and CONNACK never comes.
                        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        attempt.CancelAfter(AnswerTimeout * 2);
                        var r = await _client.ConnectAsync(_options, attempt.Token);
                        if (r.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException(r.ResultCode.ToString());
                    }
                    catch (Exception) when (!ct.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _failedConnects);
                        await Delay(backoff, ct);
                        backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                        continue;
                    }
                    catch (OperationCanceledException) { break; }
                    backoff = MinBackoff;
                    lastPing = DateTime.UtcNow;
                    Interlocked.Increment(ref _connects);
                    _connected = true;
                    Connected?.Invoke();
                    if (hadSession) lock (_outbox) Interlocked.Add(ref _resent, _outbox.Count);
                    hadSession = true;
                }
                // Send the outbox in order; a message leaves it only once acknowledged.
                while (_connected && !ct.IsCancellationRequested)
                {
                    MqttApplicationMessage? next;
                    lock (_outbox) next = _outbox.First?.Value;
                    if (next == null) break;
                    bool ok;
                    try
                    {
                        var r = await _client.PublishAsync(next, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
                        ok = r.IsSuccess;
                    }
                    catch (TimeoutException)
                    {
                        DropDeadConnection();   // no PUBACK: the path is dead even if the socket looks open
                        ok = false;
                    }
                    catch (Exception) when (!ct.IsCancellationRequested)
                    {
                        ok = false;
                    }
                    catch (OperationCanceledException) { break; }
                    if (!ok)
                    {
                        if (_client.IsConnected) await Delay(MinBackoff, ct); // refused by the broker: retry later rather than spin
                        break;
                    }
                    lock (_outbox)
                        if (_outbox.First?.Value == next) _outbox.RemoveFirst();
                    Interlocked.Increment(ref _acked);
                    Acknowledged?.Invoke(next.Topic, next.Payload.IsEmpty ? [] : System.Buffers.BuffersExtensions.ToArray(next.Payload));
                }
                if (!_client.IsConnected) { _connected = false; continue; }
                if (DateTime.UtcNow - lastPing >= KeepAlive)
                {
                    lastPing = DateTime.UtcNow;
                    try { await _client.PingAsync(ct).WaitAsync(AnswerTimeout, ct); }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
                    catch (Exception) { DropDeadConnection(); continue; }
                }
                try { await _wake.WaitAsync(TimeSpan.FromMilliseconds(500), ct); }
                catch (OperationCanceledException) { break; }
            }
        }

        // Abandons the connection the way a dead device would: without a DISCONNECT, so the broker publishes the offline will
        // once it notices (MQTT 3.1.1 has no "disconnect with will"; a DISCONNECT would make the broker discard it).
        // Usually MQTTnet has already torn the connection down itself (its request timeout equals AnswerTimeout, and it sends
        // no DISCONNECT then). If not, the client is disposed — the only way MQTTnet closes without a DISCONNECT — and a
        // fresh client takes over for the reconnect.
        private void DropDeadConnection()
        {
            _connected = false;
            IMqttClient dead = _client;
            if (!dead.IsConnected) return;
            _client = CreateClient();
            try { dead.Dispose(); }
            catch (Exception) { /* a half-open socket may throw on close; the client is abandoned either way */ }
        }

        private static async Task Delay(TimeSpan d, CancellationToken ct)
        {
            try { await Task.Delay(d, ct); } catch (OperationCanceledException) { }
        }

        /// <summary>
        /// Sends what is still in the outbox (waiting up to <paramref name="drainTimeout"/>), publishes the offline state itself
        /// (a clean DISCONNECT suppresses the last will) and disconnects.
        /// </summary>
        public async Task StopAsync(TimeSpan drainTimeout)
        {
            var until = DateTime.UtcNow + drainTimeout;
            while (OutboxCount > 0 && _connected && DateTime.UtcNow < until) await Task.Delay(20);
            _stop.Cancel();
            if (_loop != null) try { await _loop; } catch (OperationCanceledException) { }
            try
            {
                if (_client.IsConnected)
                {
                    var offline = new MqttApplicationMessageBuilder().WithTopic(_willTopic).WithPayload(_willPayload)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build();
                    await _client.PublishAsync(offline).WaitAsync(TimeSpan.FromSeconds(5));
                    await _client.DisconnectAsync().WaitAsync(TimeSpan.FromSeconds(5));
                }
            }
            catch (Exception) { /* already gone: the broker publishes the will, which is the truth anyway */ }
            _connected = false;
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested) await StopAsync(TimeSpan.Zero);
            _client.Dispose();
            _stop.Dispose();
            _wake.Dispose();
        }
    }
}

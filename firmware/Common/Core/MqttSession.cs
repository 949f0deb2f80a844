using System;
using System.Threading;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// The firmware's MQTT link (<see cref="IFirmwareLink"/>) minus the client library: a dedicated network thread owns
    /// an <see cref="IMqttClientPort"/> and makes every decision. It (re)connects with the <see cref="Backoff"/> (a new
    /// connection each time), renews every remembered subscription after each connect, and drains the bounded outbox.
    /// The measurement loop only copies messages into the outbox and takes received messages out of the inbox, so a slow
    /// or absent broker never blocks a measurement.
    /// The client's keep-alive cannot see a blackholed path while QoS 0 telemetry flows (M2Mqtt pings only after a
    /// keep-alive period without sending), so a <see cref="LinkWatchdog"/> turns a QoS 0 message into QoS 1 after a
    /// silence and reconnects when that stays unanswered (firmware/README.md, "Dead network paths").
    /// Messages the broker must acknowledge (alerts, status) stay in an <see cref="InflightWindow"/> until their PUBACK and
    /// are sent again, in order and with the same bytes, after a reconnect or a publish that threw.
    /// Hardware-free: the firmware runs it over M2Mqtt (Hardware/M2MqttLink), the host tests over MQTTnet, the same code.
    /// </summary>
    public sealed class MqttSession : IFirmwareLink, IMqttClientEvents
    {
        /// <summary>Outbox slots: two telemetry pages, a state and alerts with room to spare.</summary>
        public const int OutboxSlots = 8;
        /// <summary>
        /// In-flight slots for messages awaiting their PUBACK (alerts, status): 4 × 1,024 B = 4 KB of the ESP32's ~80 KB
        /// heap. Alerts are rare events, so a live link has one or two in flight; while a dead path goes unnoticed these
        /// 4 plus the 8-slot outbox keep 12 alerts, and further ones wait in the library's alert queue.
        /// </summary>
        public const int InflightSlots = 4;
        /// <summary>Inbox slots: a prior and a config can arrive together after a reconnect (both retained).</summary>
        public const int InboxSlots = 2;
        /// <summary>Pause between publishes: back-to-back publishing leaked memory in M2Mqtt (nanoframework/Home#816).</summary>
        public const int PublishSpacing_ms = 20;
        /// <summary>Pause of the network thread when the outbox is empty, ms.</summary>
        public const int IdlePause_ms = 50;
        // Longest single sleep, so that Stop is noticed during a long back-off.
        private const int SleepSlice_ms = 100;
        private const int MaxFilters = 4;

        private readonly IMqttClientPort _client;
        private readonly MessageRing _outbox = new MessageRing(OutboxSlots, ProtocolLimits.TransmitBufferBytes);
        private readonly MessageRing _inbox = new MessageRing(InboxSlots, ProtocolLimits.ReceiveLimitBytes);
        private readonly byte[] _rx = new byte[ProtocolLimits.ReceiveLimitBytes];
        private readonly byte[] _tx = new byte[ProtocolLimits.TransmitBufferBytes];
        private readonly string[] _filters = new string[MaxFilters];
        private readonly int[] _filterQos = new int[MaxFilters];
        private readonly Backoff _backoff;
        private readonly LinkWatchdog _watchdog;
        private readonly InflightWindow _window = new InflightWindow(InflightSlots, ProtocolLimits.TransmitBufferBytes);
        // Network thread only (MonotonicClock is not thread-safe; the measurement loop has its own).
        private readonly MonotonicClock _clock = new MonotonicClock();
        // Packets received from the broker (PUBACK, SUBACK, PUBLISH), counted on the client's threads, read by the watchdog.
        private int _answers;
        private int _receiveDropped;
        private int _filterCount;
        private bool _resubscribe;
        private bool _connected;
        private bool _stop;
        private int _connections;
        private int _clientConnection;
        private Thread _thread;

        /// <summary>
        /// Creates the session over <paramref name="client"/>; nothing touches the network until <see cref="Start"/>.
        /// A QoS 0 message is sent as QoS 1 after <paramref name="probeAfter_ms"/> without an answer from the broker, and
        /// the path counts as dead when a question stays unanswered for <paramref name="ackTimeout_ms"/>.
        /// <paramref name="backoffSeed"/> decorrelates monitors' reconnects (use <see cref="Backoff.Hash"/> of the client id).
        /// </summary>
        public MqttSession(IMqttClientPort client, int probeAfter_ms, int ackTimeout_ms, int backoffSeed)
        {
            if (client == null)
                throw new ArgumentNullException("client");
            _client = client;
            _watchdog = new LinkWatchdog(probeAfter_ms, ackTimeout_ms);
            _backoff = new Backoff(backoffSeed);
        }

        /// <summary>Connection attempts that failed (DNS, TCP, TLS or a broker refusal).</summary>
        public int ConnectFailures { get; private set; }
        /// <summary>Publishes or subscribes that threw (the connection is then rebuilt).</summary>
        public int PublishErrors { get; private set; }
        /// <summary>Received messages dropped because the inbox was full or they exceeded the receive limit.</summary>
        public int ReceiveDropped => _receiveDropped;
        /// <summary>Connections dropped because the broker stopped answering while the client could still send.</summary>
        public int DeadPathReconnects { get; private set; }
        /// <summary>QoS 0 messages sent as QoS 1 to ask the broker for an answer.</summary>
        public int Probes => _watchdog.Probes;
        /// <summary>The window of messages held until their PUBACK (read its counters while the link is quiet).</summary>
        public InflightWindow Window => _window;

        /// <inheritdoc />
        public bool IsConnected => _connected;
        /// <inheritdoc />
        public int ConnectionCount => _connections;
        /// <inheritdoc />
        public int OutboxDropped => _outbox.DroppedCount;

        /// <inheritdoc />
        public bool HasRoomFor(int qos)
        {
            return _outbox.HasRoomFor(qos);
        }

        /// <summary>Starts the network thread (which runs <see cref="RunLoop"/>).</summary>
        public void Start()
        {
            _thread = new Thread(RunLoop);
            _thread.Start();
        }

        /// <summary>
        /// Stops the network loop (waiting up to <paramref name="timeout_ms"/> for the thread <see cref="Start"/> made) and drops the connection without a DISCONNECT,
        /// so the broker publishes the last will. The firmware never calls it; tests use it as a power cut.
        /// </summary>
        public void Stop(int timeout_ms)
        {
            _stop = true;
            Thread t = _thread;
            if (t != null && t != Thread.CurrentThread)
                t.Join(timeout_ms);
            _connected = false;
            _client.Close();
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!_connected)
                return false;
            return _outbox.TryPut(topic, payload, length, qos, retain);
        }

        /// <inheritdoc />
        public bool Subscribe(string topicFilter, int qos)
        {
            lock (_filters)
            {
                int i = 0;
                while (i < _filterCount && _filters[i] != topicFilter)
                    i++;
                if (i == _filterCount)
                {
                    if (_filterCount == _filters.Length)
                        return false;
                    _filterCount++;
                }
                _filters[i] = topicFilter;
                _filterQos[i] = qos;
                _resubscribe = true;
            }
            return true;
        }

        /// <inheritdoc />
        public int DispatchReceived(IMqttMessageHandler handler, int max)
        {
            int done = 0;
            while (done < max)
            {
                string topic;
                int qos;
                bool retain;
                int n = _inbox.TryTake(_rx, out topic, out qos, out retain);
                if (n < 0)
                    break;
                handler.OnMessage(topic, _rx, n);
                done++;
            }
            return done;
        }

        // M2Mqtt raises "published" only for QoS 1/2: true on the PUBACK, false when its retries ran out. QoS 0 publishes
        // raise nothing, so every true here is a packet that came back from the broker.
        /// <inheritdoc />
        public void OnPublished(int connection, int messageId, bool published)
        {
            if (published)
                Interlocked.Increment(ref _answers);
            _window.Answer(connection, messageId, published);
        }

        /// <inheritdoc />
        public void OnSubscribed()
        {
            Interlocked.Increment(ref _answers);
        }

        /// <inheritdoc />
        public void OnReceived(string topic, byte[] payload, int length, int qos, bool retain)
        {
            Interlocked.Increment(ref _answers);
            if (payload == null || topic == null || !_inbox.TryPut(topic, payload, length, qos, retain))
                Interlocked.Increment(ref _receiveDropped);
        }

        /// <inheritdoc />
        public void OnConnectionClosed(int connection)
        {
            if (connection == _clientConnection)
                _connected = false;
        }

        /// <summary>
        /// The network thread's loop, on the caller's thread, until <see cref="Stop"/>. <see cref="Start"/> runs it on a
        /// thread of its own; a host that needs a background thread (the .NET tests) runs it on one it made.
        /// </summary>
        public void RunLoop()
        {
            while (!_stop)
            {
                if (!_connected)
                {
                    if (!TryConnect())
                    {
                        Pause(_backoff.NextDelay_ms());
                        continue;
                    }
                }
                else if (!_client.IsConnected)
                {
                    MarkDown();
                    continue;
                }
                long now = _clock.Now_ms();
                _watchdog.Observe(_answers, now);
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
                Thread.Sleep(_outbox.Count > 0 ? PublishSpacing_ms : IdlePause_ms);
            }
        }

        private bool TryConnect()
        {
            _client.Close();
            // A new connection numbers its messages from 1 again: its answers are tagged with this number so a late
            // PUBACK of the old connection cannot release a held message that reuses its id.
            int connection = _window.NewConnection();
            _clientConnection = connection;
            try
            {
                if (!_client.Connect(this, connection))
                {
                    ConnectFailures++;
                    _client.Close();
                    return false;
                }
                _watchdog.Connected(_answers, _clock.Now_ms());
                // Clean session: the broker forgot our subscriptions, and re-subscribing re-delivers the retained
                // prior and config, which is the fallback when the flash copy is missing.
                SubscribeAll();
                _connected = true;
                _connections++;
                _backoff.Reset();
                return true;
            }
            catch (Exception)
            {
                ConnectFailures++;
                _client.Close();
                return false;
            }
        }

        private void SubscribeAll()
        {
            string[] topics;
            int[] levels;
            int n;
            lock (_filters)
            {
                _resubscribe = false;
                n = _filterCount;
                if (n == 0)
                    return;
                topics = new string[n];
                levels = new int[n];
                for (int i = 0; i < n; i++)
                {
                    topics[i] = _filters[i];
                    levels[i] = _filterQos[i];
                }
            }
            _client.Subscribe(topics, levels, n);
        }

        // Held messages not yet sent on this connection go first (oldest first: after a reconnect that is the order they
        // were produced in), then the outbox. A message the broker must acknowledge moves from the outbox into the
        // window and is sent from there; with every slot taken it stays in the outbox.
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
                int id = _client.Publish(topic, _tx, n, wireQos, retain);
                if (slot >= 0)
                    _window.MarkSent(slot, id);
                Thread.Sleep(PublishSpacing_ms);
            }
        }

        private void MarkDown()
        {
            _connected = false;
            _client.Close();
        }

        private void Pause(int ms)
        {
            while (ms > 0 && !_stop)
            {
                int slice = ms < SleepSlice_ms ? ms : SleepSlice_ms;
                Thread.Sleep(slice);
                ms -= slice;
            }
        }
    }
}

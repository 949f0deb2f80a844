using System;
using System.Threading;
using CellVar.Bms.OnDevice.Communication;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>
    /// <see cref="IFirmwareLink"/> over nanoFramework.M2Mqtt, which has no reconnect of its own. A dedicated thread
    /// owns the client: it (re)connects with exponential back-off (the client is rebuilt each time because its
    /// constructor resolves DNS), sets the retained offline last will, renews every subscription after each connect,
    /// and drains the bounded outbox. The measurement loop only copies messages into the outbox and takes received
    /// messages out of the inbox, so a slow or absent broker never blocks a measurement.
    /// M2Mqtt's keep-alive cannot see a blackholed path while QoS 0 telemetry flows (it pings only after a keep-alive
    /// period without sending), so a <see cref="LinkWatchdog"/> turns a QoS 0 message into QoS 1 after
    /// <see cref="ProbeAfter_ms"/> without any packet from the broker and reconnects when that stays unanswered for
    /// <see cref="AckTimeout_ms"/> (firmware/README.md, "Dead network paths").
    /// Messages the broker must acknowledge (alerts, status) stay in an <see cref="InflightWindow"/> until their PUBACK
    /// and are sent again, in order and with the same bytes, after a reconnect or a publish that threw: the up to 70 s
    /// a dead path takes to notice lose nothing the monitor produced.
    /// </summary>
    public sealed class M2MqttLink : IFirmwareLink
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
        /// <summary>MQTT keep-alive, s.</summary>
        public const ushort KeepAlive_s = 60;
        /// <summary>Pause between publishes: back-to-back publishing leaked memory in M2Mqtt (nanoframework/Home#816).</summary>
        public const int PublishSpacing_ms = 20;
        /// <summary>Silence from the broker after which the next QoS 0 message is sent as QoS 1 to ask for a PUBACK, ms.</summary>
        public const int ProbeAfter_ms = KeepAlive_s * 1000 / 2;
        /// <summary>An unanswered QoS 1 message older than this means the path is dead, ms (the broker itself waits 1.5 × keep-alive).</summary>
        public const int AckTimeout_ms = KeepAlive_s * 1000 / 2;

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly string _clientId;
        private readonly string _user;
        private readonly string _password;
        private readonly MessageRing _outbox = new MessageRing(OutboxSlots, ProtocolLimits.TransmitBufferBytes);
        private readonly MessageRing _inbox = new MessageRing(InboxSlots, ProtocolLimits.ReceiveLimitBytes);
        private readonly byte[] _rx = new byte[ProtocolLimits.ReceiveLimitBytes];
        private readonly byte[] _tx = new byte[ProtocolLimits.TransmitBufferBytes];
        private readonly string[] _filters = new string[4];
        private readonly int[] _filterQos = new int[4];
        private readonly Backoff _backoff;
        private readonly LinkWatchdog _watchdog = new LinkWatchdog(ProbeAfter_ms, AckTimeout_ms);
        private readonly InflightWindow _window = new InflightWindow(InflightSlots, ProtocolLimits.TransmitBufferBytes);
        // Forwards the current client's MqttMsgPublished to the window, tagged with that client's connection number.
        private PublishedAnswers _published;
        // Network thread only (MonotonicClock is not thread-safe; the measurement loop has its own).
        private readonly MonotonicClock _clock = new MonotonicClock();
        // Packets received from the broker (PUBACK, SUBACK, PUBLISH), counted on M2Mqtt's threads, read by the watchdog.
        private int _answers;
        private string _willTopic;
        private string _willMessage;
        private int _filterCount;
        private bool _resubscribe;
        private MqttClient _client;
        private bool _connected;
        private int _connections;
        private Thread _thread;

        /// <summary>Creates the link; nothing touches the network until <see cref="Start"/>.</summary>
        public M2MqttLink(string host, int port, bool tls, string clientId, string user, string password)
        {
            _host = host;
            _port = port;
            _tls = tls;
            _clientId = clientId;
            _user = user;
            _password = password;
            _backoff = new Backoff(Backoff.Hash(clientId));
        }

        /// <summary>Connection attempts that failed (DNS, TCP, TLS or a broker refusal).</summary>
        public int ConnectFailures { get; private set; }
        /// <summary>Result of the last CONNECT that reached the broker.</summary>
        public MqttReasonCode LastConnectResult { get; private set; }
        /// <summary>Publishes that threw (the connection is then rebuilt).</summary>
        public int PublishErrors { get; private set; }
        /// <summary>Received messages dropped because the inbox was full or they exceeded the receive limit.</summary>
        public int ReceiveDropped { get; private set; }
        /// <summary>Connections dropped because the broker stopped answering while the client could still send.</summary>
        public int DeadPathReconnects { get; private set; }
        /// <summary>QoS 0 messages sent as QoS 1 to ask the broker for an answer.</summary>
        public int Probes => _watchdog.Probes;
        /// <summary>Messages held until their PUBACK (at most <see cref="InflightSlots"/>).</summary>
        public int InflightCount => _window.Count;
        /// <summary>Held messages sent again (after a reconnect, or after M2Mqtt reported them unpublished).</summary>
        public int Resends => _window.Resends;

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

        /// <summary>Sets the last will (the monitor's retained offline state); call before <see cref="Start"/>.</summary>
        public void SetWill(string topic, byte[] payload, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = (char)payload[i];
            _willTopic = topic;
            _willMessage = new string(chars);
        }

        /// <summary>Starts the network thread.</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Start();
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

        private void Run()
        {
            while (true)
            {
                if (!_connected)
                {
                    if (!TryConnect())
                    {
                        Thread.Sleep(_backoff.NextDelay_ms());
                        continue;
                    }
                }
                else if (_client == null || !_client.IsConnected)
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
                Thread.Sleep(_outbox.Count > 0 ? PublishSpacing_ms : 50);
            }
        }

        private bool TryConnect()
        {
            DisposeClient();
            MqttClient c = null;
            try
            {
                // The constructor resolves the host name, so it only succeeds once the network is up.
                c = new MqttClient(_host, _port, _tls, null, null, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                // MQTT 3.1.1, not 5: M2Mqtt 5.1.220 cannot parse the short MQTT 5 PUBACK Mosquitto sends when no
                // subscriber matches (reason 0x10, no property length), so those PUBACKs would never arrive and the
                // dead-path watchdog would reconnect needlessly (firmware/README.md, "Dead network paths").
                c.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                // Bound M2Mqtt's own in-flight queue too (its default is int.MaxValue; a full one makes Publish throw):
                // our held messages, one probe, and QoS 0 messages not yet written fit.
                c.Settings.InflightQueueSize = InflightSlots + OutboxSlots;
                // A new client numbers its messages from 1 again: answers are tagged with this connection's number so
                // a late PUBACK of the old connection cannot release a held message that reuses its id.
                _published = new PublishedAnswers(this, _window.NewConnection());
                c.MqttMsgPublishReceived += OnPublishReceived;
                c.MqttMsgPublished += _published.OnPublished;
                c.MqttMsgSubscribed += OnSubscribed;
                c.ConnectionClosed += OnConnectionClosed;
                MqttReasonCode rc = c.Connect(_clientId, _user, _password, true, MqttQoSLevel.AtLeastOnce, _willTopic != null,
                    _willTopic, _willMessage, true, KeepAlive_s);
                LastConnectResult = rc;
                if (rc != MqttReasonCode.Success)
                {
                    ConnectFailures++;
                    Close(c);
                    return false;
                }
                _client = c;
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
                if (c != null)
                    Close(c);
                _client = null;
                return false;
            }
        }

        private void SubscribeAll()
        {
            string[] topics;
            MqttQoSLevel[] levels;
            lock (_filters)
            {
                _resubscribe = false;
                if (_filterCount == 0)
                    return;
                topics = new string[_filterCount];
                levels = new MqttQoSLevel[_filterCount];
                for (int i = 0; i < _filterCount; i++)
                {
                    topics[i] = _filters[i];
                    levels[i] = _filterQos[i] == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce;
                }
            }
            _client.Subscribe(topics, levels);
        }

        // Held messages not yet sent on this connection go first (oldest first: after a reconnect that is the order they
        // were produced in), then the outbox. A message the broker must acknowledge moves from the outbox into the
        // window and is sent from there; with every slot taken it stays in the outbox.
        private void Drain()
        {
            while (_connected)
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
                // M2Mqtt keeps the array in its in-flight queue and has no (offset, length) overload, so each publish
                // needs an array of exactly the payload's length (network thread only).
                byte[] message = new byte[n];
                Array.Copy(_tx, message, n);
                int wireQos = _watchdog.QosFor(qos, _clock.Now_ms());
                ushort id = _client.Publish(topic, message, null, null, wireQos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);
                if (slot >= 0)
                    _window.MarkSent(slot, id);
                Thread.Sleep(PublishSpacing_ms);
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            Interlocked.Increment(ref _answers);
            byte[] m = e.Message;
            if (m == null || e.Topic == null || !_inbox.TryPut(e.Topic, m, m.Length, (int)e.QosLevel, e.Retain))
                ReceiveDropped++;
        }

        // M2Mqtt raises MqttMsgPublished only for QoS 1/2: IsPublished is true on the PUBACK (PUBCOMP), false when its
        // retries ran out. QoS 0 publishes raise nothing, so every true here is a packet that came back from the broker.
        // One instance per client, so each answer carries the connection it belongs to.
        private sealed class PublishedAnswers
        {
            private readonly M2MqttLink _link;
            private readonly int _connection;

            public PublishedAnswers(M2MqttLink link, int connection)
            {
                _link = link;
                _connection = connection;
            }

            public void OnPublished(object sender, MqttMsgPublishedEventArgs e)
            {
                if (e.IsPublished)
                    Interlocked.Increment(ref _link._answers);
                _link._window.Answer(_connection, e.MessageId, e.IsPublished);
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            Interlocked.Increment(ref _answers);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _connected = false;
        }

        private void MarkDown()
        {
            _connected = false;
            DisposeClient();
        }

        private void DisposeClient()
        {
            MqttClient c = _client;
            _client = null;
            if (c != null)
                Close(c);
        }

        private void Close(MqttClient c)
        {
            try
            {
                c.MqttMsgPublishReceived -= OnPublishReceived;
                if (_published != null)
                    c.MqttMsgPublished -= _published.OnPublished;
                c.MqttMsgSubscribed -= OnSubscribed;
                c.ConnectionClosed -= OnConnectionClosed;
                c.Close();
            }
            catch (Exception)
            {
                // A half-open socket may throw on close; the client is abandoned either way.
            }
        }
    }
}

using System;
using CellVar.Bms.OnDevice.Communication;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>
    /// <see cref="IMqttClientPort"/> over nanoFramework.M2Mqtt: a thin adapter without decisions of its own. The network
    /// thread, reconnect back-off, outbox, in-flight window and dead-path watchdog live in <see cref="MqttSession"/>
    /// (hardware-free, run by the host tests over MQTTnet); this class builds a new <see cref="MqttClient"/> for every
    /// connection (its constructor resolves DNS), translates calls and forwards M2Mqtt's events.
    /// </summary>
    public sealed class M2MqttLink : IMqttClientPort
    {
        /// <summary>MQTT keep-alive, s.</summary>
        public const ushort KeepAlive_s = 60;
        /// <summary>Silence from the broker after which the next QoS 0 message is sent as QoS 1 to ask for a PUBACK, ms.</summary>
        public const int ProbeAfter_ms = KeepAlive_s * 1000 / 2;
        /// <summary>An unanswered QoS 1 message older than this means the path is dead, ms (the broker itself waits 1.5 × keep-alive).</summary>
        public const int AckTimeout_ms = KeepAlive_s * 1000 / 2;
        /// <summary>
        /// Bound on M2Mqtt's own in-flight queue (its default is int.MaxValue; a full one makes Publish throw, and the
        /// session then reconnects, keeping its held messages): the session's held messages, one probe, and QoS 0
        /// messages not yet written. On a blackholed path QoS 0 pages can pile up past it (firmware/README.md).
        /// </summary>
        public const int ClientInflightQueue = MqttSession.InflightSlots + MqttSession.OutboxSlots;

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly string _clientId;
        private readonly string _user;
        private readonly string _password;
        private string _willTopic;
        private string _willMessage;
        private MqttClient _client;
        private Events _events;

        /// <summary>Creates the adapter; nothing touches the network until the session connects.</summary>
        public M2MqttLink(string host, int port, bool tls, string clientId, string user, string password)
        {
            _host = host;
            _port = port;
            _tls = tls;
            _clientId = clientId;
            _user = user;
            _password = password;
        }

        /// <summary>Result of the last CONNECT that reached the broker.</summary>
        public MqttReasonCode LastConnectResult { get; private set; }

        /// <summary>A session with the firmware's timings over a new adapter; call <see cref="SetWill"/> then <see cref="MqttSession.Start"/>.</summary>
        public static MqttSession CreateSession(M2MqttLink client)
        {
            return new MqttSession(client, ProbeAfter_ms, AckTimeout_ms, Backoff.Hash(client._clientId));
        }

        /// <summary>Sets the last will (the monitor's retained offline state); call before the session starts.</summary>
        public void SetWill(string topic, byte[] payload, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = (char)payload[i];
            _willTopic = topic;
            _willMessage = new string(chars);
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient c = _client;
                return c != null && c.IsConnected;
            }
        }

        /// <inheritdoc />
        public bool Connect(IMqttClientEvents events, int connection)
        {
            Close();
            // The constructor resolves the host name, so it only succeeds once the network is up (a throw counts as a failure).
            MqttClient c = new MqttClient(_host, _port, _tls, null, null, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            // MQTT 3.1.1, not 5: M2Mqtt 5.1.220 cannot parse the short MQTT 5 PUBACK Mosquitto sends when no
            // subscriber matches (reason 0x10, no property length), so those PUBACKs would never arrive and the
            // dead-path watchdog would reconnect needlessly (firmware/README.md, "Dead network paths").
            c.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            c.Settings.InflightQueueSize = ClientInflightQueue;
            Events e = new Events(events, connection);
            Attach(c, e);
            _client = c;
            _events = e;
            MqttReasonCode rc = c.Connect(_clientId, _user, _password, true, MqttQoSLevel.AtLeastOnce, _willTopic != null,
                _willTopic, _willMessage, true, KeepAlive_s);
            LastConnectResult = rc;
            return rc == MqttReasonCode.Success;
        }

        /// <inheritdoc />
        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            MqttClient c = _client;
            if (c == null)
                throw new InvalidOperationException("not connected");
            // M2Mqtt keeps the array in its in-flight queue and has no (offset, length) overload, so each publish
            // needs an array of exactly the payload's length (network thread only).
            byte[] message = new byte[length];
            Array.Copy(payload, message, length);
            return c.Publish(topic, message, null, null, qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);
        }

        /// <inheritdoc />
        public void Subscribe(string[] topicFilters, int[] qos, int count)
        {
            MqttClient c = _client;
            if (c == null)
                throw new InvalidOperationException("not connected");
            string[] topics = new string[count];
            MqttQoSLevel[] levels = new MqttQoSLevel[count];
            for (int i = 0; i < count; i++)
            {
                topics[i] = topicFilters[i];
                levels[i] = qos[i] == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce;
            }
            c.Subscribe(topics, levels);
        }

        /// <inheritdoc />
        public void Close()
        {
            MqttClient c = _client;
            Events e = _events;
            _client = null;
            _events = null;
            if (c == null)
                return;
            try
            {
                if (e != null)
                {
                    c.MqttMsgPublishReceived -= e.OnPublishReceived;
                    c.MqttMsgPublished -= e.OnPublished;
                    c.MqttMsgSubscribed -= e.OnSubscribed;
                    c.ConnectionClosed -= e.OnConnectionClosed;
                }
                c.Close();
            }
            catch (Exception)
            {
                // A half-open socket may throw on close; the client is abandoned either way.
            }
        }

        private static void Attach(MqttClient c, Events e)
        {
            c.MqttMsgPublishReceived += e.OnPublishReceived;
            c.MqttMsgPublished += e.OnPublished;
            c.MqttMsgSubscribed += e.OnSubscribed;
            c.ConnectionClosed += e.OnConnectionClosed;
        }

        // One instance per client, so each answer carries the connection it belongs to.
        private sealed class Events
        {
            private readonly IMqttClientEvents _to;
            private readonly int _connection;

            public Events(IMqttClientEvents to, int connection)
            {
                _to = to;
                _connection = connection;
            }

            public void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
            {
                byte[] m = e.Message;
                _to.OnReceived(e.Topic, m, m == null ? 0 : m.Length, (int)e.QosLevel, e.Retain);
            }

            // IsPublished: true on the PUBACK, false when M2Mqtt's retries ran out; QoS 0 publishes raise nothing.
            public void OnPublished(object sender, MqttMsgPublishedEventArgs e)
            {
                _to.OnPublished(_connection, e.MessageId, e.IsPublished);
            }

            public void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
            {
                _to.OnSubscribed();
            }

            public void OnConnectionClosed(object sender, EventArgs e)
            {
                _to.OnConnectionClosed(_connection);
            }
        }
    }
}

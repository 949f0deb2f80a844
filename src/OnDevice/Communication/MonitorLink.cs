using System;
using CellVar.Bms.OnDevice.Security;

namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// One monitor's end of protocol v1: builds its topics once, numbers every device → host message with a
    /// sequence that survives reconnects, publishes state/telemetry/alerts/status through an <see cref="IMqttLink"/>,
    /// and receives prior/config, keeping the previous value in force when a new one is rejected.
    /// All buffers are allocated in the constructor; publishing and receiving allocate nothing.
    /// Not thread-safe: one transmit buffer serves every message, and M2Mqtt raises received messages on its own
    /// thread, so firmware calls <see cref="OnMessage"/> and the Publish methods under one lock.
    /// </summary>
    public sealed class MonitorLink : IMqttMessageHandler
    {
        private readonly IMqttLink _link;
        private readonly JsonWriter _writer = new JsonWriter(ProtocolLimits.TransmitBufferBytes);
        private readonly JsonWriter _willWriter = new JsonWriter(128);
        private readonly MessageEncoder _encoder;
        private readonly PriorDecoder _priorDecoder;
        private readonly ConfigDecoder _configDecoder;
        private readonly DecodeError _error = new DecodeError();
        private PriorMessage _prior = new PriorMessage();
        private PriorMessage _priorScratch = new PriorMessage();
        private readonly ConfigMessage _config = new ConfigMessage();
        private readonly ConfigMessage _configScratch = new ConfigMessage();
        private PriorAuthenticator _priorAuth;
        private PriorAuthenticator _configAuth;
        private static readonly byte[] KMac = Ascii.GetBytes("mac");
        private bool _hasPrior;
        private bool _hasConfig;
        private uint _sequence;

        /// <summary>
        /// Creates the link for monitor <paramref name="monitorId"/> at <paramref name="siteId"/> under
        /// <paramref name="topicRoot"/> (e.g. <c>cellvar/v1</c>). <paramref name="firstSequence"/> lets firmware
        /// continue numbering after a reboot from a value it persisted.
        /// </summary>
        /// <exception cref="ArgumentException">An id is empty, too long or has characters outside <c>[A-Za-z0-9_.-]</c>.</exception>
        public MonitorLink(IMqttLink link, string topicRoot, string siteId, string monitorId, uint firstSequence)
        {
            if (link == null)
                throw new ArgumentNullException("link");
            if (!Ascii.IsValidId(siteId))
                throw new ArgumentException("site id must be 1-24 characters of A-Z a-z 0-9 _ . -", "siteId");
            if (!Ascii.IsValidId(monitorId))
                throw new ArgumentException("monitor id must be 1-24 characters of A-Z a-z 0-9 _ . -", "monitorId");
            if (topicRoot == null || topicRoot.Length == 0)
                throw new ArgumentException("topic root must not be empty", "topicRoot");
            _link = link;
            _sequence = firstSequence;
            _encoder = new MessageEncoder(_writer, monitorId);
            _priorDecoder = new PriorDecoder(monitorId);
            _configDecoder = new ConfigDecoder(monitorId);
            string baseTopic = topicRoot + "/" + siteId + "/" + monitorId + "/";
            StateTopic = baseTopic + "state";
            TelemetryTopic = baseTopic + "telemetry";
            AlertTopic = baseTopic + "alert";
            StatusTopic = baseTopic + "status";
            PriorTopic = baseTopic + "prior";
            ConfigTopic = baseTopic + "config";
            MonitorId = monitorId;
            new MessageEncoder(_willWriter, monitorId).Offline();
        }

        /// <summary>The monitor id.</summary>
        public string MonitorId { get; }
        /// <summary>Retained online/offline state topic (also the last-will topic).</summary>
        public string StateTopic { get; }
        /// <summary>Telemetry topic.</summary>
        public string TelemetryTopic { get; }
        /// <summary>Alert topic (QoS 1).</summary>
        public string AlertTopic { get; }
        /// <summary>Status topic: the device's answers to prior/config.</summary>
        public string StatusTopic { get; }
        /// <summary>Retained prior topic, host → device.</summary>
        public string PriorTopic { get; }
        /// <summary>Retained config topic, host → device.</summary>
        public string ConfigTopic { get; }

        /// <summary>Last-will payload (offline state) to pass to the MQTT client at connect; publish it retained with QoS 1.</summary>
        public byte[] WillPayload => _willWriter.Buffer;
        /// <summary>Number of valid bytes in <see cref="WillPayload"/>.</summary>
        public int WillPayloadLength => _willWriter.Length;

        /// <summary>Sequence number the next message will carry; persist it to continue after a reboot.</summary>
        public uint NextSequence => _sequence;

        /// <summary>Device clock in ms (Unix epoch when synchronised, else uptime); the sampling loop keeps it current.</summary>
        public long DeviceTime_ms { get; set; }

        /// <summary>The prior in force, or null until one has been accepted.</summary>
        public PriorMessage Prior => _hasPrior ? _prior : null;
        /// <summary>The config in force, or null until one has been accepted.</summary>
        public ConfigMessage Config => _hasConfig ? _config : null;
        /// <summary>Outcome of the last received prior or config.</summary>
        public DecodeError LastError => _error;
        /// <summary>Number of priors accepted since start.</summary>
        public int PriorsAccepted { get; private set; }
        /// <summary>Number of priors rejected since start.</summary>
        public int PriorsRejected { get; private set; }
        /// <summary>Number of configs accepted since start.</summary>
        public int ConfigsAccepted { get; private set; }
        /// <summary>Number of configs rejected since start.</summary>
        public int ConfigsRejected { get; private set; }
        /// <summary>Number of messages that could not be handed to the link (each leaves a sequence gap the host records).</summary>
        public int PublishFailures { get; private set; }

        /// <summary>True once <see cref="RequireSignedMessages"/> has been called: unsigned priors and configs are rejected.</summary>
        public bool RequiresSignedMessages => _priorAuth != null;

        /// <summary>Id of the signed prior in force (0 if none); persist it after each accepted prior so replays stay rejected after a reboot.</summary>
        public int LastSignedPriorId => _priorAuth == null ? 0 : _priorAuth.LastVersion;

        /// <summary>Id of the signed config in force (0 if none); persist it like <see cref="LastSignedPriorId"/>.</summary>
        public int LastSignedConfigId => _configAuth == null ? 0 : _configAuth.LastVersion;

        /// <summary>
        /// From now on accepts only priors and configs signed with this monitor's <paramref name="key"/> (see
        /// Security/README.md) whose <c>id</c> is newer than the one in force; <paramref name="lastPriorId"/> and
        /// <paramref name="lastConfigId"/> are the persisted ids (0 on a fresh device). Call once at start, before connecting.
        /// </summary>
        /// <exception cref="ArgumentException">The key is shorter than <see cref="PriorAuthenticator.MinKeyBytes"/> or an id is negative.</exception>
        public void RequireSignedMessages(byte[] key, int keyLength, int lastPriorId, int lastConfigId)
        {
            _priorAuth = new PriorAuthenticator(key, keyLength, PriorAuthenticator.PriorLabel, lastPriorId);
            _configAuth = new PriorAuthenticator(key, keyLength, PriorAuthenticator.ConfigLabel, lastConfigId);
        }

        /// <summary>Subscribes to this monitor's prior and config topics (QoS 1); call after every (re)connect.</summary>
        public bool SubscribeHostTopics()
        {
            bool a = _link.Subscribe(PriorTopic, 1);
            bool b = _link.Subscribe(ConfigTopic, 1);
            return a && b;
        }

        /// <summary>Publishes the retained online state; call after every (re)connect.</summary>
        public bool PublishOnline(string firmwareVersion, int cellCount)
        {
            if (!Ascii.IsValidId(firmwareVersion))
                firmwareVersion = "unknown";
            _encoder.Online(_sequence++, DeviceTime_ms, firmwareVersion, cellCount);
            return Send(StateTopic, 1, true);
        }

        /// <summary>Publishes one telemetry page (QoS 0: the next period supersedes it; loss shows as a sequence gap).</summary>
        public bool PublishTelemetry(int current_mA, CellTelemetry cells, int firstCell, int count)
        {
            if (!_encoder.Telemetry(_sequence, DeviceTime_ms, current_mA, cells, firstCell, count))
                return false;
            _sequence++;
            return Send(TelemetryTopic, 0, false);
        }

        /// <summary>Publishes an alert being raised or cleared now (QoS 1), stamped with <see cref="DeviceTime_ms"/>.</summary>
        public bool PublishAlert(int cell, AlertKind kind, bool raised, int value, int limit, int score_c)
        {
            return PublishAlert(cell, kind, raised, value, limit, score_c, DeviceTime_ms);
        }

        /// <summary>
        /// Publishes an alert (QoS 1) stamped with <paramref name="time_ms"/>, the device time at which it was raised or
        /// cleared. Firmware that queues alerts (link down, outbox full) passes the raise time, not the time of sending.
        /// </summary>
        public bool PublishAlert(int cell, AlertKind kind, bool raised, int value, int limit, int score_c, long time_ms)
        {
            _encoder.Alert(_sequence++, time_ms, cell, kind, raised, value, limit, score_c);
            return Send(AlertTopic, 1, false);
        }

        /// <inheritdoc />
        public void OnMessage(string topic, byte[] payload, int length)
        {
            if (topic == PriorTopic)
                OnPrior(payload, length);
            else if (topic == ConfigTopic)
                OnConfig(payload, length);
        }

        private void OnPrior(byte[] payload, int length)
        {
            // MAC before parsing anything, so a forged payload never reaches the decoder's range checks.
            DecodeStatus s = Authenticate(_priorAuth, payload, length);
            if (s == DecodeStatus.Accepted)
                s = _priorDecoder.Decode(payload, length, _priorScratch, _error);
            else
                _priorScratch.Id = 0;
            bool inForce = false;
            if (s == DecodeStatus.Accepted && _priorAuth != null)
            {
                AuthStatus a = _priorAuth.CheckVersion(_priorScratch.Id);
                inForce = a == AuthStatus.AlreadyInForce;
                if (a == AuthStatus.Replayed)
                    s = _error.Fail(DecodeStatus.Replayed, null, ProtocolKeys.Id, 0);
            }
            if (inForce)
            {
                // Retained prior re-delivered after a reconnect: it is the one in force, nothing to apply.
                _encoder.Status(_sequence++, DeviceTime_ms, ProtocolKeys.Prior, _prior.Id, _error);
            }
            else if (s == DecodeStatus.Accepted)
            {
                PriorMessage old = _prior;
                _prior = _priorScratch;
                _priorScratch = old;
                _hasPrior = true;
                PriorsAccepted++;
                if (_priorAuth != null)
                    _priorAuth.Commit(_prior.Id);
                _encoder.Status(_sequence++, DeviceTime_ms, ProtocolKeys.Prior, _prior.Id, _error);
            }
            else
            {
                PriorsRejected++;
                _encoder.Status(_sequence++, DeviceTime_ms, ProtocolKeys.Prior, _priorScratch.Id, _error);
            }
            Send(StatusTopic, 1, false);
        }

        private void OnConfig(byte[] payload, int length)
        {
            DecodeStatus s = Authenticate(_configAuth, payload, length);
            if (s == DecodeStatus.Accepted)
                s = _configDecoder.Decode(payload, length, _configScratch, _error);
            else
                _configScratch.Id = 0;
            bool inForce = false;
            if (s == DecodeStatus.Accepted && _configAuth != null)
            {
                AuthStatus a = _configAuth.CheckVersion(_configScratch.Id);
                inForce = a == AuthStatus.AlreadyInForce;
                if (a == AuthStatus.Replayed)
                    s = _error.Fail(DecodeStatus.Replayed, null, ProtocolKeys.Id, 0);
            }
            if (!inForce)
            {
                if (s == DecodeStatus.Accepted)
                {
                    _config.CopyFrom(_configScratch);
                    _hasConfig = true;
                    ConfigsAccepted++;
                    if (_configAuth != null)
                        _configAuth.Commit(_config.Id);
                }
                else
                {
                    ConfigsRejected++;
                }
            }
            _encoder.Status(_sequence++, DeviceTime_ms, ProtocolKeys.Config, _configScratch.Id, _error);
            Send(StatusTopic, 1, false);
        }

        // Accepted when no key is provisioned (unsigned priors keep working) or the MAC is right; else records why.
        private DecodeStatus Authenticate(PriorAuthenticator auth, byte[] payload, int length)
        {
            _error.Clear();
            if (auth == null)
                return DecodeStatus.Accepted;
            // Bound the MAC work before hashing: the decoder would reject this anyway.
            if (length > ProtocolLimits.ReceiveLimitBytes)
                return _error.Fail(DecodeStatus.TooLarge, null, null, length);
            AuthStatus a = auth.Check(payload, length);
            if (a == AuthStatus.Authentic)
                return DecodeStatus.Accepted;
            if (a == AuthStatus.MissingMac)
                return _error.Fail(DecodeStatus.MacMissing, null, null, length);
            if (a == AuthStatus.MalformedMac)
                return _error.Fail(DecodeStatus.MacMalformed, null, KMac, length);
            return _error.Fail(DecodeStatus.MacMismatch, null, KMac, 0);
        }

        private bool Send(string topic, int qos, bool retain)
        {
            if (_writer.Overflow || !_link.IsConnected || !_link.Publish(topic, _writer.Buffer, _writer.Length, qos, retain))
            {
                PublishFailures++;
                return false;
            }
            return true;
        }
    }
}

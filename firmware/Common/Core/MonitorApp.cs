using System;
using System.Threading;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.OnDevice.Security;
using WireKind = CellVar.Bms.OnDevice.Communication.AlertKind;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// The monitor's main loop, free of hardware types so the host tests run it: one <see cref="Step"/> per sample
    /// period measures (PackMonitor.Tick), hands received prior/config messages to the protocol, announces the monitor
    /// after every reconnect, publishes queued alerts and due telemetry pages into the link's bounded outbox, and
    /// persists an accepted prior or config and the sequence reservation. Every step does a bounded amount of work and never
    /// waits on the network (the link's own thread does the MQTT I/O), so publishing cannot starve measurement.
    /// </summary>
    public sealed class MonitorApp : IMqttMessageHandler
    {
        /// <summary>Sequence numbers reserved per flash write (a reboot skips at most this many).</summary>
        public const uint SequenceReserve = 1000;
        /// <summary>Most alerts published per step (the rest wait in the library's bounded alert queue).</summary>
        public const int MaxAlertsPerStep = 4;
        /// <summary>Most received messages handled per step.</summary>
        public const int MaxReceivedPerStep = 2;

        private readonly DeviceConfiguration _cfg;
        private readonly MonitorConfig _mc;
        private readonly PackMonitor _monitor;
        private readonly MonitorLink _link;
        private readonly IFirmwareLink _net;
        private readonly IDeviceStore _store;
        private readonly CellTelemetry _telemetry = new CellTelemetry();
        // What is in flash is remembered by its SHA-256 rather than a copy: two 2 KB copies would cost 5 % of an ESP32's heap.
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _digest = new byte[Sha256.HashBytes];
        private readonly byte[] _priorInFlash = new byte[Sha256.HashBytes];
        private readonly byte[] _configInFlash = new byte[Sha256.HashBytes];
        private readonly string _firmwareVersion;
        private bool _priorInFlashKnown;
        private bool _configInFlashKnown;
        private int _announcedConnections;
        private long _nextTelemetry_ms;
        private uint _reservedSequence;
        private Alert _alert;

        /// <summary>
        /// Builds the monitor from a parsed configuration. Restores the persisted prior and config through the same
        /// decoders a received one takes (so a signed one's id is the version in force again and older signed ones stay
        /// refused), reserves a block of sequence numbers, and registers the prior/config subscriptions (sent on connect).
        /// </summary>
        public MonitorApp(DeviceConfiguration cfg, IAdcChannelReader adc, IFirmwareLink net, IDeviceStore store, int selfTestFailures)
        {
            _cfg = cfg;
            _net = net;
            _store = store;
            SelfTestFailures = selfTestFailures;
            _firmwareVersion = FirmwareInfo.VersionWithSelfTest(selfTestFailures);
            _mc = cfg.ToMonitorConfig();
            _monitor = new PackMonitor(_mc, adc);
            uint first = store.LoadSequence();
            _reservedSequence = first + SequenceReserve;
            store.SaveSequence(_reservedSequence);
            _link = new MonitorLink(net, cfg.TopicRoot, cfg.SiteId, cfg.MonitorId, first);
            // With a provisioned key only signed priors/configs are accepted; ids start at 0 and the restores below
            // re-establish the persisted ones.
            if (cfg.PriorKey != null)
                _link.RequireSignedMessages(cfg.PriorKey, cfg.PriorKey.Length, 0, 0);
            // Boot-only buffer: garbage once the constructor returns.
            byte[] boot = new byte[ProtocolLimits.ReceiveLimitBytes];
            PriorRestore = Restore(false, boot);
            if (PriorRestore == RestoreOutcome.Restored)
                PriorBridge.Apply(_link.Prior, _monitor);
            else if (PriorRestore == RestoreOutcome.Rejected)
                PriorRestoreError = _link.LastError.Status;
            ConfigRestore = Restore(true, boot);
            if (ConfigRestore == RestoreOutcome.Rejected)
                ConfigRestoreError = _link.LastError.Status;
            _link.SubscribeHostTopics();
        }

        /// <summary>The estimator core.</summary>
        public PackMonitor Monitor => _monitor;
        /// <summary>The protocol endpoint.</summary>
        public MonitorLink Link => _link;
        /// <summary>Failed golden-vector cases at boot (reported in the state message's firmware field).</summary>
        public int SelfTestFailures { get; }
        /// <summary>Firmware string published in the online state.</summary>
        public string FirmwareVersion => _firmwareVersion;
        /// <summary>True when a persisted prior was decoded and put in force at boot.</summary>
        public bool PriorRestored => PriorRestore == RestoreOutcome.Restored;
        /// <summary>What became of the persisted prior at boot.</summary>
        public RestoreOutcome PriorRestore { get; }
        /// <summary>Why the persisted prior was refused (<see cref="RestoreOutcome.Rejected"/> only).</summary>
        public DecodeStatus PriorRestoreError { get; }
        /// <summary>What became of the persisted config at boot (restored: its telemetry period and id are in force).</summary>
        public RestoreOutcome ConfigRestore { get; }
        /// <summary>Why the persisted config was refused (<see cref="RestoreOutcome.Rejected"/> only).</summary>
        public DecodeStatus ConfigRestoreError { get; }
        /// <summary>Telemetry pages handed to the link.</summary>
        public int TelemetryPagesSent { get; private set; }
        /// <summary>Alerts handed to the link.</summary>
        public int AlertsSent { get; private set; }
        /// <summary>Prior writes to flash that failed.</summary>
        public int PriorSaveFailures { get; private set; }
        /// <summary>Config writes to flash that failed.</summary>
        public int ConfigSaveFailures { get; private set; }
        /// <summary>Periods whose step took longer than the period.</summary>
        public int Overruns { get; private set; }
        /// <summary>Steps that ended in an exception (the loop carries on).</summary>
        public int StepFaults { get; private set; }

        /// <summary>One sample period's work at monotonic time <paramref name="now_ms"/>.</summary>
        public void Step(long now_ms)
        {
            _link.DeviceTime_ms = now_ms;
            // Truncation wraps every 49.7 days (negative from 24.8); PackMonitor differences its int clock with
            // wrap-around, so this is safe (TickWrapTests), while scheduling below stays on the long.
            _monitor.Tick((int)now_ms);
            _net.DispatchReceived(this, MaxReceivedPerStep);

            bool up = _net.IsConnected;
            int connections = _net.ConnectionCount;
            if (up && connections != _announcedConnections)
            {
                _announcedConnections = connections;
                _link.PublishOnline(_firmwareVersion, _monitor.CellCount);
                _nextTelemetry_ms = now_ms;
            }

            // Alerts wait in the library's bounded queue while the link is down, or while its outbox is full because
            // earlier alerts still wait for their PUBACK, instead of being dropped here.
            for (int k = 0; up && k < MaxAlertsPerStep && _monitor.Alerts.Count > 0 && _net.HasRoomFor(1) && _monitor.Alerts.TryDequeue(ref _alert); k++)
                PublishAlert(now_ms);

            if (up && now_ms >= _nextTelemetry_ms)
            {
                TelemetryBridge.Fill(_monitor, _mc, _telemetry);
                int current = TelemetryBridge.ProtocolCurrent_mA(_monitor);
                int n = _monitor.CellCount;
                for (int first = 1; first <= n; first += ProtocolLimits.MaxCellsPerTelemetry)
                {
                    int count = n - first + 1;
                    if (count > ProtocolLimits.MaxCellsPerTelemetry)
                        count = ProtocolLimits.MaxCellsPerTelemetry;
                    if (_link.PublishTelemetry(current, _telemetry, first, count))
                        TelemetryPagesSent++;
                }
                ConfigMessage hostConfig = _link.Config;
                int period_s = hostConfig != null ? hostConfig.TelemetryPeriod_s : _cfg.TelemetryPeriod_s;
                _nextTelemetry_ms = now_ms + (long)period_s * 1000;
            }

            if (_link.NextSequence + SequenceReserve / 10 >= _reservedSequence)
            {
                _reservedSequence += SequenceReserve;
                _store.SaveSequence(_reservedSequence);
            }
        }

        /// <summary>
        /// Runs forever: <see cref="Step"/> every <see cref="DeviceConfiguration.SamplePeriod_ms"/>, sleeping the rest of
        /// the period (which also yields to the network thread). An overrunning step is counted and the schedule restarts
        /// from now rather than bursting to catch up.
        /// </summary>
        public void RunForever(MonotonicClock clock)
        {
            long period = _cfg.SamplePeriod_ms;
            long next = clock.Now_ms();
            while (true)
            {
                try
                {
                    Step(next);
                }
                catch (System.Exception)
                {
                    // A fault in one step (e.g. a driver exception) must not end measurement: count it and go on.
                    StepFaults++;
                }
                next += period;
                long now = clock.Now_ms();
                long wait = next - now;
                if (wait <= 0)
                {
                    Overruns++;
                    next = now;
                    wait = 1;
                }
                Thread.Sleep((int)wait);
            }
        }

        /// <inheritdoc />
        public void OnMessage(string topic, byte[] payload, int length)
        {
            int priors = _link.PriorsAccepted;
            int priorsRejected = _link.PriorsRejected;
            int configs = _link.ConfigsAccepted;
            int configsRejected = _link.ConfigsRejected;
            _link.OnMessage(topic, payload, length);
            if (_link.PriorsAccepted != priors)
            {
                PriorBridge.Apply(_link.Prior, _monitor);
                if (!Persist(false, payload, length))
                    PriorSaveFailures++;
            }
            else if (_link.ConfigsAccepted != configs)
            {
                // A new telemetry period takes effect now, not after the page the old period had planned (up to an hour).
                _nextTelemetry_ms = _link.DeviceTime_ms;
                if (!Persist(true, payload, length))
                    ConfigSaveFailures++;
            }
            // A signed message re-delivered while in force is neither accepted nor rejected. If its flash write failed
            // earlier, this retained re-delivery (after a reconnect) is the chance to retry it.
            else if (topic == _link.PriorTopic && _link.PriorsRejected == priorsRejected && !_priorInFlashKnown)
            {
                if (!Persist(false, payload, length))
                    PriorSaveFailures++;
            }
            else if (topic == _link.ConfigTopic && _link.ConfigsRejected == configsRejected && !_configInFlashKnown)
            {
                if (!Persist(true, payload, length))
                    ConfigSaveFailures++;
            }
        }

        // Loads one persisted message and replays it through MonitorLink exactly as if the broker had delivered it.
        private RestoreOutcome Restore(bool config, byte[] buffer)
        {
            int n = config ? _store.LoadConfig(buffer) : _store.LoadPrior(buffer);
            if (n == -1)
                return RestoreOutcome.None;
            if (n <= 0 || n > buffer.Length)
                return RestoreOutcome.Unreadable;
            int before = config ? _link.ConfigsAccepted : _link.PriorsAccepted;
            _link.OnMessage(config ? _link.ConfigTopic : _link.PriorTopic, buffer, n);
            int after = config ? _link.ConfigsAccepted : _link.PriorsAccepted;
            if (after == before)
                return RestoreOutcome.Rejected;
            Remember(config, buffer, n);
            return RestoreOutcome.Restored;
        }

        // Writes an accepted payload unless flash already holds exactly these bytes (the broker re-delivers retained
        // priors and configs on every reconnect). False only when a needed write failed.
        private bool Persist(bool config, byte[] payload, int length)
        {
            _sha.Update(payload, 0, length);
            _sha.Final(_digest, 0);
            byte[] inFlash = config ? _configInFlash : _priorInFlash;
            bool known = config ? _configInFlashKnown : _priorInFlashKnown;
            if (known && SameDigest(inFlash))
                return true;
            bool ok = config ? _store.SaveConfig(payload, length) : _store.SavePrior(payload, length);
            if (ok)
                Array.Copy(_digest, inFlash, Sha256.HashBytes);
            // After a failed write the file may hold the old payload or none; unknown makes the next delivery retry.
            if (config)
                _configInFlashKnown = ok;
            else
                _priorInFlashKnown = ok;
            return ok;
        }

        private void Remember(bool config, byte[] payload, int length)
        {
            _sha.Update(payload, 0, length);
            _sha.Final(config ? _configInFlash : _priorInFlash, 0);
            if (config)
                _configInFlashKnown = true;
            else
                _priorInFlashKnown = true;
        }

        private bool SameDigest(byte[] inFlash)
        {
            for (int i = 0; i < Sha256.HashBytes; i++)
            {
                if (inFlash[i] != _digest[i])
                    return false;
            }
            return true;
        }

        // The alert may have waited in the library's queue (link down, outbox full, reconnect back-off) for minutes: it is
        // stamped with the time it was raised, recovered on the 64-bit clock from its age (Alert.Time_ms is the int
        // clock of its tick, so the difference is taken unchecked, wrap-safe). The score is the cell's score now, at
        // publishing: the library's Alert does not carry one (Communication/README.md).
        private void PublishAlert(long now_ms)
        {
            WireKind kind;
            if (!TelemetryBridge.TryProtocolKind(_alert.Kind, out kind))
                return;
            int score = 0;
            if (_alert.Cell >= 0)
            {
                if (_alert.Kind == OnDevice.Alerts.AlertKind.ResistanceOutlier || _alert.Kind == OnDevice.Alerts.AlertKind.Drift)
                    score = _monitor.GetResistanceScore_Q16(_alert.Cell);
                else if (_alert.Kind == OnDevice.Alerts.AlertKind.HotCell)
                    score = _monitor.GetTemperatureScore_Q16(_alert.Cell);
                else if (_alert.Kind == OnDevice.Alerts.AlertKind.CapacityOutlier)
                    score = _monitor.GetCapacityScore_Q16(_alert.Cell);
            }
            int age_ms = unchecked((int)now_ms - _alert.Time_ms);
            if (age_ms < 0)
                age_ms = 0;
            if (_link.PublishAlert(TelemetryBridge.ProtocolCell(_alert.Cell), kind, _alert.Raised, _alert.Value, _alert.Threshold,
                TelemetryBridge.Q16ToCenti(score), now_ms - age_ms))
                AlertsSent++;
        }
    }
}

using System.Threading;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using WireKind = CellVar.Bms.OnDevice.Communication.AlertKind;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// The monitor's main loop, free of hardware types so the host tests run it: one <see cref="Step"/> per sample
    /// period measures (PackMonitor.Tick), hands received prior/config messages to the protocol, announces the monitor
    /// after every reconnect, publishes queued alerts and due telemetry pages into the link's bounded outbox, and
    /// persists an accepted prior and the sequence reservation. Every step does a bounded amount of work and never
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
        private readonly byte[] _persisted = new byte[ProtocolLimits.ReceiveLimitBytes];
        private readonly string _firmwareVersion;
        private int _persistedLength = -1;
        private int _announcedConnections;
        private long _nextTelemetry_ms;
        private uint _reservedSequence;
        private Alert _alert;

        /// <summary>
        /// Builds the monitor from a parsed configuration. Restores the persisted prior through the same decoder a received
        /// one takes, reserves a block of sequence numbers, and registers the prior/config subscriptions (sent on connect).
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
            // With a provisioned key only signed priors/configs are accepted. The persisted prior is itself signed, so
            // restoring it below re-establishes its id as the version in force: older signed priors stay refused after a reboot.
            if (cfg.PriorKey != null)
                _link.RequireSignedMessages(cfg.PriorKey, cfg.PriorKey.Length, 0, 0);
            int n = store.LoadPrior(_persisted);
            if (n > 0)
            {
                _persistedLength = n;
                int before = _link.PriorsAccepted;
                _link.OnMessage(_link.PriorTopic, _persisted, n);
                if (_link.PriorsAccepted != before)
                {
                    PriorBridge.Apply(_link.Prior, _monitor);
                    PriorRestored = true;
                }
            }
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
        public bool PriorRestored { get; }
        /// <summary>Telemetry pages handed to the link.</summary>
        public int TelemetryPagesSent { get; private set; }
        /// <summary>Alerts handed to the link.</summary>
        public int AlertsSent { get; private set; }
        /// <summary>Prior writes to flash that failed.</summary>
        public int PriorSaveFailures { get; private set; }
        /// <summary>Periods whose step took longer than the period.</summary>
        public int Overruns { get; private set; }
        /// <summary>Steps that ended in an exception (the loop carries on).</summary>
        public int StepFaults { get; private set; }

        /// <summary>One sample period's work at monotonic time <paramref name="now_ms"/>.</summary>
        public void Step(long now_ms)
        {
            _link.DeviceTime_ms = now_ms;
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

            // Alerts wait in the library's bounded queue while the link is down instead of being dropped here.
            for (int k = 0; up && k < MaxAlertsPerStep && _monitor.Alerts.TryDequeue(ref _alert); k++)
                PublishAlert();

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
            int before = _link.PriorsAccepted;
            _link.OnMessage(topic, payload, length);
            if (_link.PriorsAccepted == before)
                return;
            PriorBridge.Apply(_link.Prior, _monitor);
            // The broker re-delivers the retained prior on every reconnect: only write flash when it changed.
            if (SameAsPersisted(payload, length))
                return;
            if (_store.SavePrior(payload, length))
            {
                for (int i = 0; i < length; i++)
                    _persisted[i] = payload[i];
                _persistedLength = length;
            }
            else
            {
                PriorSaveFailures++;
            }
        }

        private void PublishAlert()
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
            if (_link.PublishAlert(TelemetryBridge.ProtocolCell(_alert.Cell), kind, _alert.Raised, _alert.Value, _alert.Threshold, TelemetryBridge.Q16ToCenti(score)))
                AlertsSent++;
        }

        private bool SameAsPersisted(byte[] payload, int length)
        {
            if (length != _persistedLength)
                return false;
            for (int i = 0; i < length; i++)
            {
                if (_persisted[i] != payload[i])
                    return false;
            }
            return true;
        }
    }
}

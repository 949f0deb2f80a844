using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Replay;
using CellVar.Bms.VirtualRig.Adc;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Simulation;
using DeviceAlertKind = CellVar.Bms.OnDevice.Alerts.AlertKind;
using WireAlertKind = CellVar.Bms.OnDevice.Communication.AlertKind;

namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>
    /// One virtual monitor: a simulated pack behind the ESP32-like ADC, the exact device code (<see cref="PackMonitor"/>)
    /// ticking on it, and the device's protocol endpoint (<see cref="MonitorLink"/>) publishing telemetry and alerts over
    /// <see cref="MqttNetDeviceLink"/>. Like firmware, alerts stay in the device's bounded <see cref="AlertQueue"/> while the
    /// link is down and are drained once it is back; priors arriving on the prior topic go through the device decoder.
    /// </summary>
    public sealed class VirtualMonitor : IAsyncDisposable
    {
        private readonly object _gate = new();
        private readonly VirtualMonitorOptions _o;
        private readonly PackPhysics _pack;
        private readonly Esp32AdcFrontEnd _adc;
        private readonly PackMonitor _monitor;
        private readonly MonitorLink _link;
        private readonly MqttNetDeviceLink? _mqtt;
        private readonly CellTelemetry _telemetry = new();
        private readonly List<InjectedDefect> _sensorFaults = [];
        private readonly List<DeviceAlert> _alerts = [];
        private readonly List<double> _recTime = [], _recCurrent = [];
        private readonly List<double>[] _recVolts, _recTemps;
        private readonly long _epoch_ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        private int _priorsApplied;
        private Alert _a;
        // The last tick: simulated time (exact, no wrap) and the int millisecond clock the device saw (wraps after 24.8 days).
        private double _tick_s;
        private int _tick_ms;

        /// <summary>Builds the monitor; <paramref name="defects"/> are this monitor's defects.</summary>
        public VirtualMonitor(VirtualMonitorOptions options, IEnumerable<InjectedDefect> defects)
        {
            _o = options ?? throw new ArgumentNullException(nameof(options));
            var mine = new List<InjectedDefect>(defects);
            _pack = new PackPhysics(_o.Cells, _o.Seed, mine, _o.Contact_Ohm);
            foreach (var d in mine) if (d.Kind == DefectKind.SensorFault) _sensorFaults.Add(d);
            _adc = new Esp32AdcFrontEnd(_o.Cells, _o.Cells, _o.Adc, unchecked(_o.Seed * 7919 + 17));
            _monitor = new PackMonitor(_adc.Config, _adc);
            _recVolts = new List<double>[_o.Cells];
            _recTemps = new List<double>[_o.Cells];
            for (int i = 0; i < _o.Cells; i++) { _recVolts[i] = []; _recTemps[i] = []; }
            var handler = new Forwarder();
            if (_o.Broker != null)
            {
                var probe = new MonitorLink(new OfflineLink(), _o.TopicRoot, _o.Site, _o.MonitorId, 0);
                byte[] will = new ReadOnlySpan<byte>(probe.WillPayload, 0, probe.WillPayloadLength).ToArray();
                _mqtt = new MqttNetDeviceLink(_o.Broker, _o.MonitorId, _o.Password, probe.StateTopic, will, _o.OutboxCapacity, handler, _gate);
                _link = new MonitorLink(_mqtt, _o.TopicRoot, _o.Site, _o.MonitorId, 0);
                _mqtt.Connected = OnConnected;
            }
            else
            {
                _link = new MonitorLink(new OfflineLink(), _o.TopicRoot, _o.Site, _o.MonitorId, 0);
            }
            if (_o.PriorKey != null)
                _link.RequireSignedMessages(_o.PriorKey, _o.PriorKey.Length, 0, 0);
            handler.Target = _link;
        }

        /// <summary>Options.</summary>
        public VirtualMonitorOptions Options => _o;
        /// <summary>The device code under test.</summary>
        public PackMonitor Device => _monitor;
        /// <summary>The device's protocol endpoint.</summary>
        public MonitorLink Link => _link;
        /// <summary>The MQTT link, or null without a broker.</summary>
        public MqttNetDeviceLink? Mqtt => _mqtt;
        /// <summary>The simulated pack.</summary>
        public PackPhysics Pack => _pack;
        /// <summary>The ADC front end.</summary>
        public Esp32AdcFrontEnd Adc => _adc;
        /// <summary>Pack-level alerts not publishable in protocol v1 (cells are 1..64 there).</summary>
        public int UnpublishableAlerts { get; private set; }

        /// <summary>Every alert event the device produced so far, in order (also those still waiting to be published).</summary>
        public IReadOnlyList<DeviceAlert> Alerts { get { lock (_alerts) return [.. _alerts]; } }

        /// <summary>Starts connecting (no-op without a broker).</summary>
        public void Start() => _mqtt?.Start();

        /// <summary>
        /// One sample period: advance the pack to <paramref name="t_s"/> at <paramref name="current_A"/>, tick the device,
        /// record, and publish telemetry and queued alerts if the link is up.
        /// </summary>
        public void Step(double t_s, double dt_s, double current_A)
        {
            _pack.Step(t_s, dt_s, current_A);
            foreach (var d in _sensorFaults) _adc.SetOpenWire(d.Cell - 1, d.Level(t_s) > 0);
            _adc.SetInputs(_pack.Voltage_V, current_A, _pack.SensorTemperature_C);
            int t_ms = AcceleratedClock.DeviceTime_ms(t_s);
            lock (_gate)
            {
                _monitor.Tick(t_ms);
                _tick_s = t_s;
                _tick_ms = t_ms;
                if (_o.Record) Record(t_s);
                ApplyNewPrior();
                bool online = _mqtt == null || _mqtt.IsConnected;
                _link.DeviceTime_ms = _epoch_ms + (long)Math.Round(t_s * 1000);
                // Like firmware, telemetry is attempted every period even while offline: the lost page still consumes its
                // sequence number, so the host sees the outage as a gap.
                if (_mqtt != null) PublishTelemetry();
                // Firmware drains its alert queue only when it can hand alerts to the link; otherwise they wait (bounded).
                if (online) DrainAlerts();
            }
        }

        /// <summary>Drains and publishes whatever alerts are still queued (call after the last step, once connected).</summary>
        public void Flush()
        {
            lock (_gate)
                if (_mqtt == null || _mqtt.IsConnected) DrainAlerts();
        }

        /// <summary>The log recorded so far (what the device measured each tick), in the rig-log format <c>cellvar replay</c> reads.</summary>
        public RigLog RecordedLog()
        {
            lock (_gate)
            {
                int n = _o.Cells, rows = _recTime.Count;
                var v = new double[n][];
                var t = new double[n][];
                for (int i = 0; i < n; i++) { v[i] = [.. _recVolts[i]]; t[i] = [.. _recTemps[i]]; }
                var lines = new int[rows];
                for (int r = 0; r < rows; r++) lines[r] = r + 2;
                return new RigLog([.. _recTime], [.. _recCurrent], v, t, lines);
            }
        }

        private void Record(double t_s)
        {
            int n = _o.Cells;
            _recTime.Add(t_s);
            // A current sample the device dropped for its conversion spread (a glitch that survived trimming) is logged
            // as missing: the log holds one value per tick, so replay could not see the spread and would estimate on it.
            bool spread = (_monitor.PackFlags & OnDevice.Measurement.SampleFlags.Spread) != 0;
            _recCurrent.Add(!spread && _adc.MeasuredValue(n) is int ma ? ma / 1000.0 : double.NaN);
            for (int i = 0; i < n; i++)
            {
                _recVolts[i].Add(_adc.MeasuredValue(i) is int uv ? uv / 1e6 : double.NaN);
                _recTemps[i].Add(_adc.MeasuredValue(n + 1 + i) is int dc ? dc / 10.0 : double.NaN);
            }
        }

        private void OnConnected()
        {
            _link.SubscribeHostTopics();
            lock (_gate) _link.PublishOnline("vrig-1", _o.Cells);
        }

        private void PublishTelemetry()
        {
            int n = _o.Cells;
            for (int i = 0; i < n; i++)
            {
                _telemetry.Voltage_mV[i] = _monitor.GetCellVoltage_mV(i);
                _telemetry.Resistance_uOhm[i] = _monitor.GetResistance_uOhm(i);
                _telemetry.Capacity_mAh[i] = _monitor.GetCapacity_mAh(i);
                _telemetry.Temperature_dC[i] = _monitor.GetTemperature_dC(i);
                _telemetry.ResistanceScore_c[i] = (int)((long)_monitor.GetResistanceScore_Q16(i) * 100 / 65536);
                _telemetry.TemperatureScore_c[i] = (int)((long)_monitor.GetTemperatureScore_Q16(i) * 100 / 65536);
                int f = 0;
                if (_monitor.IsAlertActive(i, DeviceAlertKind.ResistanceOutlier)) f |= CellTelemetry.FlagResistanceOutlier;
                if (_monitor.IsAlertActive(i, DeviceAlertKind.HotCell)) f |= CellTelemetry.FlagHot;
                if ((_monitor.GetSampleFlags(i) & OnDevice.Measurement.SampleFlags.FaultMask) != 0) f |= CellTelemetry.FlagInvalidSample;
                if (_monitor.GetResistanceSteps(i) < _adc.Config.ResistanceWarmupSteps) f |= CellTelemetry.FlagNotConverged;
                _telemetry.Flags[i] = f;
            }
            for (int first = 1; first <= n; first += 16)
                _link.PublishTelemetry(_monitor.PackCurrent_mA, _telemetry, first, Math.Min(16, n - first + 1));
        }

        private void DrainAlerts()
        {
            while (_monitor.Alerts.TryDequeue(ref _a))
            {
                var (unit, k) = AlertNames.Unit(_a.Unit);
                bool none = _a.Unit == AlertUnit.None;
                // The alert carries the device's int ms clock, which goes negative after 24.8 simulated days; its age in ticks
                // (a wrap-safe difference, like the device's own) placed back on the simulated clock gives the producing tick.
                double time_s = _tick_s - unchecked(_tick_ms - _a.Time_ms) / 1000.0;
                var alert = new DeviceAlert(_o.Index, time_s, _a.Cell >= 0 ? _a.Cell + 1 : null, AlertNames.Kind(_a.Kind), _a.Raised,
                    none ? _a.Value : _a.Value * k, none ? _a.Threshold : _a.Threshold * k, unit);
                lock (_alerts) _alerts.Add(alert);
                if (_mqtt == null) continue;
                if (_a.Cell < 0) { UnpublishableAlerts++; continue; }
                WireAlertKind wire = _a.Kind switch
                {
                    DeviceAlertKind.HotCell => WireAlertKind.TemperatureHigh,
                    DeviceAlertKind.CapacityOutlier => WireAlertKind.CapacityLow,
                    DeviceAlertKind.SensorFault => WireAlertKind.Sensor,
                    _ => WireAlertKind.ResistanceHigh, // resistance outlier and drift: protocol v1 has one resistance-high kind
                };
                int score = _a.Kind switch
                {
                    DeviceAlertKind.HotCell => (int)((long)_monitor.GetTemperatureScore_Q16(_a.Cell) * 100 / 65536),
                    DeviceAlertKind.CapacityOutlier => (int)((long)_monitor.GetCapacityScore_Q16(_a.Cell) * 100 / 65536),
                    DeviceAlertKind.SensorFault => 0,
                    _ => (int)((long)_monitor.GetResistanceScore_Q16(_a.Cell) * 100 / 65536),
                };
                _link.PublishAlert(_a.Cell + 1, wire, _a.Raised, _a.Value, _a.Threshold, score);
            }
        }

        private void ApplyNewPrior()
        {
            if (_link.PriorsAccepted == _priorsApplied || _link.Prior == null) return;
            _priorsApplied = _link.PriorsAccepted;
            PriorMessage p = _link.Prior;
            Install(PriorQuantity.Resistance, PriorMessage.Resistance_uOhm, p);
            Install(PriorQuantity.Capacity, PriorMessage.Capacity_mAh, p);
        }

        private void Install(PriorQuantity q, int index, PriorMessage p)
        {
            if (p.Scale[index] <= 0) return;
            int hi = p.High[index] == PriorMessage.NoLimit ? Prior.NoThresholdHigh : p.High[index];
            int lo = p.Low[index] == PriorMessage.NoLimit ? Prior.NoThresholdLow : p.Low[index];
            _monitor.SetPrior(q, Prior.Create(PriorFamily.Normal, p.Location[index], p.Scale[index], hi, lo));
            for (int c = 1; c <= _o.Cells; c++)
                if ((p.CellOverrideMask[c - 1] & (1 << index)) != 0)
                    _monitor.SetCellPrior(q, c - 1, p.LocationFor(index, c), p.ScaleFor(index, c));
        }

        /// <summary>Publishes what is queued (waiting up to <paramref name="drainTimeout"/>) and disconnects cleanly.</summary>
        public async Task StopAsync(TimeSpan drainTimeout)
        {
            Flush();
            if (_mqtt != null) await _mqtt.StopAsync(drainTimeout);
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (_mqtt != null) await _mqtt.DisposeAsync();
        }

        private sealed class Forwarder : IMqttMessageHandler
        {
            public MonitorLink? Target;
            public void OnMessage(string topic, byte[] payload, int length) => Target?.OnMessage(topic, payload, length);
        }

        private sealed class OfflineLink : IMqttLink
        {
            public bool IsConnected => false;
            public bool Publish(string topic, byte[] payload, int length, int qos, bool retain) => false;
            public bool Subscribe(string topicFilter, int qos) => false;
        }
    }
}

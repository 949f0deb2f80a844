using System.Collections.Generic;

namespace CellVar.Bms.Provisioning
{
    /// <summary>What the technician asked for with <c>cellvar provision</c>. Defaults describe the reference rig in hardware/README.md.</summary>
    public sealed class ProvisionOptions
    {
        /// <summary>Monitor id (topic level and MQTT client id).</summary>
        public string MonitorId { get; set; } = "";
        /// <summary>Board id (hardware/boards/&lt;id&gt;.json).</summary>
        public string Board { get; set; } = "";
        /// <summary>Series cells.</summary>
        public int Cells { get; set; }
        /// <summary>Site id.</summary>
        public string Site { get; set; } = "lab";
        /// <summary>Broker host name or address.</summary>
        public string BrokerHost { get; set; } = "cellvar-host.local";
        /// <summary>Broker port (1883 plain, 8883 TLS when not given).</summary>
        public int? BrokerPort { get; set; }
        /// <summary>Connect with TLS 1.2.</summary>
        public bool Tls { get; set; }
        /// <summary>MQTT user name.</summary>
        public string User { get; set; } = "";
        /// <summary>MQTT password.</summary>
        public string Password { get; set; } = "";
        /// <summary>
        /// Per-monitor key (16..64 bytes) for signed priors/configs, written into the device file as <c>priorKey</c>;
        /// null writes none (the monitor then accepts unsigned priors). <c>cellvar provision</c> generates 32 random bytes.
        /// </summary>
        public byte[]? PriorKey { get; set; }
        /// <summary>Topic root.</summary>
        public string TopicRoot { get; set; } = "cellvar/v1";
        /// <summary>NTC temperature sensors (each on its own channel).</summary>
        public int TemperatureSensors { get; set; }
        /// <summary><c>direct</c> (one differential amplifier per cell) or <c>stacked</c> (tap dividers).</summary>
        public string FrontEnd { get; set; } = "direct";
        /// <summary>Cell (or tap) voltage divided by pin voltage, e.g. 2 for a gain-0.5 difference amplifier.</summary>
        public double CellDivider { get; set; } = 2.0;
        /// <summary>Shunt amplifier sensitivity: mA of cell current per V at the pin.</summary>
        public double CurrentMilliampsPerVolt { get; set; } = 20000;
        /// <summary>Pin voltage at zero current (bidirectional amplifier with REF at mid-supply), mV.</summary>
        public double CurrentZero_mV { get; set; } = 1650;
        /// <summary>NTC pull-up resistance, ohm (NTC to ground, pull-up to the supply).</summary>
        public double NtcPullup_Ohm { get; set; } = 10000;
        /// <summary>NTC resistance at 25 °C, ohm.</summary>
        public double NtcR25_Ohm { get; set; } = 10000;
        /// <summary>NTC beta (25/85 °C), K.</summary>
        public double NtcBeta_K { get; set; } = 3950;
        /// <summary>Supply feeding the NTC pull-up, mV.</summary>
        public double NtcSupply_mV { get; set; } = 3300;
        /// <summary>Explicit channel list (cells, then current, then temperature sensors); null = assign automatically.</summary>
        public IReadOnlyList<int>? Channels { get; set; }
        /// <summary>Write a calibration-mode file (telemetry then shows raw counts, see hardware/README.md).</summary>
        public bool CalibrationMode { get; set; }
        /// <summary>Measurement period, ms.</summary>
        public int SamplePeriod_ms { get; set; } = 1000;
        /// <summary>Telemetry period, s.</summary>
        public int TelemetryPeriod_s { get; set; } = 10;
        /// <summary>Conversions averaged per channel per tick (1..64; written as <c>averaging</c>).</summary>
        public int Averaging { get; set; } = 16;
        /// <summary>
        /// <c>trim</c> (drop the lowest and highest conversion, with 4 or more; the library default) or <c>mean</c> (a front
        /// end known to be glitch-free); written as <c>averagingMode</c>.
        /// </summary>
        public string AveragingMode { get; set; } = OnDevice.Provisioning.DeviceConfiguration.AveragingModeTrim;
        /// <summary>
        /// Largest spread of a current sample's kept conversions before it is dropped (mA; 0 = off; written as
        /// <c>maxCurrentSpread_mA</c>). Default: the device library's own default (<see cref="DefaultMaxCurrentSpread_mA"/>).
        /// </summary>
        public int MaxCurrentSpread_mA { get; set; } = DefaultMaxCurrentSpread_mA;

        /// <summary>The device library's default current-spread limit (<c>MonitorConfig.MaxCurrentSpread_mA</c>).</summary>
        public static readonly int DefaultMaxCurrentSpread_mA = new OnDevice.MonitorConfig().MaxCurrentSpread_mA;
    }
}

using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.OnDevice.Provisioning
{
    /// <summary>
    /// The provisioning file the firmware reads at boot (<c>I:\cellvar.json</c>), written by <c>cellvar provision</c>
    /// and updated by <c>cellvar calibrate</c>. All numbers are integers in the units their names say; text fields
    /// are plain ASCII without escapes. <see cref="ProvisioningParser"/> fills an instance; <see cref="ToMonitorConfig"/>
    /// turns it into the <see cref="MonitorConfig"/> the device library runs on. The format is described in
    /// <c>src/OnDevice/Provisioning/README.md</c>.
    /// </summary>
    public sealed class DeviceConfiguration
    {
        /// <summary>Value of <c>"v"</c> this firmware reads.</summary>
        public const int SchemaVersion = 1;
        /// <summary>Largest file accepted (32 cells with calibration and an NTC table fit in ~4 KB).</summary>
        public const int MaxFileBytes = 8192;
        /// <summary>Most entries in <c>adcChannels</c>, <c>temperatures</c> or an NTC table.</summary>
        public const int MaxListEntries = 64;
        /// <summary>Longest broker host name.</summary>
        public const int MaxHostLength = 253;
        /// <summary>Longest user name or password.</summary>
        public const int MaxCredentialLength = 128;
        /// <summary>Gain written in calibration mode: 1 mV per count (Q16), so telemetry millivolts equal the averaged raw counts (trimmed mean of the conversions, see <see cref="MonitorConfig.Averaging"/>).</summary>
        public const int CalibrationModeGain_Q16 = 1000 << 16;

        /// <summary><c>"averagingMode"</c> value for <see cref="ConversionAveraging.TrimExtremes"/> (the default).</summary>
        public const string AveragingModeTrim = "trim";
        /// <summary><c>"averagingMode"</c> value for <see cref="ConversionAveraging.Mean"/>.</summary>
        public const string AveragingModeMean = "mean";
        /// <summary>
        /// Largest <c>"maxCurrentSpread_mA"</c> accepted: the library's default <see cref="MonitorConfig.MaxPlausibleCurrent_mA"/>
        /// (500 A). The file does not change that limit, so a larger spread limit could only pass samples the plausibility
        /// check already refuses; a current sensor that noisy needs a different front end, and 0 turns the check off.
        /// </summary>
        public const int MaxCurrentSpreadLimit_mA = 500000;

        /// <summary>Shortest prior-signing key accepted, bytes (<c>PriorAuthenticator.MinKeyBytes</c>).</summary>
        public const int MinPriorKeyBytes = 16;
        /// <summary>Longest prior-signing key accepted, bytes.</summary>
        public const int MaxPriorKeyBytes = 64;

        /// <summary>
        /// Per-monitor key for signed priors and configs (<c>"priorKey"</c>, hex), or null when none is provisioned.
        /// With a key the firmware calls <c>MonitorLink.RequireSignedMessages</c> and refuses unsigned priors.
        /// </summary>
        public byte[] PriorKey;

        /// <summary>Monitor id (topic level and client id).</summary>
        public string MonitorId;
        /// <summary>Site id (topic level).</summary>
        public string SiteId;
        /// <summary>Topic root, e.g. <c>cellvar/v1</c>.</summary>
        public string TopicRoot = "cellvar/v1";
        /// <summary>Board definition id (hardware/boards/&lt;id&gt;.json).</summary>
        public string Board;
        /// <summary>nanoFramework target name the file was made for (e.g. ESP32_REV3).</summary>
        public string Target;
        /// <summary>Broker host name or IPv4 address.</summary>
        public string BrokerHost;
        /// <summary>Broker TCP port.</summary>
        public int BrokerPort = 1883;
        /// <summary>True to connect with TLS 1.2.</summary>
        public bool BrokerTls;
        /// <summary>MQTT user name, empty for anonymous.</summary>
        public string BrokerUser = string.Empty;
        /// <summary>MQTT password, empty for none.</summary>
        public string BrokerPassword = string.Empty;
        /// <summary>Measurement period, ms.</summary>
        public int SamplePeriod_ms = 1000;
        /// <summary>Telemetry period, s (the host may change it with a config message).</summary>
        public int TelemetryPeriod_s = 10;
        /// <summary>Conversions averaged per channel per tick.</summary>
        public int AveragingCount = 16;
        /// <summary>
        /// How the conversions become one sample (<c>"averagingMode"</c>: <c>"trim"</c> or <c>"mean"</c>); default, as in the
        /// library, <see cref="ConversionAveraging.TrimExtremes"/>. See <see cref="MonitorConfig.Averaging"/>.
        /// </summary>
        public ConversionAveraging Averaging = ConversionAveraging.TrimExtremes;
        /// <summary>
        /// Largest spread of a current sample's kept conversions before it is dropped and flagged
        /// (<c>"maxCurrentSpread_mA"</c>, 0 = off); default, as in the library, 1000 mA. See <see cref="MonitorConfig.MaxCurrentSpread_mA"/>.
        /// </summary>
        public int MaxCurrentSpread_mA = 1000;
        /// <summary>Full-scale raw count of the board's ADC.</summary>
        public int AdcMaxCount = 4095;
        /// <summary>How cell voltages reach the ADC.</summary>
        public VoltageFrontEnd FrontEnd = VoltageFrontEnd.DirectPerCell;
        /// <summary>ADC channels the firmware may open (the board's usable set for its network mode, e.g. ADC1 only on ESP32).</summary>
        public int[] AdcChannels;
        /// <summary>
        /// When true, every cell channel uses <see cref="CalibrationModeGain_Q16"/> and offset 0 (telemetry cell mV = averaged
        /// raw count) and the current channel 1 mA per count with offset 0 (telemetry <c>i_mA</c> = −averaged raw count, since
        /// the wire counts charging as positive), so a technician can read raw counts for <c>cellvar calibrate</c>.
        /// The current-spread limit is converted to counts with the file's (nominal) current gain, so the same noise is
        /// dropped as in normal operation.
        /// </summary>
        public bool CalibrationMode;
        /// <summary>Series cells.</summary>
        public int CellCount;
        /// <summary>ADC channel per cell (or tap).</summary>
        public int[] CellChannels;
        /// <summary>µV per count, Q16, per cell channel.</summary>
        public int[] CellGain_Q16;
        /// <summary>µV offset per cell channel.</summary>
        public int[] CellOffset_uV;
        /// <summary>Current channel.</summary>
        public int CurrentChannel = -1;
        /// <summary>mA per count, Q16.</summary>
        public int CurrentGain_Q16;
        /// <summary>mA offset.</summary>
        public int CurrentOffset_mA;
        /// <summary>Pack-voltage channel, −1 = none.</summary>
        public int PackVoltageChannel = -1;
        /// <summary>Pack-voltage gain, µV per count Q16.</summary>
        public int PackVoltageGain_Q16 = 65536;
        /// <summary>Pack-voltage offset, µV.</summary>
        public int PackVoltageOffset_uV;
        /// <summary>Kind of every temperature channel.</summary>
        public TemperatureSensorKind TemperatureKind = TemperatureSensorKind.NtcTable;
        /// <summary>Temperature sensors.</summary>
        public int TemperatureCount;
        /// <summary>ADC channel per sensor.</summary>
        public int[] TemperatureChannels;
        /// <summary>0-based cell each sensor touches.</summary>
        public int[] TemperatureCells;
        /// <summary>Linear sensors: dC per count, Q16.</summary>
        public int[] TemperatureGain_Q16;
        /// <summary>Linear sensors: dC offset.</summary>
        public int[] TemperatureOffset_dC;
        /// <summary>NTC table raw counts (ascending), or null for the library default.</summary>
        public int[] NtcTable_counts;
        /// <summary>NTC table temperatures (dC), or null for the library default.</summary>
        public int[] NtcTable_dC;

        /// <summary>
        /// Builds the monitor configuration (library defaults for every tunable the file does not set).
        /// The parser has already run <see cref="MonitorConfig.Validate"/> on the same mapping.
        /// </summary>
        public MonitorConfig ToMonitorConfig()
        {
            MonitorConfig c = new MonitorConfig();
            c.CellCount = CellCount;
            c.TemperatureSensorCount = TemperatureCount;
            c.AdcMaxCount = AdcMaxCount;
            c.AveragingCount = AveragingCount;
            c.Averaging = Averaging;
            c.MaxCurrentSpread_mA = CalibrationMode ? SpreadInCounts(MaxCurrentSpread_mA, CurrentGain_Q16) : MaxCurrentSpread_mA;
            c.FrontEnd = FrontEnd;
            c.CellChannels = Copy(CellChannels, CellCount);
            c.CellGain_Q16 = Copy(CellGain_Q16, CellCount);
            c.CellOffset_uV = Copy(CellOffset_uV, CellCount);
            if (CalibrationMode)
            {
                for (int i = 0; i < CellCount; i++)
                {
                    c.CellGain_Q16[i] = CalibrationModeGain_Q16;
                    c.CellOffset_uV[i] = 0;
                }
            }
            c.CurrentChannel = CurrentChannel;
            c.CurrentGain_Q16 = CalibrationMode ? 65536 : CurrentGain_Q16;
            c.CurrentOffset_mA = CalibrationMode ? 0 : CurrentOffset_mA;
            c.PackVoltageChannel = PackVoltageChannel;
            c.PackVoltageGain_Q16 = PackVoltageGain_Q16;
            c.PackVoltageOffset_uV = PackVoltageOffset_uV;
            c.TemperatureKind = TemperatureKind;
            c.TemperatureChannels = Copy(TemperatureChannels, TemperatureCount);
            c.TemperatureSensorCell = Copy(TemperatureCells, TemperatureCount);
            c.TemperatureGain_Q16 = Copy(TemperatureGain_Q16, TemperatureCount);
            c.TemperatureOffset_dC = Copy(TemperatureOffset_dC, TemperatureCount);
            if (NtcTable_counts != null && NtcTable_dC != null)
            {
                c.NtcTable_counts = Copy(NtcTable_counts, NtcTable_counts.Length);
                c.NtcTable_dC = Copy(NtcTable_dC, NtcTable_dC.Length);
            }
            return c;
        }

        /// <summary>True when <paramref name="channel"/> is listed in <see cref="AdcChannels"/>.</summary>
        public bool IsChannelAllowed(int channel)
        {
            if (AdcChannels == null)
                return false;
            for (int i = 0; i < AdcChannels.Length; i++)
            {
                if (AdcChannels[i] == channel)
                    return true;
            }
            return false;
        }

        // Calibration mode reads the current channel at 1 mA per count, so a limit in mA becomes one in counts:
        // limit·65536/|gain| (rounded, at least 1 so a non-zero limit never turns into "off").
        private static int SpreadInCounts(int limit_mA, int gain_Q16)
        {
            if (limit_mA <= 0 || gain_Q16 == 0)
                return limit_mA;
            long g = gain_Q16 < 0 ? -(long)gain_Q16 : gain_Q16;
            long counts = ((long)limit_mA * 65536 + g / 2) / g;
            if (counts < 1) return 1;
            if (counts > int.MaxValue) return int.MaxValue;
            return (int)counts;
        }

        private static int[] Copy(int[] source, int count)
        {
            int[] r = new int[count];
            if (source == null)
                return r;
            for (int i = 0; i < count && i < source.Length; i++)
                r[i] = source[i];
            return r;
        }
    }
}

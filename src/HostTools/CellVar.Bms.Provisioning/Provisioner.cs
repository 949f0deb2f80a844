using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning.Boards;

namespace CellVar.Bms.Provisioning
{
    /// <summary>
    /// Turns <see cref="ProvisionOptions"/> and a <see cref="BoardDefinition"/> into the device configuration file.
    /// Rejects what the firmware could not run (unknown board, more signals than usable channels, ADC2 channels on an
    /// ESP32 with Wi-Fi, strapping pins), then checks the file with the device's own <see cref="ProvisioningParser"/>.
    /// </summary>
    public static class Provisioner
    {
        /// <summary>Builds the configuration; throws <see cref="ProvisioningException"/> with a clear message on bad input.</summary>
        public static ProvisionResult Provision(BoardCatalog catalog, ProvisionOptions o)
        {
            BoardDefinition board = catalog.Get(o.Board);
            CheckText("--monitor", o.MonitorId, id: true);
            CheckText("--site", o.Site, id: true);
            CheckText("--broker", o.BrokerHost, id: false);
            CheckSecret("--user", o.User);
            CheckSecret("--password", o.Password);
            if (o.PriorKey != null && (o.PriorKey.Length < DeviceConfiguration.MinPriorKeyBytes || o.PriorKey.Length > DeviceConfiguration.MaxPriorKeyBytes))
                throw new ProvisioningException($"prior key must be {DeviceConfiguration.MinPriorKeyBytes}..{DeviceConfiguration.MaxPriorKeyBytes} bytes, got {o.PriorKey.Length}");
            if (o.Cells < 1 || o.Cells > OnDevice.MonitorConfig.MaxCells)
                throw new ProvisioningException($"--cells must be 1..{OnDevice.MonitorConfig.MaxCells}, got {o.Cells}");
            if (o.TemperatureSensors < 0 || o.TemperatureSensors > o.Cells)
                throw new ProvisioningException($"--temps must be 0..{o.Cells} (one sensor per cell at most), got {o.TemperatureSensors}");
            if (o.FrontEnd != "direct" && o.FrontEnd != "stacked")
                throw new ProvisioningException($"--front-end must be 'direct' or 'stacked', got '{o.FrontEnd}'");
            if (!(o.CellDivider >= 1.0 && o.CellDivider <= 100.0))
                throw new ProvisioningException($"--cell-divider must be 1..100 (input volts per pin volt), got {o.CellDivider}");
            if (!(Math.Abs(o.CurrentMilliampsPerVolt) >= 1 && Math.Abs(o.CurrentMilliampsPerVolt) <= 1e7))
                throw new ProvisioningException($"--current-ma-per-v must be 1..1e7 in magnitude, got {o.CurrentMilliampsPerVolt}");
            if (o.Averaging < 1 || o.Averaging > 64)
                throw new ProvisioningException($"--averaging must be 1..64 conversions per channel, got {o.Averaging}");
            if (o.AveragingMode != DeviceConfiguration.AveragingModeTrim && o.AveragingMode != DeviceConfiguration.AveragingModeMean)
                throw new ProvisioningException($"--averaging-mode must be '{DeviceConfiguration.AveragingModeTrim}' or '{DeviceConfiguration.AveragingModeMean}', got '{o.AveragingMode}'");
            if (o.MaxCurrentSpread_mA < 0 || o.MaxCurrentSpread_mA > DeviceConfiguration.MaxCurrentSpreadLimit_mA)
                throw new ProvisioningException($"--max-current-spread-ma must be 0 (off)..{DeviceConfiguration.MaxCurrentSpreadLimit_mA}, got {o.MaxCurrentSpread_mA}");

            ChannelAssignment map = AssignChannels(board, o.Cells, o.TemperatureSensors, o.Channels);
            string json = WriteConfig(board, o, map);

            // The same parser the firmware runs at boot must accept what we hand the technician.
            byte[] bytes = Encoding.ASCII.GetBytes(json);
            var error = new ProvisioningError();
            if (new ProvisioningParser().Parse(bytes, bytes.Length, new DeviceConfiguration(), error) != ProvisioningStatus.Ok)
                throw new ProvisioningException("internal error: the device parser refused the generated file: " + error);
            return new ProvisionResult(board, map, json);
        }

        /// <summary>
        /// Assigns cells, then the current sensor, then the NTCs to the board's usable channels (or checks an explicit list).
        /// </summary>
        public static ChannelAssignment AssignChannels(BoardDefinition board, int cells, int temps, IReadOnlyList<int>? explicitChannels)
        {
            int needed = cells + 1 + temps;
            IReadOnlyList<BoardChannel> usable = board.UsableChannels();
            List<int> chosen;
            if (explicitChannels == null)
            {
                if (needed > usable.Count)
                {
                    string wifi = board.UnusableWithWifi.Count > 0 && board.Network == "wifi"
                        ? $" with Wi-Fi on ({string.Join("/", board.UnusableWithWifi)} unusable)" : "";
                    throw new ProvisioningException(
                        $"board {board.Id} has {usable.Count} usable ADC channels{wifi} ({string.Join(", ", usable.Select(c => c.Channel))}), " +
                        $"but {cells} cells + 1 current sensor + {temps} temperature sensors need {needed}; " +
                        "reduce --cells/--temps or add an analog multiplexer (hardware/README.md)");
                }
                chosen = usable.Take(needed).Select(c => c.Channel).ToList();
            }
            else
            {
                if (explicitChannels.Count != needed)
                    throw new ProvisioningException($"--channels lists {explicitChannels.Count} channels but {cells} cells + 1 current + {temps} temperature sensors need {needed} (order: cells, current, temperatures)");
                var seen = new HashSet<int>();
                foreach (int ch in explicitChannels)
                {
                    BoardChannel? bc = board.Channels.FirstOrDefault(c => c.Channel == ch);
                    if (bc == null)
                        throw new ProvisioningException($"channel {ch} does not exist on board {board.Id} (channels {string.Join(", ", board.Channels.Select(c => c.Channel))})");
                    if (board.BlockedByWifi(bc))
                        throw new ProvisioningException(
                            $"channel {ch} ({bc.Pin}) is on {bc.Unit}, which cannot be read while Wi-Fi is on ({board.Id}); " +
                            $"use {string.Join("/", board.Channels.Where(c => c.Usable && !board.BlockedByWifi(c)).Select(c => c.Unit).Distinct())} channels: {string.Join(", ", usable.Select(c => c.Channel))}");
                    if (!bc.Usable)
                        throw new ProvisioningException($"channel {ch} ({bc.Pin}) is not usable on board {board.Id}: {bc.Notes ?? bc.Unit}");
                    if (!seen.Add(ch))
                        throw new ProvisioningException($"channel {ch} appears twice in --channels");
                }
                chosen = explicitChannels.ToList();
            }
            return new ChannelAssignment(chosen.Take(cells).ToList(), chosen[cells], chosen.Skip(cells + 1).ToList());
        }

        private static string WriteConfig(BoardDefinition board, ProvisionOptions o, ChannelAssignment map)
        {
            double uvPerCount = board.NominalMicrovoltsPerCount;
            int cellGain = Q16(uvPerCount * o.CellDivider, "cell gain");
            // I = (Vpin − Vzero)·k  →  mA per count = µV/count · k(mA/V) / 1e6; offset = −Vzero·k.
            int currentGain = Q16(uvPerCount * o.CurrentMilliampsPerVolt / 1e6, "current gain");
            int currentOffset = checked((int)Math.Round(-o.CurrentZero_mV * o.CurrentMilliampsPerVolt / 1000.0));
            int port = o.BrokerPort ?? (o.Tls ? 8883 : 1883);
            if (port < 1 || port > 65535)
                throw new ProvisioningException($"broker port must be 1..65535, got {port}");

            var w = new DeviceConfigWriter();
            w.Begin();
            w.Int("v", DeviceConfiguration.SchemaVersion);
            w.Str("monitor", o.MonitorId);
            w.Str("site", o.Site);
            w.Str("topicRoot", o.TopicRoot);
            w.Str("board", board.Id);
            w.Str("target", board.NanoframeworkTarget);
            w.BeginObject("broker");
            w.Str("host", o.BrokerHost);
            w.Int("port", port);
            w.Bool("tls", o.Tls);
            w.Str("user", o.User);
            w.Str("password", o.Password);
            w.EndObject();
            if (o.PriorKey != null)
                w.Str("priorKey", Convert.ToHexStringLower(o.PriorKey));
            w.Int("sample_ms", o.SamplePeriod_ms);
            w.Int("tele_s", o.TelemetryPeriod_s);
            w.Int("averaging", o.Averaging);
            w.Str("averagingMode", o.AveragingMode);
            w.Int("maxCurrentSpread_mA", o.MaxCurrentSpread_mA);
            w.Int("adcMax", board.Adc.MaxCount);
            w.Str("frontEnd", o.FrontEnd);
            w.IntArray("adcChannels", board.UsableChannels().Select(c => c.Channel));
            w.Bool("calibrationMode", o.CalibrationMode);
            w.Int("cellCount", o.Cells);
            w.BeginArray("cells");
            // Stacked taps see k·cell voltage at tap k; the same divider ratio per tap keeps pins in range only for
            // small k, so the technician sizes each divider and calibrates each tap (hardware/README.md).
            foreach (int ch in map.Cells)
            {
                w.BeginElement();
                w.Int("ch", ch);
                w.Int("gain_Q16", cellGain);
                w.Int("offset_uV", 0);
                w.EndObject();
            }
            w.EndArray();
            w.BeginObject("current");
            w.Int("ch", map.Current);
            w.Int("gain_Q16", currentGain);
            w.Int("offset_mA", currentOffset);
            w.EndObject();
            w.Str("temperatureKind", "ntc");
            w.BeginArray("temperatures");
            for (int s = 0; s < map.Temperatures.Count; s++)
            {
                w.BeginElement();
                w.Int("ch", map.Temperatures[s]);
                w.Int("cell", (int)((long)s * o.Cells / Math.Max(1, map.Temperatures.Count)));
                w.EndObject();
            }
            w.EndArray();
            if (map.Temperatures.Count > 0)
            {
                NtcLookupTable table = NtcTableBuilder.Build(o.NtcR25_Ohm, o.NtcBeta_K, o.NtcPullup_Ohm, o.NtcSupply_mV, uvPerCount, board.Adc.MaxCount);
                w.BeginObject("ntc");
                w.IntArray("counts", table.Counts);
                w.IntArray("dC", table.Temperatures_dC);
                w.EndObject();
            }
            return w.End();
        }

        private static int Q16(double value, string what)
        {
            double q = Math.Round(value * 65536.0);
            if (!(Math.Abs(q) >= 1 && Math.Abs(q) <= int.MaxValue))
                throw new ProvisioningException($"{what} {value} does not fit a non-zero Q16 int");
            return (int)q;
        }

        private static void CheckText(string option, string value, bool id)
        {
            if (string.IsNullOrEmpty(value))
                throw new ProvisioningException($"{option} must not be empty");
            int max = id ? OnDevice.Communication.ProtocolLimits.MaxIdLength : DeviceConfiguration.MaxHostLength;
            if (value.Length > max)
                throw new ProvisioningException($"{option} '{value}' is longer than {max} characters");
            foreach (char c in value)
            {
                bool ok = char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || (!id && c == ':');
                if (!ok)
                    throw new ProvisioningException($"{option} '{value}': character '{c}' is not allowed ({(id ? "use A-Z a-z 0-9 _ . -" : "host name or IPv4 address")})");
            }
        }

        private static void CheckSecret(string option, string value)
        {
            if (value.Length > DeviceConfiguration.MaxCredentialLength)
                throw new ProvisioningException($"{option} is longer than {DeviceConfiguration.MaxCredentialLength} characters");
            foreach (char c in value)
            {
                if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
                    throw new ProvisioningException($"{option}: character U+{(int)c:X4} is not allowed (printable ASCII without '\"' and '\\': the device reads JSON without escapes)");
            }
        }
    }
}

using System;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning;
using CellVar.Bms.Provisioning.Calibration;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// The two measurement keys <c>averagingMode</c> and <c>maxCurrentSpread_mA</c> end to end: `cellvar provision`
    /// writes them, the device parser reads them (or refuses them naming the field), and
    /// <see cref="DeviceConfiguration.ToMonitorConfig"/> hands them to the monitor.
    /// </summary>
    public class AveragingSettingsTests
    {
        // Inserted right after "averaging" in the virtual-ADC file, where `cellvar provision` writes them too.
        private const string Anchor = "\"averaging\": 1, ";

        private static string WithKeys(string keys)
        {
            Assert.Contains(Anchor, Configs.Virtual4Cells);
            return Configs.Virtual4Cells.Replace(Anchor, Anchor + keys + " ");
        }

        private static ProvisionOptions Options(string board = "esp32-devkitc") => new()
        {
            MonitorId = "rig1-m01",
            Board = board,
            Cells = 4,
            BrokerHost = "192.168.10.5",
        };

        [Fact]
        public void Absent_keys_give_the_device_library_defaults()
        {
            var (s, c, e) = Configs.Parse(Configs.Virtual4Cells);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            MonitorConfig mc = c.ToMonitorConfig();
            var library = new MonitorConfig();
            Assert.Equal(library.Averaging, mc.Averaging);
            Assert.Equal(library.MaxCurrentSpread_mA, mc.MaxCurrentSpread_mA);
            // And the library defaults are the documented ones (src/OnDevice/Provisioning/README.md).
            Assert.Equal(ConversionAveraging.TrimExtremes, mc.Averaging);
            Assert.Equal(1000, mc.MaxCurrentSpread_mA);
            // The file's upper bound for the spread limit is the library's plausible-current limit (see its doc comment).
            Assert.Equal(DeviceConfiguration.MaxCurrentSpreadLimit_mA, library.MaxPlausibleCurrent_mA);
        }

        [Theory]
        [InlineData("\"averagingMode\": \"mean\",", ConversionAveraging.Mean, 1000)]
        [InlineData("\"averagingMode\": \"trim\",", ConversionAveraging.TrimExtremes, 1000)]
        [InlineData("\"maxCurrentSpread_mA\": 0,", ConversionAveraging.TrimExtremes, 0)]
        [InlineData("\"maxCurrentSpread_mA\": 2400, \"averagingMode\": \"mean\",", ConversionAveraging.Mean, 2400)]
        [InlineData("\"averagingMode\": \"trim\", \"maxCurrentSpread_mA\": 500000,", ConversionAveraging.TrimExtremes, 500000)]
        public void Keys_reach_the_monitor_config(string keys, ConversionAveraging mode, int spread_mA)
        {
            var (s, c, e) = Configs.Parse(WithKeys(keys));
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            Assert.Equal(mode, c.Averaging);
            Assert.Equal(spread_mA, c.MaxCurrentSpread_mA);
            MonitorConfig mc = c.ToMonitorConfig();
            Assert.Null(mc.Validate());
            Assert.Equal(mode, mc.Averaging);
            Assert.Equal(spread_mA, mc.MaxCurrentSpread_mA);
        }

        [Theory]
        [InlineData("\"averagingMode\": \"median\",", ProvisioningStatus.Range, "averagingMode", "\"median\"")]
        [InlineData("\"averagingMode\": \"Trim\",", ProvisioningStatus.Range, "averagingMode", "\"Trim\"")]
        [InlineData("\"averagingMode\": \"\",", ProvisioningStatus.Range, "averagingMode", "\"\",")]
        [InlineData("\"averagingMode\": 1,", ProvisioningStatus.Type, "averagingMode", "1,")]
        [InlineData("\"averagingMode\": null,", ProvisioningStatus.Type, "averagingMode", "null")]
        [InlineData("\"averagingMode\": \"trim\", \"averagingMode\": \"mean\",", ProvisioningStatus.Duplicate, "averagingMode", null)]
        [InlineData("\"maxCurrentSpread_mA\": -1,", ProvisioningStatus.Range, "maxCurrentSpread_mA", "-1")]
        [InlineData("\"maxCurrentSpread_mA\": 500001,", ProvisioningStatus.Range, "maxCurrentSpread_mA", "500001")]
        [InlineData("\"maxCurrentSpread_mA\": 99999999999999999999,", ProvisioningStatus.Range, "maxCurrentSpread_mA", "99999999999999999999")]
        [InlineData("\"maxCurrentSpread_mA\": 1000.5,", ProvisioningStatus.Type, "maxCurrentSpread_mA", "1000.5")]
        [InlineData("\"maxCurrentSpread_mA\": \"1000\",", ProvisioningStatus.Type, "maxCurrentSpread_mA", "\"1000\"")]
        [InlineData("\"maxCurrentSpread_mA\": true,", ProvisioningStatus.Type, "maxCurrentSpread_mA", "true")]
        [InlineData("\"maxCurrentSpread_mA\": 10, \"maxCurrentSpread_mA\": 20,", ProvisioningStatus.Duplicate, "maxCurrentSpread_mA", null)]
        public void Bad_values_are_refused_naming_the_field_and_the_value(string keys, ProvisioningStatus status, string field, string? valueText)
        {
            string json = WithKeys(keys);
            var (s, _, e) = Configs.Parse(json);
            Assert.True(s == status, $"expected {status}, got {e}");
            Assert.Equal(field, e.Field);
            Assert.StartsWith("E" + (int)status + " ", e.ToString());
            Assert.False(string.IsNullOrEmpty(e.Message));
            if (valueText != null)
            {
                // The offset points at the offending value (strings: at their first character after the quote).
                int at = json.IndexOf("\"" + field + "\": ", StringComparison.Ordinal) + field.Length + 4;
                Assert.StartsWith(valueText, json[at..]);
                Assert.Equal(valueText.StartsWith('"') && status == ProvisioningStatus.Range ? at + 1 : at, e.Offset);
            }
        }

        [Fact]
        public void Range_messages_say_what_is_allowed()
        {
            Assert.Contains("\"trim\"", Configs.Parse(WithKeys("\"averagingMode\": \"median\",")).Error.Message);
            Assert.Contains("\"mean\"", Configs.Parse(WithKeys("\"averagingMode\": \"median\",")).Error.Message);
            Assert.Contains("0..500000, got 500001", Configs.Parse(WithKeys("\"maxCurrentSpread_mA\": 500001,")).Error.Message);
        }

        [Fact]
        public void Calibration_mode_converts_the_spread_limit_to_counts_with_the_nominal_current_gain()
        {
            // Calibration mode reads the current channel at 1 mA per count; with a nominal 19.5 mA per count (ESP32 with a
            // 20 A/V amplifier) a 1000 mA limit must become 1000 / 19.5 = 51.3 → 51 counts, the same physical spread.
            string json = WithKeys("\"maxCurrentSpread_mA\": 1000,")
                .Replace("\"calibrationMode\": false", "\"calibrationMode\": true")
                .Replace("\"gain_Q16\": 65536, \"offset_mA\"", "\"gain_Q16\": 1277952, \"offset_mA\"");
            var (s, c, e) = Configs.Parse(json);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            MonitorConfig mc = c.ToMonitorConfig();
            Assert.Equal(65536, mc.CurrentGain_Q16);
            Assert.Equal(51, mc.MaxCurrentSpread_mA);
            // The same file out of calibration mode keeps the limit in mA; 0 (off) stays off in calibration mode.
            Assert.Equal(1000, Configs.Parse(json.Replace("\"calibrationMode\": true", "\"calibrationMode\": false")).Config.ToMonitorConfig().MaxCurrentSpread_mA);
            Assert.Equal(0, Configs.Parse(json.Replace("\"maxCurrentSpread_mA\": 1000", "\"maxCurrentSpread_mA\": 0")).Config.ToMonitorConfig().MaxCurrentSpread_mA);
            // A gain above the limit still leaves a check of one count, never "off".
            Assert.Equal(1, Configs.Parse(json.Replace("\"maxCurrentSpread_mA\": 1000", "\"maxCurrentSpread_mA\": 5")).Config.ToMonitorConfig().MaxCurrentSpread_mA);
        }

        [Theory]
        [InlineData("trim", 1000, 16)]
        [InlineData("mean", 1000, 16)]
        [InlineData("trim", 0, 8)]
        [InlineData("trim", 2400, 16)]
        [InlineData("mean", 500000, 4)]
        public void Provision_writes_both_keys_and_the_device_parser_reads_them_back(string mode, int spread_mA, int averaging)
        {
            ProvisionOptions o = Options();
            o.AveragingMode = mode;
            o.MaxCurrentSpread_mA = spread_mA;
            o.Averaging = averaging;
            string json = Provisioner.Provision(Configs.Boards(), o).ConfigJson;
            Assert.Contains($"\"averagingMode\": \"{mode}\"", json);
            Assert.Contains($"\"maxCurrentSpread_mA\": {spread_mA}", json);
            var (s, c, e) = Configs.Parse(json);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            MonitorConfig mc = c.ToMonitorConfig();
            Assert.Equal(mode == "mean" ? ConversionAveraging.Mean : ConversionAveraging.TrimExtremes, mc.Averaging);
            Assert.Equal(spread_mA, mc.MaxCurrentSpread_mA);
            Assert.Equal(averaging, mc.AveragingCount);
        }

        [Fact]
        public void Provision_defaults_are_the_device_library_defaults_on_every_board()
        {
            var library = new MonitorConfig();
            foreach (string board in Configs.Boards().Ids)
            {
                var (s, c, e) = Configs.Parse(Provisioner.Provision(Configs.Boards(), Options(board)).ConfigJson);
                Assert.True(s == ProvisioningStatus.Ok, board + ": " + e);
                Assert.Equal(library.Averaging, c.Averaging);
                Assert.Equal(library.MaxCurrentSpread_mA, c.MaxCurrentSpread_mA);
            }
        }

        [Theory]
        [InlineData(0, "trim", 1000, "--averaging must be 1..64 conversions per channel, got 0")]
        [InlineData(65, "trim", 1000, "--averaging must be 1..64 conversions per channel, got 65")]
        [InlineData(16, "median", 1000, "--averaging-mode must be 'trim' or 'mean', got 'median'")]
        [InlineData(16, "TRIM", 1000, "--averaging-mode must be 'trim' or 'mean', got 'TRIM'")]
        [InlineData(16, "trim", -1, "--max-current-spread-ma must be 0 (off)..500000, got -1")]
        [InlineData(16, "trim", 500001, "--max-current-spread-ma must be 0 (off)..500000, got 500001")]
        public void Provision_refuses_values_the_device_would_refuse(int averaging, string mode, int spread_mA, string expected)
        {
            ProvisionOptions o = Options();
            o.Averaging = averaging;
            o.AveragingMode = mode;
            o.MaxCurrentSpread_mA = spread_mA;
            var ex = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), o));
            Assert.Equal(expected, ex.Message);
        }

        [Fact]
        public void Calibrate_keeps_both_keys()
        {
            ProvisionOptions o = Options();
            o.CalibrationMode = true;
            o.AveragingMode = "mean";
            o.MaxCurrentSpread_mA = 3000;
            string config = Provisioner.Provision(Configs.Boards(), o).ConfigJson;
            var fits = new[] { new ChannelFit("current", 2, "two-point", 19.0, -31000, 0, 0) };
            string calibrated = ConfigCalibrationWriter.Apply(config, fits);
            var (s, c, e) = Configs.Parse(calibrated);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            Assert.False(c.CalibrationMode);
            Assert.Equal(ConversionAveraging.Mean, c.Averaging);
            Assert.Equal(3000, c.ToMonitorConfig().MaxCurrentSpread_mA);
        }
    }
}

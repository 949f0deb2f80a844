using System.IO;
using System.Linq;
using System.Text.Json;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning;
using CellVar.Bms.Provisioning.Boards;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>`cellvar provision` logic: its files must pass the device's own parser; bad input gets the stated errors.</summary>
    public class ProvisionTests
    {
        private static ProvisionOptions Options(string board, int cells, int temps = 0) => new()
        {
            MonitorId = "rig1-m01",
            Board = board,
            Cells = cells,
            TemperatureSensors = temps,
            Site = "lab",
            BrokerHost = "192.168.10.5",
            User = "rig1-m01",
            Password = "s3cret!#%",
        };

        [Theory]
        [InlineData("esp32-devkitc", 5, 0)]
        [InlineData("esp32-devkitc", 4, 1)]
        [InlineData("esp32-s3", 8, 0)]
        [InlineData("esp32-s3", 4, 4)]
        [InlineData("stm32f769i-discovery", 4, 0)]
        public void Output_is_accepted_by_the_device_parser(string boardId, int cells, int temps)
        {
            BoardCatalog catalog = Configs.Boards();
            ProvisionResult r = Provisioner.Provision(catalog, Options(boardId, cells, temps));
            var (status, cfg, err) = Configs.Parse(r.ConfigJson);
            Assert.True(status == ProvisioningStatus.Ok, err.ToString());
            Assert.Equal("rig1-m01", cfg.MonitorId);
            Assert.Equal("lab", cfg.SiteId);
            Assert.Equal("192.168.10.5", cfg.BrokerHost);
            Assert.Equal(1883, cfg.BrokerPort);
            Assert.Equal("s3cret!#%", cfg.BrokerPassword);
            Assert.Equal(cells, cfg.CellCount);
            Assert.Equal(temps, cfg.TemperatureCount);
            Assert.Equal(catalog.Get(boardId).NanoframeworkTarget, cfg.Target);
            // Every signal sits on a channel the board can read with its network on, and no channel twice.
            BoardDefinition board = catalog.Get(boardId);
            int[] used = cfg.CellChannels.Append(cfg.CurrentChannel).Concat(cfg.TemperatureChannels).ToArray();
            Assert.Equal(used.Length, used.Distinct().Count());
            foreach (int ch in used)
            {
                BoardChannel bc = board.Channels.Single(c => c.Channel == ch);
                Assert.True(bc.Usable, $"channel {ch} is not usable");
                Assert.False(board.BlockedByWifi(bc), $"channel {ch} ({bc.Unit}) is blocked by Wi-Fi");
            }
            Assert.Null(cfg.ToMonitorConfig().Validate());
            if (temps > 0)
                Assert.Equal(TemperatureSensorKind.NtcTable, cfg.TemperatureKind);
        }

        [Fact]
        public void Esp32_uses_only_adc1_channels()
        {
            ProvisionResult r = Provisioner.Provision(Configs.Boards(), Options("esp32-devkitc", 5));
            var (_, cfg, _) = Configs.Parse(r.ConfigJson);
            // DevKitC ADC1 pins that are broken out: GPIO36, 39, 32, 33, 34, 35 = logical 0, 3, 4, 5, 6, 7.
            Assert.Equal(new[] { 0, 3, 4, 5, 6, 7 }, cfg.AdcChannels);
            Assert.All(cfg.AdcChannels, ch => Assert.InRange(ch, 0, 7));
        }

        [Fact]
        public void Unknown_board_names_the_known_ones()
        {
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), Options("esp8266", 4)));
            Assert.Contains("unknown board 'esp8266'", e.Message);
            Assert.Contains("esp32-devkitc", e.Message);
            Assert.Contains("stm32f769i-discovery", e.Message);
        }

        [Theory]
        [InlineData("esp32-devkitc", 6, 0, "has 6 usable ADC channels with Wi-Fi on (ADC2 unusable)", "need 7")]
        [InlineData("esp32-devkitc", 5, 1, "has 6 usable ADC channels", "need 7")]
        [InlineData("esp32-s3", 9, 0, "has 9 usable ADC channels with Wi-Fi on", "need 10")]
        [InlineData("stm32f769i-discovery", 5, 0, "has 5 usable ADC channels (", "need 6")]
        public void More_cells_than_channels_is_refused(string board, int cells, int temps, string part1, string part2)
        {
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), Options(board, cells, temps)));
            Assert.Contains(part1, e.Message);
            Assert.Contains(part2, e.Message);
            Assert.Contains("multiplexer", e.Message);
        }

        [Fact]
        public void Adc2_channel_on_esp32_with_wifi_is_refused()
        {
            var o = Options("esp32-devkitc", 2);
            o.Channels = new[] { 0, 3, 14 }; // 14 = GPIO13 on ADC2
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), o));
            Assert.Contains("channel 14 (GPIO13) is on ADC2, which cannot be read while Wi-Fi is on", e.Message);
            Assert.Contains("0, 3, 4, 5, 6, 7", e.Message);
        }

        [Fact]
        public void Adc2_on_s3_is_refused_too()
        {
            var o = Options("esp32-s3", 1);
            o.Channels = new[] { 12, 0 };
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), o));
            Assert.Contains("is on ADC2", e.Message);
        }

        [Theory]
        [InlineData(new[] { 0, 1 }, "channel 1 (GPIO37) is not usable")]
        [InlineData(new[] { 0, 8 }, "channel 8 (internal temperature sensor) is not usable")]
        [InlineData(new[] { 0, 0 }, "channel 0 appears twice")]
        [InlineData(new[] { 0, 42 }, "channel 42 does not exist")]
        [InlineData(new[] { 0 }, "--channels lists 1 channels but 1 cells + 1 current + 0 temperature sensors need 2")]
        public void Explicit_channel_lists_are_checked(int[] channels, string expected)
        {
            var o = Options("esp32-devkitc", 1);
            o.Channels = channels;
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), o));
            Assert.Contains(expected, e.Message);
        }

        [Theory]
        [InlineData("rig 1", "--monitor 'rig 1': character ' ' is not allowed")]
        [InlineData("", "--monitor must not be empty")]
        [InlineData("a-very-long-monitor-identifier", "is longer than 24 characters")]
        public void Bad_monitor_ids_are_refused(string id, string expected)
        {
            var o = Options("stm32f769i-discovery", 2);
            o.MonitorId = id;
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), o));
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public void Passwords_the_device_cannot_read_are_refused()
        {
            var o = Options("stm32f769i-discovery", 2);
            o.Password = "pa\"ss";
            var e = Assert.Throws<ProvisioningException>(() => Provisioner.Provision(Configs.Boards(), o));
            Assert.Contains("--password", e.Message);
            Assert.Contains("without '\"' and '\\'", e.Message);
        }

        [Fact]
        public void Nominal_gains_follow_the_board_and_divider()
        {
            var o = Options("stm32f769i-discovery", 2);
            o.CellDivider = 2.0;
            o.CurrentMilliampsPerVolt = 20000;
            o.CurrentZero_mV = 1650;
            var (_, cfg, _) = Configs.Parse(Provisioner.Provision(Configs.Boards(), o).ConfigJson);
            // STM32: 3300 mV / 4095 counts = 805.86 µV per count at the pin, ×2 divider.
            double expectedCell = 3300.0 * 1000 / 4095 * 2 * 65536;
            Assert.InRange(cfg.CellGain_Q16[0], expectedCell - 1, expectedCell + 1); // Q16 rounding: ±0.5
            double expectedCurrent = 3300.0 * 1000 / 4095 * 20000 / 1e6 * 65536;
            Assert.InRange(cfg.CurrentGain_Q16, expectedCurrent - 1, expectedCurrent + 1);
            Assert.Equal(-33000, cfg.CurrentOffset_mA); // 1650 mV × 20 A/V
            // A pin at 1650 mV then reads 0 mA through the device's own calibration code (±1 count of rounding).
            int zeroCount = (int)System.Math.Round(1650.0 / (3300.0 / 4095));
            int mA = ChannelCalibration.Apply(zeroCount, 1, cfg.CurrentGain_Q16, cfg.CurrentOffset_mA);
            Assert.InRange(mA, -17, 17); // one count ≈ 16.1 mA at 20 A/V
        }

        [Fact]
        public void Ntc_table_reproduces_the_beta_curve_through_the_device_interpolation()
        {
            var o = Options("esp32-s3", 2, temps: 1);
            var (_, cfg, _) = Configs.Parse(Provisioner.Provision(Configs.Boards(), o).ConfigJson);
            BoardDefinition board = Configs.Boards().Get("esp32-s3");
            for (double t = 0; t <= 60; t += 2.5)
            {
                double counts = NtcTableBuilder.CountsAt(t, 10000, 3950, 10000, 3300, board.NominalMicrovoltsPerCount);
                int dC = NtcTable.Interpolate_dC((int)System.Math.Round(counts * 256), cfg.NtcTable_counts, cfg.NtcTable_dC);
                // 5 K table steps: chord error of the beta curve stays under 0.3 K in 0..60 °C.
                Assert.InRange(dC, t * 10 - 3, t * 10 + 3);
            }
        }

        [Fact]
        public void Nanoff_plan_has_the_target_offline_variant_and_file_deployment()
        {
            BoardDefinition board = Configs.Boards().Get("esp32-devkitc");
            var plan = new NanoffPlan(board, "rig1-m01.cellvar.json", "rig1-m01.deploy.json", "archive");
            Assert.Equal("nanoff --update --target ESP32_REV3 --serialport <PORT> --masserase", plan.FlashRuntime);
            Assert.Contains("--fromarchive --archivepath \"archive\"", plan.FlashRuntimeOffline);
            Assert.Equal("nanoff --updatearchive --target ESP32_REV3 --archivepath \"archive\"", plan.UpdateArchive);
            Assert.Equal("nanoff --nanodevice --deploy --serialport <PORT> --image \"firmware/Esp32/bin/Release/CellVar.Bms.Firmware.Esp32.bin\"", plan.DeployApp);
            Assert.Equal("nanoff --filedeployment \"rig1-m01.deploy.json\"", plan.DeployConfig);
            using JsonDocument d = JsonDocument.Parse(plan.FileDeploymentJson());
            JsonElement file = d.RootElement.GetProperty("files")[0];
            Assert.Equal(@"I:\cellvar.json", file.GetProperty("DestinationFilePath").GetString());
            Assert.Equal(Path.GetFullPath("rig1-m01.cellvar.json"), file.GetProperty("SourceFilePath").GetString());
            var stm = new NanoffPlan(Configs.Boards().Get("stm32f769i-discovery"), "a.json", "a.deploy.json", "archive");
            Assert.Equal("nanoff --update --target ST_STM32F769I_DISCOVERY --jtag --masserase", stm.FlashRuntime);
        }
    }
}

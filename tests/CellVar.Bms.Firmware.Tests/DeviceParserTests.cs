using System;
using System.Text;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>The device-side provisioning parser: every refusal has a status code, the field and the byte offset.</summary>
    public class DeviceParserTests
    {
        private static string With(string find, string replace)
        {
            Assert.Contains(find, Configs.Virtual4Cells);
            return Configs.Virtual4Cells.Replace(find, replace);
        }

        [Fact]
        public void Valid_file_fills_every_field()
        {
            var (s, c, e) = Configs.Parse(Configs.Virtual4Cells);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            Assert.Equal("rig1-m01", c.MonitorId);
            Assert.Equal("lab", c.SiteId);
            Assert.Equal("cellvar/v1", c.TopicRoot);
            Assert.Equal("127.0.0.1", c.BrokerHost);
            Assert.Equal("pw", c.BrokerPassword);
            Assert.Equal(4, c.CellCount);
            Assert.Equal(new[] { 0, 1, 2, 3 }, c.CellChannels);
            Assert.Equal(new[] { 655360, 655360, 655360, 655360 }, c.CellGain_Q16);
            Assert.Equal(4, c.CurrentChannel);
            Assert.Equal(-524288, c.CurrentOffset_mA);
            Assert.Equal(1048575, c.AdcMaxCount);
            Assert.Equal(1, c.AveragingCount);
            var mc = c.ToMonitorConfig();
            Assert.Null(mc.Validate());
            Assert.Equal(655360, mc.CellGain_Q16[2]);
        }

        [Fact]
        public void Calibration_mode_uses_one_millivolt_per_count()
        {
            var (s, c, _) = Configs.Parse(With("\"calibrationMode\": false", "\"calibrationMode\": true"));
            Assert.Equal(ProvisioningStatus.Ok, s);
            var mc = c.ToMonitorConfig();
            Assert.All(mc.CellGain_Q16, g => Assert.Equal(1000 << 16, g));
            Assert.All(mc.CellOffset_uV, o => Assert.Equal(0, o));
            Assert.Equal(65536, mc.CurrentGain_Q16);
            Assert.Equal(0, mc.CurrentOffset_mA);
        }

        [Theory]
        [InlineData("\"v\": 1", "\"v\": 2", ProvisioningStatus.Version, "v")]
        [InlineData("\"monitor\": \"rig1-m01\", ", "", ProvisioningStatus.Missing, "monitor")]
        [InlineData("\"port\": 1883", "\"port\": 1883.5", ProvisioningStatus.Type, "broker.port")]
        [InlineData("\"port\": 1883", "\"port\": 70000", ProvisioningStatus.Range, "broker.port")]
        [InlineData("\"port\": 1883", "\"port\": \"1883\"", ProvisioningStatus.Type, "broker.port")]
        [InlineData("\"host\": \"127.0.0.1\", ", "", ProvisioningStatus.Missing, "broker.host")]
        [InlineData("\"ch\": 3,", "\"ch\": 9,", ProvisioningStatus.Inconsistent, "cells[3].ch")]
        [InlineData("\"ch\": 3,", "\"ch\": 2,", ProvisioningStatus.Duplicate, "cells[3].ch")]
        [InlineData("\"ch\": 4, \"gain_Q16\": 65536", "\"ch\": 0, \"gain_Q16\": 65536", ProvisioningStatus.Duplicate, "current.ch")]
        [InlineData("\"cellCount\": 4", "\"cellCount\": 5", ProvisioningStatus.Inconsistent, "cellCount")]
        [InlineData("\"averaging\": 1", "\"averaging\": 0", ProvisioningStatus.Range, "averaging")]
        [InlineData("\"monitor\": \"rig1-m01\"", "\"monitor\": \"rig 1\"", ProvisioningStatus.Range, "monitor")]
        [InlineData("\"password\": \"pw\"", "\"password\": \"p\\\"w\"", ProvisioningStatus.Json, "broker.password")]
        [InlineData("\"frontEnd\": \"direct\"", "\"frontEnd\": \"diagonal\"", ProvisioningStatus.Range, "frontEnd")]
        [InlineData("\"site\": \"lab\",", "\"site\": \"lab\", \"site\": \"lab2\",", ProvisioningStatus.Duplicate, "site")]
        [InlineData("{ \"ch\": 0, \"gain_Q16\": 655360, \"offset_uV\": 0 }", "{ \"ch\": 0, \"gain_Q16\": 0, \"offset_uV\": 0 }", ProvisioningStatus.Range, "cells[0].gain_Q16")]
        [InlineData("{ \"ch\": 1, \"gain_Q16\": 655360, \"offset_uV\": 0 }", "{ \"ch\": 1, \"offset_uV\": 0 }", ProvisioningStatus.Missing, "cells[1].gain_Q16")]
        [InlineData("\"temperatures\": []", "\"temperatures\": [ { \"ch\": 5, \"cell\": 7 } ]", ProvisioningStatus.Inconsistent, "temperatures[0].cell")]
        [InlineData("\"adcChannels\": [0, 1, 2, 3, 4, 5]", "\"adcChannels\": 5", ProvisioningStatus.Type, "adcChannels")]
        public void Refusals_name_status_and_field(string find, string replace, ProvisioningStatus status, string field)
        {
            var (s, _, e) = Configs.Parse(With(find, replace));
            Assert.True(s == status, $"expected {status}, got {e}");
            Assert.Equal(status, e.Status);
            Assert.Equal(field, e.Field);
            Assert.False(string.IsNullOrEmpty(e.Message));
            Assert.StartsWith("E" + (int)status + " ", e.ToString());
        }

        [Fact]
        public void Offsets_point_at_the_offending_value()
        {
            string json = With("\"port\": 1883", "\"port\": 99999");
            var (_, _, e) = Configs.Parse(json);
            Assert.Equal(json.IndexOf("99999", StringComparison.Ordinal), e.Offset);
        }

        [Fact]
        public void Unknown_keys_are_skipped()
        {
            var (s, c, e) = Configs.Parse(With("\"site\": \"lab\",", "\"site\": \"lab\", \"future\": {\"x\": [1.5, true, null, \"y\"]},"));
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            Assert.Equal("lab", c.SiteId);
        }

        [Fact]
        public void Empty_and_oversized_files_are_refused()
        {
            var e = new ProvisioningError();
            Assert.Equal(ProvisioningStatus.Json, new ProvisioningParser().Parse(Array.Empty<byte>(), 0, new DeviceConfiguration(), e));
            byte[] big = new byte[DeviceConfiguration.MaxFileBytes + 1];
            Assert.Equal(ProvisioningStatus.TooLarge, new ProvisioningParser().Parse(big, big.Length, new DeviceConfiguration(), e));
            Assert.Equal(ProvisioningStatus.Json, Configs.Parse("[1,2]").Status);
            Assert.Equal(ProvisioningStatus.Json, Configs.Parse(Configs.Virtual4Cells + "x").Status);
        }

        [Fact]
        public void Every_truncation_and_seeded_corruption_gives_a_status_never_an_exception()
        {
            byte[] good = Encoding.ASCII.GetBytes(Configs.Virtual4Cells);
            var parser = new ProvisioningParser();
            var err = new ProvisioningError();
            for (int n = 1; n < good.Length; n++)
            {
                // Only whitespace may follow the closing brace; any shorter prefix must be refused.
                ProvisioningStatus s = parser.Parse(good, n, new DeviceConfiguration(), err);
                if (Configs.Virtual4Cells[..n].TrimEnd().EndsWith('}') && n >= Configs.Virtual4Cells.TrimEnd().Length)
                    continue;
                Assert.NotEqual(ProvisioningStatus.Ok, s);
            }
            var rng = new Random(20261125);
            for (int trial = 0; trial < 2000; trial++)
            {
                byte[] b = (byte[])good.Clone();
                int flips = 1 + rng.Next(3);
                for (int k = 0; k < flips; k++)
                    b[rng.Next(b.Length)] = (byte)rng.Next(256);
                ProvisioningStatus s = parser.Parse(b, b.Length, new DeviceConfiguration(), err);
                Assert.True(Enum.IsDefined(s));
                if (s != ProvisioningStatus.Ok)
                    Assert.False(string.IsNullOrEmpty(err.Message));
            }
        }
    }
}

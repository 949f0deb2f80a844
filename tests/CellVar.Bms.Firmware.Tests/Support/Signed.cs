using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>
    /// A monitor provisioned with a prior key (virtual 4-cell pack, rig1-m01) and host-side signing of its priors and
    /// configs with .NET's HMACSHA256, independent of the device's own SHA-256 code.
    /// </summary>
    internal static class Signed
    {
        public const string PriorTopic = "cellvar/v1/lab/rig1-m01/prior";
        public const string ConfigTopic = "cellvar/v1/lab/rig1-m01/config";

        public static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(7 * i + 1)).ToArray();

        private const string PriorTemplate = "{\"v\":1,\"mon\":\"rig1-m01\",\"id\":ID,\"r\":{\"loc\":LOC,\"sd\":600,\"hi\":23100,\"lo\":null},\"q\":{\"loc\":2500,\"sd\":40,\"hi\":null,\"lo\":2380},\"tr\":{\"loc\":0,\"sd\":10,\"hi\":50,\"lo\":null}}";

        /// <summary>An unsigned prior with resistance location <paramref name="loc"/> µΩ.</summary>
        public static string UnsignedPrior(int id, int loc) => PriorTemplate.Replace("ID", id.ToString()).Replace("LOC", loc.ToString());

        /// <summary>An unsigned config (4 cells, telemetry every <paramref name="tele_s"/> s).</summary>
        public static string UnsignedConfig(int id, int tele_s) => "{\"v\":1,\"mon\":\"rig1-m01\",\"id\":" + id + ",\"tele_s\":" + tele_s + ",\"cells\":4,\"hold_s\":60}";

        /// <summary>The prior signed as the host signs it (Security/README.md).</summary>
        public static string Prior(int id, int loc) => Sign("cellvar/v1 prior", UnsignedPrior(id, loc));

        /// <summary>The config signed as the host signs it.</summary>
        public static string Config(int id, int tele_s) => Sign("cellvar/v1 config", UnsignedConfig(id, tele_s));

        private static string Sign(string label, string json)
        {
            string body = json[..^1];
            string mac = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(label + "\n" + body)));
            return body + ",\"mac\":\"" + mac + "\"}";
        }

        /// <summary>The virtual 4-cell monitor with <see cref="Key"/> provisioned, booted on <paramref name="store"/>.</summary>
        public static MonitorApp App(FakeLink link, IDeviceStore store)
        {
            string json = Configs.Virtual4Cells;
            json = json.Substring(0, json.LastIndexOf('}')) + ",\"priorKey\":\"" + Convert.ToHexStringLower(Key) + "\"}";
            var (s, cfg, e) = Configs.Parse(json);
            Assert.True(s == ProvisioningStatus.Ok, e.ToString());
            var adc = new FakeAdc();
            for (int i = 0; i < 4; i++)
                adc.Counts[i] = VirtualAdc.VoltageToCounts(3_650_000);
            adc.Counts[4] = VirtualAdc.CurrentToCounts(0);
            return new MonitorApp(cfg, adc, link, store, 0);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Provisioning.Calibration
{
    /// <summary>
    /// Writes fitted gains and offsets into a device configuration file (cells[i].gain_Q16/offset_uV,
    /// current.gain_Q16/offset_mA, pack.gain_Q16/offset_uV), turns calibration mode off, and checks the result with the
    /// device's <see cref="ProvisioningParser"/>.
    /// </summary>
    public static class ConfigCalibrationWriter
    {
        /// <summary>Returns the updated file text; throws <see cref="ProvisioningException"/> when a fit names a signal the file lacks.</summary>
        public static string Apply(string configJson, IReadOnlyList<ChannelFit> fits)
        {
            JsonObject root;
            try
            {
                root = JsonNode.Parse(configJson) as JsonObject ?? throw new ProvisioningException("configuration: not a JSON object");
            }
            catch (JsonException e)
            {
                throw new ProvisioningException("configuration: not valid JSON: " + e.Message);
            }
            foreach (ChannelFit f in fits)
            {
                // Meter mV → device µV (×1000) for voltages; current stays in mA.
                bool voltage = f.Signal != "current";
                double scale = voltage ? 1000.0 : 1.0;
                int gain = ToInt(f.Slope * scale * 65536.0, f.Signal + " gain");
                int offset = ToInt(f.Intercept * scale, f.Signal + " offset");
                if (gain == 0)
                    throw new ProvisioningException($"{f.Signal}: gain rounds to 0 in Q16");
                JsonObject target;
                string offsetKey;
                if (f.Signal.StartsWith("cell", StringComparison.Ordinal))
                {
                    int index = int.Parse(f.Signal.AsSpan(4)) - 1;
                    JsonArray cells = root["cells"] as JsonArray ?? throw new ProvisioningException("configuration has no \"cells\" array");
                    if (index < 0 || index >= cells.Count)
                        throw new ProvisioningException($"{f.Signal}: the configuration has {cells.Count} cells");
                    target = cells[index] as JsonObject ?? throw new ProvisioningException($"cells[{index}] is not an object");
                    offsetKey = "offset_uV";
                }
                else
                {
                    target = root[f.Signal] as JsonObject ?? throw new ProvisioningException($"{f.Signal}: the configuration has no \"{f.Signal}\" channel");
                    offsetKey = voltage ? "offset_uV" : "offset_mA";
                }
                target["gain_Q16"] = gain;
                target[offsetKey] = offset;
            }
            root["calibrationMode"] = false;
            string text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            var error = new ProvisioningError();
            if (new ProvisioningParser().Parse(bytes, bytes.Length, new DeviceConfiguration(), error) != ProvisioningStatus.Ok)
                throw new ProvisioningException("the calibrated configuration is refused by the device parser: " + error);
            return text;
        }

        private static int ToInt(double v, string what)
        {
            double r = Math.Round(v);
            if (!(r >= int.MinValue && r <= int.MaxValue))
                throw new ProvisioningException($"{what} {v} does not fit the device's 32-bit integer");
            return (int)r;
        }
    }
}

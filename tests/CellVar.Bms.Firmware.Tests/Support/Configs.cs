using System.IO;
using System.Text;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning.Boards;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>Shared fixtures: the repository's board catalog, the device parser, and a virtual-ADC configuration.</summary>
    internal static class Configs
    {
        public static BoardCatalog Boards() => BoardCatalog.Load(Path.Combine(RepoPaths.Root, "hardware", "boards"));

        /// <summary>Runs the device-side parser exactly as the firmware does (ASCII bytes of the file).</summary>
        public static (ProvisioningStatus Status, DeviceConfiguration Config, ProvisioningError Error) Parse(string json)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(json);
            var cfg = new DeviceConfiguration();
            var err = new ProvisioningError();
            ProvisioningStatus s = new ProvisioningParser().Parse(bytes, bytes.Length, cfg, err);
            return (s, cfg, err);
        }

        /// <summary>
        /// A 4-cell file for the 20-bit virtual ADC (10 µV/count, current 1 mA/count around 524288), so the firmware's
        /// main loop can run on the host with the library's own VirtualAdc conventions.
        /// </summary>
        public const string Virtual4Cells = """
            {
              "v": 1, "monitor": "rig1-m01", "site": "lab", "topicRoot": "cellvar/v1", "board": "virtual", "target": "host",
              "broker": { "host": "127.0.0.1", "port": 1883, "tls": false, "user": "rig1-m01", "password": "pw" },
              "sample_ms": 1000, "tele_s": 10, "averaging": 1, "adcMax": 1048575, "frontEnd": "direct",
              "adcChannels": [0, 1, 2, 3, 4, 5], "calibrationMode": false, "cellCount": 4,
              "cells": [
                { "ch": 0, "gain_Q16": 655360, "offset_uV": 0 },
                { "ch": 1, "gain_Q16": 655360, "offset_uV": 0 },
                { "ch": 2, "gain_Q16": 655360, "offset_uV": 0 },
                { "ch": 3, "gain_Q16": 655360, "offset_uV": 0 }
              ],
              "current": { "ch": 4, "gain_Q16": 65536, "offset_mA": -524288 },
              "temperatureKind": "ntc",
              "temperatures": []
            }
            """;
    }
}

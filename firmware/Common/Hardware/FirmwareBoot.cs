using System;
using System.Device.Adc;
using System.Threading;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Provisioning;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>
    /// Boot sequence shared by the ESP32 and STM32 apps: golden-vector self-test, provisioning file, channel check,
    /// ADC, MQTT link, then the measurement loop. A missing or invalid file is reported on the console every 10 s
    /// (the monitor cannot reach a broker without it) instead of crashing into a reboot loop.
    /// </summary>
    public static class FirmwareBoot
    {
        /// <summary>Runs the monitor; never returns.</summary>
        public static void Run(BoardProfile board)
        {
            int selfTest = BootSelfTest.Run();
            Console.WriteLine("cellvar " + FirmwareInfo.Version + " (" + board.Family + "): self-test " + (selfTest == 0 ? "passed" : selfTest.ToString() + " case(s) FAILED"));
            DeviceConfiguration cfg = new DeviceConfiguration();
            string problem = LoadConfiguration(board, cfg);
            while (problem != null)
            {
                Console.WriteLine("cellvar: not provisioned: " + problem);
                Thread.Sleep(10000);
                problem = LoadConfiguration(board, cfg);
            }
            AdcChannelReader adc = new AdcChannelReader(new AdcController(), cfg.AdcChannels);
            if (adc.OpenFailures > 0)
                Console.WriteLine("cellvar: " + adc.OpenFailures.ToString() + " ADC channel(s) could not be opened; their samples will be flagged");
            M2MqttLink client = new M2MqttLink(cfg.BrokerHost, cfg.BrokerPort, cfg.BrokerTls, cfg.MonitorId, cfg.BrokerUser, cfg.BrokerPassword);
            MqttSession link = M2MqttLink.CreateSession(client);
            MonitorApp app = new MonitorApp(cfg, adc, link, new FlashDeviceStore(board.PriorPath, board.HostConfigPath), selfTest);
            client.SetWill(app.Link.StateTopic, app.Link.WillPayload, app.Link.WillPayloadLength);
            link.Start();
            Console.WriteLine("cellvar: monitor " + cfg.MonitorId + ", " + cfg.CellCount.ToString() + " cells, broker " + cfg.BrokerHost + ":" + cfg.BrokerPort.ToString());
            ReportRestore(board.PriorPath, app.PriorRestore, app.PriorRestoreError);
            ReportRestore(board.HostConfigPath, app.ConfigRestore, app.ConfigRestoreError);
            app.RunForever(new MonotonicClock());
        }

        // A damaged copy is not fatal (defaults apply and the broker's retained copy replaces it) but must not pass silently.
        private static void ReportRestore(string path, RestoreOutcome outcome, DecodeStatus error)
        {
            if (outcome == RestoreOutcome.Restored)
                Console.WriteLine("cellvar: " + path + " restored");
            else if (outcome == RestoreOutcome.Unreadable)
                Console.WriteLine("cellvar: " + path + " cannot be read; defaults apply until the host sends a new one");
            else if (outcome == RestoreOutcome.Rejected)
                Console.WriteLine("cellvar: " + path + " refused (status " + ((int)error).ToString() + "); defaults apply until the host sends a new one");
        }

        /// <summary>Reads and parses the provisioning file; returns null when usable, else the reason.</summary>
        public static string LoadConfiguration(BoardProfile board, DeviceConfiguration into)
        {
            byte[] file = new byte[DeviceConfiguration.MaxFileBytes];
            int n = DeviceFiles.ReadAll(board.ConfigPath, file);
            if (n == DeviceFiles.Missing)
                return board.ConfigPath + " is missing: deploy it with nanoff --filedeployment (cellvar provision prints the command)";
            if (n == DeviceFiles.TooLarge)
                return board.ConfigPath + " is larger than " + DeviceConfiguration.MaxFileBytes.ToString() + " bytes";
            if (n < 0)
                return board.ConfigPath + " exists but cannot be read";
            ProvisioningError error = new ProvisioningError();
            if (new ProvisioningParser().Parse(file, n, into, error) != ProvisioningStatus.Ok)
                return board.ConfigPath + ": " + error.ToString();
            string blocked = ChannelGuard.Check(into, board.FirstBlockedChannel);
            return blocked == null ? null : board.ConfigPath + ": " + blocked;
        }
    }
}

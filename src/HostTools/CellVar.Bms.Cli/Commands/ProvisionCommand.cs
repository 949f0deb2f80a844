using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using CellVar.Bms.OnDevice.Provisioning;
using CellVar.Bms.Provisioning;
using CellVar.Bms.Provisioning.Boards;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar provision</c>: writes the device configuration file for one monitor (format read by
    /// src/OnDevice/Provisioning on the device), the nanoff file-deployment JSON, and prints the nanoff commands.
    /// </summary>
    internal static class ProvisionCommand
    {
        public static Command Create()
        {
            var monitor = new Option<string>("--monitor") { Description = "Monitor id (A-Z a-z 0-9 _ . -, at most 24).", Required = true };
            var board = new Option<string>("--board") { Description = "Board id from hardware/boards (esp32-devkitc, esp32-s3, stm32f769i-discovery).", Required = true };
            var cells = new Option<int>("--cells") { Description = "Series cells to monitor.", Required = true };
            var site = new Option<string>("--site") { Description = "Site id (topic level).", DefaultValueFactory = _ => "lab" };
            var broker = new Option<string>("--broker") { Description = "Broker host[:port] (port defaults to 1883, or 8883 with --tls).", DefaultValueFactory = _ => "cellvar-host.local" };
            var tls = new Option<bool>("--tls") { Description = "Connect to the broker with TLS 1.2." };
            var user = new Option<string>("--user") { Description = "MQTT user name.", DefaultValueFactory = _ => "" };
            var password = new Option<string>("--password") { Description = "MQTT password (stored in the device file; printable ASCII without quotes or backslashes).", DefaultValueFactory = _ => "" };
            var topicRoot = new Option<string>("--topic-root") { Description = "MQTT topic root.", DefaultValueFactory = _ => "cellvar/v1" };
            var temps = new Option<int>("--temps") { Description = "NTC temperature sensors (one ADC channel each).", DefaultValueFactory = _ => 0 };
            var frontEnd = new Option<string>("--front-end") { Description = "direct (a difference amplifier per cell) or stacked (tap dividers).", DefaultValueFactory = _ => "direct" };
            var divider = new Option<double>("--cell-divider") { Description = "Cell (or tap) volts per pin volt: 2 for a gain-0.5 amplifier.", DefaultValueFactory = _ => 2.0 };
            var currentK = new Option<double>("--current-ma-per-v") { Description = "Shunt amplifier: mA of pack current per V at the pin.", DefaultValueFactory = _ => 20000 };
            var currentZero = new Option<double>("--current-zero-mv") { Description = "Pin mV at zero current.", DefaultValueFactory = _ => 1650 };
            var channels = new Option<string?>("--channels") { Description = "Explicit ADC channels, comma separated: cells, then current, then NTCs." };
            var calMode = new Option<bool>("--calibration-mode") { Description = "Telemetry shows raw counts (cell mV = averaged count) for `cellvar calibrate`." };
            var sample = new Option<int>("--sample-ms") { Description = "Measurement period, ms.", DefaultValueFactory = _ => 1000 };
            var averaging = new Option<int>("--averaging") { Description = "ADC conversions per channel per sample, 1..64.", DefaultValueFactory = _ => 16 };
            var averagingMode = new Option<string>("--averaging-mode") { Description = "trim (drop the lowest and highest conversion: one glitch never reaches the sample) or mean (glitch-free front ends only).", DefaultValueFactory = _ => DeviceConfiguration.AveragingModeTrim };
            var maxSpread = new Option<int>("--max-current-spread-ma") { Description = "Drop a current sample whose kept conversions spread over more than this (mA, 0 = off; with trim and >= 4 conversions). Set >= 6x the current sensor's per-conversion noise sigma (hardware/README.md).", DefaultValueFactory = _ => ProvisionOptions.DefaultMaxCurrentSpread_mA };
            var output = new Option<string?>("--out") { Description = "Configuration file to write (default <monitor>.cellvar.json)." };
            var boards = new Option<string?>("--boards") { Description = "Board definition folder (default: hardware/boards above the current directory)." };
            var archive = new Option<string>("--archive") { Description = "Folder for the offline firmware archive.", DefaultValueFactory = _ => "nanoff-archive" };
            var noKey = new Option<bool>("--no-prior-key") { Description = "Do not generate a prior-signing key (the monitor then accepts unsigned priors; test rigs only)." };
            var keysFile = new Option<string?>("--prior-keys") { Description = "Host keys file to add this monitor's key to (lines 'monitor-id hexkey', for `cellvar serve --prior-keys`); default prior-keys.txt beside the output." };
            var cmd = new Command("provision", "Write a monitor's device configuration and print the nanoff commands to flash it.");
            foreach (Option o in new Option[] { monitor, board, cells, site, broker, tls, user, password, topicRoot, temps, frontEnd, divider, currentK, currentZero, channels, calMode, sample, averaging, averagingMode, maxSpread, output, boards, archive, noKey, keysFile })
                cmd.Options.Add(o);
            cmd.SetAction(parse =>
            {
                var err = parse.InvocationConfiguration.Error;
                var o = parse.InvocationConfiguration.Output;
                try
                {
                    string dir = parse.GetValue(boards) ?? BoardCatalog.FindDefaultDirectory(Directory.GetCurrentDirectory())
                        ?? throw new ProvisioningException("hardware/boards not found above the current directory; pass --boards DIR");
                    BoardCatalog catalog = BoardCatalog.Load(dir);
                    (string host, int? port) = SplitBroker(parse.GetValue(broker)!);
                    var options = new ProvisionOptions
                    {
                        MonitorId = parse.GetValue(monitor)!,
                        Board = parse.GetValue(board)!,
                        Cells = parse.GetValue(cells),
                        Site = parse.GetValue(site)!,
                        BrokerHost = host,
                        BrokerPort = port,
                        Tls = parse.GetValue(tls),
                        User = parse.GetValue(user)!,
                        Password = parse.GetValue(password)!,
                        TopicRoot = parse.GetValue(topicRoot)!,
                        TemperatureSensors = parse.GetValue(temps),
                        FrontEnd = parse.GetValue(frontEnd)!,
                        CellDivider = parse.GetValue(divider),
                        CurrentMilliampsPerVolt = parse.GetValue(currentK),
                        CurrentZero_mV = parse.GetValue(currentZero),
                        Channels = ParseChannels(parse.GetValue(channels)),
                        CalibrationMode = parse.GetValue(calMode),
                        SamplePeriod_ms = parse.GetValue(sample),
                        Averaging = parse.GetValue(averaging),
                        AveragingMode = parse.GetValue(averagingMode)!,
                        MaxCurrentSpread_mA = parse.GetValue(maxSpread),
                        PriorKey = parse.GetValue(noKey) ? null : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
                    };
                    ProvisionResult r = Provisioner.Provision(catalog, options);
                    string outFile = parse.GetValue(output) ?? options.MonitorId + ".cellvar.json";
                    string deployFile = Path.ChangeExtension(outFile, null) + ".deploy.json";
                    var plan = new NanoffPlan(r.Board, outFile, deployFile, parse.GetValue(archive)!);
                    File.WriteAllText(outFile, r.ConfigJson);
                    File.WriteAllText(deployFile, plan.FileDeploymentJson());
                    string? hostKeys = null;
                    if (options.PriorKey != null)
                    {
                        hostKeys = parse.GetValue(keysFile) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outFile))!, "prior-keys.txt");
                        UpsertKey(hostKeys, options.MonitorId, options.PriorKey);
                    }

                    o.WriteLine($"board     {r.Board.Id}: {r.Board.Name}");
                    o.WriteLine($"target    {r.Board.NanoframeworkTarget}" + (r.Board.TargetNotes != null ? $"  ({r.Board.TargetNotes})" : ""));
                    o.WriteLine($"channels  cells {string.Join(" ", r.Channels.Cells.Select((c, i) => $"{i + 1}:{Pin(r.Board, c)}"))}");
                    o.WriteLine($"          current {Pin(r.Board, r.Channels.Current)}" + (r.Channels.Temperatures.Count > 0 ? $"  ntc {string.Join(" ", r.Channels.Temperatures.Select(c => Pin(r.Board, c)))}" : ""));
                    o.WriteLine($"sampling  {Sampling(options)}");
                    if (options.CalibrationMode)
                        o.WriteLine("mode      CALIBRATION: telemetry cell mV = averaged raw counts; run `cellvar calibrate` next");
                    o.WriteLine($"wrote     {outFile} (device path {r.Board.Storage.ConfigPath})");
                    o.WriteLine($"wrote     {deployFile} (nanoff --filedeployment; replace {NanoffPlan.PortPlaceholder} with the serial port)");
                    if (hostKeys != null)
                        o.WriteLine($"key       new 32-byte prior-signing key in the device file (priorKey); host copy added to {hostKeys}: " +
                                    $"copy it to the host and run `cellvar serve --prior-keys {Path.GetFileName(hostKeys)}` (keep both files secret)");
                    else
                        o.WriteLine("key       none (--no-prior-key): this monitor accepts unsigned priors; do not use in production");
                    o.WriteLine();
                    o.WriteLine($"# 1. build the app: msbuild {r.Board.FirmwareProject} -p:Configuration=Release (see firmware/README.md)");
                    o.WriteLine("# 2. flash, deploy, configure (online):");
                    foreach (string line in plan.Online) o.WriteLine(line);
                    o.WriteLine("# offline: on a connected machine first run");
                    o.WriteLine(plan.UpdateArchive);
                    o.WriteLine("# then at the bench:");
                    foreach (string line in plan.Offline) o.WriteLine(line);
                    return 0;
                }
                catch (ProvisioningException e)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
                catch (IOException e)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
            });
            return cmd;
        }

        // Adds or replaces the monitor's line, so re-provisioning a monitor rotates its key on the host too.
        private static void UpsertKey(string path, string monitorId, byte[] key)
        {
            var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : new List<string> { "# monitor-id hexkey  (cellvar serve --prior-keys; keep secret)" };
            lines.RemoveAll(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } p && p[0] == monitorId);
            lines.Add(monitorId + " " + Convert.ToHexStringLower(key));
            File.WriteAllLines(path, lines);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        private static string Sampling(ProvisionOptions o)
        {
            bool trim = o.AveragingMode == DeviceConfiguration.AveragingModeTrim && o.Averaging >= 4;
            string how = trim ? $"trimmed mean (middle {o.Averaging - 2})" : "plain mean";
            string spread = !trim ? "current-spread check inactive (needs trim and >= 4 conversions)"
                : o.MaxCurrentSpread_mA == 0 ? "current-spread check off" : $"current samples spreading over {o.MaxCurrentSpread_mA} mA dropped";
            return $"{o.Averaging} conversions per channel, {how}; {spread}";
        }

        private static string Pin(BoardDefinition b, int channel) =>
            $"ch{channel}({b.Channels.FirstOrDefault(c => c.Channel == channel)?.Pin ?? "?"})";

        private static (string Host, int? Port) SplitBroker(string value)
        {
            int colon = value.LastIndexOf(':');
            if (colon < 0)
                return (value, null);
            if (!int.TryParse(value.AsSpan(colon + 1), out int port) || port < 1 || port > 65535)
                throw new ProvisioningException($"--broker '{value}': port must be 1..65535");
            return (value[..colon], port);
        }

        private static int[]? ParseChannels(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
                return null;
            string[] parts = value.Split(',');
            var result = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i].Trim(), out result[i]))
                    throw new ProvisioningException($"--channels entry {i + 1} '{parts[i].Trim()}' is not an integer");
            }
            return result;
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using CellVar.Bms.Provisioning.Boards;

namespace CellVar.Bms.Provisioning
{
    /// <summary>
    /// The exact nanoff command lines for one board (nanoFirmwareFlasher README: --update/--target, --nanodevice --deploy,
    /// --filedeployment, --updatearchive/--fromarchive) and the file-deployment JSON that puts the configuration on I:.
    /// </summary>
    public sealed class NanoffPlan
    {
        /// <summary>Placeholder the technician replaces with the serial port (COM5, /dev/ttyUSB0).</summary>
        public const string PortPlaceholder = "<PORT>";

        /// <summary>Builds the plan for <paramref name="board"/>; <paramref name="configFile"/> and <paramref name="deployFile"/> are host paths.</summary>
        public NanoffPlan(BoardDefinition board, string configFile, string deployFile, string archiveDir)
        {
            Board = board;
            ConfigFile = configFile;
            DeployFile = deployFile;
            ArchiveDir = archiveDir;
            string project = Path.GetFileNameWithoutExtension(board.FirmwareProject);
            AppImage = Path.Combine(Path.GetDirectoryName(board.FirmwareProject) ?? "firmware", "bin", "Release", project + ".bin").Replace('\\', '/');
        }

        /// <summary>The board.</summary>
        public BoardDefinition Board { get; }
        /// <summary>Device configuration file on the host.</summary>
        public string ConfigFile { get; }
        /// <summary>nanoff file-deployment JSON on the host.</summary>
        public string DeployFile { get; }
        /// <summary>Firmware archive folder for offline flashing.</summary>
        public string ArchiveDir { get; }
        /// <summary>Deployment image produced by building the board's nfproj.</summary>
        public string AppImage { get; }

        private string Connection => Board.Family == "stm32" ? "--jtag" : "--serialport " + PortPlaceholder;

        /// <summary>Flash the nanoFramework runtime for the board's target (online).</summary>
        public string FlashRuntime => $"nanoff --update --target {Board.NanoframeworkTarget} {Connection} --masserase";
        /// <summary>Download the runtime into an archive while online (run once on a connected machine).</summary>
        public string UpdateArchive => $"nanoff --updatearchive --target {Board.NanoframeworkTarget} --archivepath \"{ArchiveDir}\"";
        /// <summary>Flash the runtime from the archive without internet.</summary>
        public string FlashRuntimeOffline => $"nanoff --update --target {Board.NanoframeworkTarget} {Connection} --masserase --fromarchive --archivepath \"{ArchiveDir}\"";
        /// <summary>Deploy the application image over the debug connection (reads the deployment address from the device).</summary>
        public string DeployApp => $"nanoff --nanodevice --deploy --serialport {PortPlaceholder} --image \"{AppImage}\"";
        /// <summary>
        /// Write the configuration file to the device's internal drive (the serial port is inside the JSON; nanoff 2.5
        /// may still print "No operation was performed" afterwards, nanoframework/Home#1603: the copy has been done).
        /// </summary>
        public string DeployConfig => $"nanoff --filedeployment \"{DeployFile}\"";

        /// <summary>All steps in order, online.</summary>
        public IReadOnlyList<string> Online => [FlashRuntime, DeployApp, DeployConfig];
        /// <summary>All steps in order, offline (after <see cref="UpdateArchive"/> on a connected machine).</summary>
        public IReadOnlyList<string> Offline => [FlashRuntimeOffline, DeployApp, DeployConfig];

        /// <summary>The nanoff --filedeployment JSON: copy the configuration to the board's config path.</summary>
        public string FileDeploymentJson()
        {
            var doc = new
            {
                serialport = PortPlaceholder,
                files = new[] { new { DestinationFilePath = Board.Storage.ConfigPath, SourceFilePath = Path.GetFullPath(ConfigFile) } },
            };
            return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace CellVar.Bms.DeviceRules.Tests.Snippets
{
    /// <summary>Paths the build passes in as assembly metadata: the nano device assembly and nanoFramework's mscorlib.</summary>
    internal static class BuildPaths
    {
        private const string CoreLibraryId = "nanoFramework.CoreLibrary";

        /// <summary>src/OnDevice/Nano/bin/&lt;Configuration&gt;/netstandard2.0/CellVar.Bms.OnDevice.dll of this build.</summary>
        public static string NanoDeviceAssembly => Metadata("NanoAssemblyPath");

        /// <summary>
        /// The mscorlib.dll the nano build compiled against: found through the nano project's restore output
        /// (project.assets.json names the package folder and version), else through this project's NuGet package root.
        /// </summary>
        public static string NanoMscorlib => MscorlibLazy.Value;

        private static readonly Lazy<string> MscorlibLazy = new(FindMscorlib);

        private static string Metadata(string key) =>
            typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException("Assembly metadata " + key + " missing; see the test csproj.");

        private static string FindMscorlib()
        {
            string assets = Metadata("NanoAssetsFile");
            if (File.Exists(assets))
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(assets));
                JsonElement root = doc.RootElement;
                string? libPath = null;
                foreach (JsonProperty lib in root.GetProperty("libraries").EnumerateObject())
                    if (lib.Name.StartsWith(CoreLibraryId + "/", StringComparison.OrdinalIgnoreCase))
                        libPath = lib.Value.GetProperty("path").GetString();
                if (libPath != null)
                    foreach (JsonProperty folder in root.GetProperty("packageFolders").EnumerateObject())
                    {
                        string candidate = Path.Combine(folder.Name, libPath, "lib", "mscorlib.dll");
                        if (File.Exists(candidate)) return candidate;
                    }
            }
            string fallback = Path.Combine(Metadata("NuGetPackageRoot"), CoreLibraryId.ToLowerInvariant(), "1.17.11", "lib", "mscorlib.dll");
            if (File.Exists(fallback)) return fallback;
            throw new FileNotFoundException(
                "nanoFramework mscorlib.dll not found via " + assets + " nor at " + fallback + "; build src/OnDevice/Nano first.");
        }
    }
}

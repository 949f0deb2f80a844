using System.Collections.Concurrent;
using System.IO;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Rig.Tests
{
    /// <summary>The example rig logs shipped in src/HostTools/examples (read once per test run).</summary>
    internal static class ExampleLogs
    {
        public static string Folder => Path.Combine(RepoPaths.Root, "src", "HostTools", "examples");

        public static string PathOf(string scenario) => Path.Combine(Folder, $"rig-{scenario}-16s.csv");

        private static readonly ConcurrentDictionary<string, RigLog> Cache = new();

        public static RigLog Load(string scenario) => Cache.GetOrAdd(scenario, s => RigLogReader.ReadFile(PathOf(s)));
    }
}

using System;
using System.IO;

namespace CellVar.Bms.Tests.Common
{
    /// <summary>Locates the repository root, its test data and the shared reference data beside it.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> RootLazy = new(FindRoot);

        /// <summary>The folder holding CellVar.Bms.sln.</summary>
        public static string Root => RootLazy.Value;

        /// <summary>tests/ under the repository root.</summary>
        public static string Tests => Path.Combine(Root, "tests");

        /// <summary>
        /// ../shared/data beside the checkout (CI lays a copy of shared/ next to the clone).
        /// Set CELLVAR_SHARED to override.
        /// </summary>
        public static string SharedData
        {
            get
            {
                string? env = Environment.GetEnvironmentVariable("CELLVAR_SHARED");
                string shared = string.IsNullOrEmpty(env) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : env;
                string data = Path.Combine(shared, "data");
                if (!Directory.Exists(data))
                    throw new DirectoryNotFoundException($"Shared data not found at {data}; set CELLVAR_SHARED to the shared/ folder.");
                return data;
            }
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CellVar.Bms.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("CellVar.Bms.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

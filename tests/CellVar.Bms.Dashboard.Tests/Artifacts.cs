using System;
using System.IO;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Dashboard.Tests
{
    /// <summary>
    /// Where the browser tests put screenshots and the responsiveness table: the test output directory by default, so
    /// `dotnet test` leaves the git tree clean; the committed <c>screenshots/</c> folder only when
    /// <c>CELLVAR_UPDATE_SCREENSHOTS=1</c> asks for it (after a UI change).
    /// </summary>
    internal static class Artifacts
    {
        /// <summary>Set to <c>1</c> to overwrite the committed screenshots.</summary>
        public const string UpdateVariable = "CELLVAR_UPDATE_SCREENSHOTS";

        /// <summary>The committed folder the README links to.</summary>
        public static string CommittedDirectory => Path.Combine(RepoPaths.Tests, "CellVar.Bms.Dashboard.Tests", "screenshots");

        /// <summary>The folder to write to in this run.</summary>
        public static string Directory => Resolve(Environment.GetEnvironmentVariable(UpdateVariable));

        /// <summary><see cref="Directory"/> for a given value of <see cref="UpdateVariable"/>.</summary>
        internal static string Resolve(string? update) =>
            update == "1" ? CommittedDirectory : Path.Combine(AppContext.BaseDirectory, "screenshots");
    }
}

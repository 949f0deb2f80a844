using System;
using System.IO;

namespace CellVar.Bms.Dashboard.Tests
{
    /// <summary>A plain test run must not rewrite the committed screenshots.</summary>
    public sealed class ArtifactsTests
    {
        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("0")]
        [InlineData("true")]   // only the documented value opts in
        public void ByDefault_ArtifactsGoToTheTestOutput_NotTheCommittedFolder(string? update)
        {
            string dir = Artifacts.Resolve(update);
            Assert.NotEqual(Path.GetFullPath(Artifacts.CommittedDirectory), Path.GetFullPath(dir));
            Assert.StartsWith(Path.GetFullPath(AppContext.BaseDirectory), Path.GetFullPath(dir));
        }

        [Fact]
        public void UpdateVariable_WritesTheCommittedFolder() =>
            Assert.Equal(Path.GetFullPath(Artifacts.CommittedDirectory), Path.GetFullPath(Artifacts.Resolve("1")));
    }
}

using System.IO;
using System.Linq;
using CellVar.Bms.Evaluation.Scenarios;
using CellVar.Bms.Evaluation.Suites;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Evaluation.Tests
{
    public class SuiteReaderTests
    {
        internal static string StandardSuitePath => Path.Combine(RepoPaths.Root, "src", "HostTools", "examples", "suites", "standard.json");

        [Fact]
        public void ShippedSuiteCoversEveryScenarioKindTheIssueAsksFor()
        {
            SuiteDefinition s = SuiteReader.ReadFile(StandardSuitePath);
            var kinds = s.Scenarios.Select(x => x.Kind).ToHashSet();
            foreach (ScenarioKind k in System.Enum.GetValues<ScenarioKind>()) Assert.Contains(k, kinds);
            ScenarioDefinition step = s.Scenarios.Single(x => x.Kind == ScenarioKind.WeldStep);
            Assert.Equal([0.02, 0.05, 0.10, 0.50, 9.0], step.Sizes);
            Assert.NotNull(s.Detectability);
            Assert.Equal([1.0, 10.0], s.Detectability!.Noise_mV);
        }

        [Theory]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[{\"kind\":\"weld_step\",\"sizes\":[0.05]}],\"seedz\":3}", "$.seedz")]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[{\"kind\":\"weld_stp\"}]}", "$.scenarios[0].kind")]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[{\"kind\":\"weld_step\",\"sizes\":[0.05,-1]}]}", "$.scenarios[0].sizes[1]")]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"cells\":2,\"scenarios\":[{\"kind\":\"healthy\"}]}", "$.cells")]
        [InlineData("{\"format\":\"other\",\"version\":1,\"scenarios\":[{\"kind\":\"healthy\"}]}", "$.format")]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[]}", "$.scenarios")]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[{\"kind\":\"healthy\"},{\"kind\":\"healthy\"}]}", "$.scenarios[1].name")]
        [InlineData("{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[{\"kind\":\"healthy\"}],\"detectability\":{\"noise_mV\":[1,2],\"noise_labels\":[\"a\"]}}", "$.detectability.noise_labels")]
        public void BadSuitesAreRejectedNamingTheJsonPath(string json, string path)
        {
            var e = Assert.Throws<SuiteFormatException>(() => SuiteReader.Parse(json, "t.json"));
            Assert.Equal(path, e.Path);
            Assert.StartsWith("t.json: " + path, e.Message);
        }

        [Fact]
        public void BrokenJsonNamesTheLine()
        {
            var e = Assert.Throws<SuiteFormatException>(() => SuiteReader.Parse("{\n\"format\": \"cellvar-suite\",\n\"version\": 1,,\n}", "b.json"));
            Assert.Contains("line 3", e.Message);
        }
    }
}

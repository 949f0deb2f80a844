using CellVar.Bms.Inference;
using CellVar.Bms.Inference.Sensitivity;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Spec-reader crashes the fuzzer found (wrong JSON types escaping as InvalidOperationException/FormatException),
/// since fixed; kept as regression tests with the exact inputs.
/// </summary>
public class SpecFindingsTests
{
    [Theory]
    [InlineData("\"NegativeTortuosity\"")]
    [InlineData("[]")]
    [InlineData("42")]
    public void SensitivitySpec_TopLevelNotAnObject_IsInvalidInputException(string json)
    {
        Assert.Throws<InvalidInputException>(() => SensitivitySpec.Parse(json, "fuzz-input"));
    }

    [Theory]
    [InlineData("4.9e-324")]
    [InlineData("1.5")]
    public void SensitivitySpec_NonIntegerSamples_IsInvalidInputException(string samples)
    {
        string json = File.ReadAllText(Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "sensitivity-linear-correlated.json"));
        json = System.Text.RegularExpressions.Regex.Replace(json, "\"samples\"\\s*:\\s*[0-9]+", "\"samples\": " + samples);
        Assert.Contains("\"samples\": " + samples, json);
        Assert.Throws<InvalidInputException>(() => SensitivitySpec.Parse(json, "fuzz-input"));
    }

    [Theory]
    [InlineData("\"correlations\": 0.6, \"\": [")]
    [InlineData("\"correlations\": {}, \"\": [")]
    public void PopulationSpec_CorrelationsNotAnArray_IsSpecException(string replacement)
    {
        string json = File.ReadAllText(Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "population.json"));
        Assert.Contains("\"correlations\": [", json);
        json = json.Replace("\"correlations\": [", replacement);
        Assert.Throws<CellVar.Bms.Population.Spec.SpecException>(() => CellVar.Bms.Population.Spec.PopulationSpecReader.Parse(json, "fuzz-input"));
    }
}

using System;
using System.Linq;
using CellVar.Bms.Inference.Sensitivity;

namespace CellVar.Bms.Inference.Tests.Sensitivity
{
    public class SpecTests
    {
        [Theory]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""a"", ""distribution"": ""cauchy"" } ], ""model"": { ""type"": ""linear"", ""coefficients"": [1] } }", "distribution 'cauchy'")]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""a"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": -1 } ], ""model"": { ""type"": ""linear"", ""coefficients"": [1] } }", "sd = -1 must be > 0")]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""a"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 1 } ], ""model"": { ""type"": ""linear"", ""coefficients"": [1, 2] } }", "2 entries but there are 1 inputs")]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""a"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 1 } ], ""model"": { ""type"": ""ishigami"" } }", "takes 3 inputs")]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""a"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 1 }, { ""name"": ""b"", ""distribution"": ""normal"", ""mean"": 0, ""sd"": 1 } ],
                       ""correlation"": [[1, 0.5], [0.4, 1]], ""model"": { ""type"": ""linear"", ""coefficients"": [1, 1] } }", "not symmetric")]
        [InlineData(@"{ ""inputs"": [ ], ""model"": { ""type"": ""linear"", ""coefficients"": [] } }", "no inputs")]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""NotAParameter"", ""distribution"": ""normal"", ""mean"": 1, ""sd"": 0.1 } ], ""model"": { ""type"": ""cell"", ""output"": ""capacity"" } }", "not a cell parameter")]
        [InlineData(@"{ ""inputs"": [ { ""name"": ""a"" ", "not valid JSON")]
        public void BadSpecsAreExplained(string json, string expected)
        {
            var ex = Assert.Throws<InvalidInputException>(() => SensitivitySpec.Parse(json));
            Assert.Contains(expected, ex.Problem);
            Assert.False(string.IsNullOrWhiteSpace(ex.Fix));
        }

        [Fact]
        public void CellModelShapleyRanksTheWidestInputFirstAndSumsToOne()
        {
            // Pulse resistance of the SPMe vs the negative exchange-current prefactor (±30 % log sd) and the separator
            // thickness (±1 %): the kinetic term dominates a 10 s pulse, so its effect must be the larger one.
            string spec = @"{ ""inputs"": [
                { ""name"": ""NegativeExchangeCurrentCoefficient"", ""distribution"": ""lognormal"", ""median"": 6.48e-7, ""sigma_log"": 0.3 },
                { ""name"": ""SeparatorThickness_m"", ""distribution"": ""normal"", ""mean"": 12e-6, ""sd"": 0.12e-6 } ],
              ""model"": { ""type"": ""cell"", ""model"": ""spme"", ""output"": ""pulse_resistance"" } }";
            SensitivitySpec s = SensitivitySpec.Parse(spec);
            ShapleyResult r = ShapleyAnalysis.Run(s.Space, s.Model, new ShapleyOptions(300, 0, 200, 3, Exact: true), seed: 4);
            Assert.Equal(1.0, r.Effects.Sum(), 10);
            Assert.True(r.Effects[0] > r.Effects[1] + 3 * (r.StandardErrors[0] + r.StandardErrors[1]), string.Join(", ", r.Effects));
            Assert.True(r.OutputVariance > 0);
        }
    }
}

using CellVar.Bms.Population.Distributions;
using CellVar.Bms.Population.Spec;

namespace CellVar.Bms.Population.Tests
{
    public class SpecReaderTests
    {
        internal static string Var(string name, string parameter, string dist, string fractions = "") =>
            $"{{\"name\":\"{name}\",\"parameter\":\"{parameter}\",\"distribution\":{dist}{(fractions.Length > 0 ? ",\"variance_fractions\":" + fractions : "")}}}";

        internal static string Spec(string vars, string correlations = "[]", string hierarchy = "{\"cells_per_module\":5,\"modules_per_lot\":5}") =>
            $"{{\"name\":\"t\",\"parameter_set\":\"chen2020\",\"hierarchy\":{hierarchy},\"variables\":[{vars}],\"correlations\":{correlations}}}";

        [Fact]
        public void ShippedExampleParses()
        {
            var spec = PopulationSpecReader.ReadFile(System.IO.Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "population.json"));
            Assert.True(spec.Variables.Count >= 8);
            Assert.Contains(spec.Variables, v => v.Marginal is DefectMixtureMarginal);
        }

        [Fact]
        public void UnknownParameterNameIsNamed()
        {
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(Var("a", "NegativeElectrodeThicknes_m", "{\"family\":\"normal\",\"mean\":85e-6,\"sd\":1e-6}"))));
            Assert.Contains("NegativeElectrodeThicknes_m", e.Message);
            Assert.Contains("variables[0]", e.Message);
        }

        [Fact]
        public void NegativeThicknessIsImpossible()
        {
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(Var("a", "SeparatorThickness_m", "{\"family\":\"normal\",\"mean\":-1e-6,\"sd\":1e-7}"))));
            Assert.Contains("outside the physical range", e.Message);
        }

        [Fact]
        public void PorosityScatterReachingOneIsImpossible()
        {
            // sd 0.2 around 0.9 puts ~31 % of cells above porosity 1.
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(Var("eps", "NegativePorosity", "{\"family\":\"normal\",\"mean\":0.9,\"sd\":0.2}"))));
            Assert.Contains("NegativePorosity", e.Message);
        }

        [Fact]
        public void SingularCorrelationMatrixIsRejected()
        {
            string vars = Var("a", "NegativePorosity", "{\"family\":\"normal\",\"mean\":0.25,\"sd\":0.01}") + "," +
                          Var("b", "PositivePorosity", "{\"family\":\"normal\",\"mean\":0.335,\"sd\":0.01}");
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(vars, "[{\"a\":\"a\",\"b\":\"b\",\"rho\":1.0}]")));
            Assert.Contains("singular", e.Message);
        }

        [Fact]
        public void InconsistentCorrelationsAreRejected()
        {
            string vars = Var("a", "NegativePorosity", "{\"family\":\"normal\",\"mean\":0.25,\"sd\":0.01}") + "," +
                          Var("b", "PositivePorosity", "{\"family\":\"normal\",\"mean\":0.335,\"sd\":0.01}") + "," +
                          Var("c", "SeparatorPorosity", "{\"family\":\"normal\",\"mean\":0.47,\"sd\":0.01}");
            string cors = "[{\"a\":\"a\",\"b\":\"b\",\"rho\":0.9},{\"a\":\"b\",\"b\":\"c\",\"rho\":0.9},{\"a\":\"a\",\"b\":\"c\",\"rho\":-0.9}]";
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(vars, cors)));
            Assert.Contains("not positive definite", e.Message);
        }

        [Fact]
        public void JsonSyntaxErrorNamesLineAndColumn()
        {
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse("{\n  \"variables\": [\n   {\"name\": }\n]}", "bad.json"));
            Assert.Contains("bad.json", e.Message);
            Assert.Contains("line 3", e.Message);
        }

        [Fact]
        public void VarianceFractionsMustSumToOne()
        {
            var e = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(Var("a", "NegativePorosity", "{\"family\":\"normal\",\"mean\":0.25,\"sd\":0.01}", "{\"lot\":0.5,\"module\":0.3,\"cell\":0.3}"))));
            Assert.Contains("sum to 1", e.Message);
        }

        [Fact]
        public void UnknownFamilyAndBadNumbersAreNamed()
        {
            var e1 = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(Var("a", "NegativePorosity", "{\"family\":\"cauchy\",\"mean\":0.25}"))));
            Assert.Contains("cauchy", e1.Message);
            var e2 = Assert.Throws<SpecException>(() => PopulationSpecReader.Parse(Spec(Var("a", "NegativePorosity", "{\"family\":\"normal\",\"mean\":0.25,\"sd\":\"x\"}"))));
            Assert.Contains("distribution.sd", e2.Message);
        }
    }
}

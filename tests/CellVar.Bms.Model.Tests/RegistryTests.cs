using System;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

[assembly: CellModel(typeof(CellVar.Bms.Model.Tests.AttributeDeclaredModel))]

namespace CellVar.Bms.Model.Tests
{
    /// <summary>A model another assembly declares with <see cref="CellModelAttribute"/>; only its name matters here.</summary>
    public sealed class AttributeDeclaredModel : ICellModel
    {
        public string Name => "test-attribute";
        public string Description => "declared by assembly attribute";
        public ICellStepper CreateStepper(CellParameters parameters, double initialSoc) => new Spme.SpmeStepper(parameters, initialSoc);
        public SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options) =>
            CellSimulator.Run(Name, CreateStepper(parameters, options.InitialSoc), parameters, profile, options);
    }

    public sealed class RegistryTests
    {
        [Fact]
        public void Built_in_models_are_registered()
        {
            Assert.Contains("spme", CellModelRegistry.Names);
            Assert.Contains("ecm", CellModelRegistry.Names);
            Assert.Equal("spme", CellModelRegistry.Create("SPMe").Name);
        }

        [Fact]
        public void Models_declared_by_assembly_attribute_are_discovered()
        {
            Assert.Contains("test-attribute", CellModelRegistry.Names);
            Assert.IsType<AttributeDeclaredModel>(CellModelRegistry.Create("test-attribute"));
        }

        [Fact]
        public void Unknown_model_lists_known_ones()
        {
            var e = Assert.Throws<ArgumentException>(() => CellModelRegistry.Create("p2d"));
            Assert.Contains("spme", e.Message);
        }

        [Fact]
        public void Other_projects_can_register_models()
        {
            CellModelRegistry.Register("test-constant", () => new ConstantVoltageModel());
            var m = CellModelRegistry.Create("test-constant");
            var r = m.Simulate(ParameterSets.Chen2020, CurrentProfile.Constant(1, 10), new SimulationOptions());
            Assert.All(r.Voltage_V, v => Assert.Equal(3.7, v, 1e-9)); // 1e-12 A·Ω leaks through the huge I0
        }

        private sealed class ConstantVoltageModel : ICellModel
        {
            public string Name => "test-constant";
            public string Description => "test double";
            public ICellStepper CreateStepper(CellParameters parameters, double initialSoc) => new Ecm.EcmStepper(
                new Ecm.EcmParameters(1, new[] { 3.7, 3.7 }, 0, 0.0257, new[] { 1e12, 1e12 }, new[] { 1e12, 1e12 }, new[] { 0.0, 0.0 }, 1, new[] { 0.0, 0.0 }, 1), 0.5);
            public SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options) =>
                CellSimulator.Run(Name, CreateStepper(parameters, options.InitialSoc), parameters, profile, options);
        }
    }
}

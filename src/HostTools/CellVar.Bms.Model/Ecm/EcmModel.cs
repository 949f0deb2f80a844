using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Model.Ecm
{
    /// <summary>Equivalent-circuit cell (OCV, R0, two RC pairs) with parameters derived from the physical set by <see cref="EcmDerivation"/>.</summary>
    public sealed class EcmModel : ICellModel
    {
        /// <inheritdoc />
        public string Name => "ecm";

        /// <inheritdoc />
        public string Description => "Equivalent circuit (OCV, R0, 2 RC) derived from the physical parameters";

        /// <inheritdoc />
        public ICellStepper CreateStepper(CellParameters parameters, double initialSoc) =>
            new EcmStepper(EcmDerivation.FromPhysical(parameters), initialSoc);

        /// <inheritdoc />
        public SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options) =>
            CellSimulator.Run(Name, CreateStepper(parameters, options.InitialSoc), parameters, profile, options);
    }
}

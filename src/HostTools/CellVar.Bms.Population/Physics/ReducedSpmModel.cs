using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Population.Physics
{
    /// <summary>
    /// The fast physics cell as a registry model named "spm-fast" (see <see cref="ReducedSpmCell"/>). Register once with
    /// <see cref="EnsureRegistered"/>; then <c>CellModelRegistry.Create("spm-fast")</c> works like "spme" or "ecm".
    /// </summary>
    public sealed class ReducedSpmModel : ICellModel
    {
        /// <summary>Registry name.</summary>
        public const string RegistryName = "spm-fast";
        private static readonly object Gate = new();
        private static bool _registered;

        /// <inheritdoc/>
        public string Name => RegistryName;
        /// <inheritdoc/>
        public string Description => "single particle + electrolyte ohmic drop, polynomial particle profile with diffusion lag (population tool's fast cell)";
        /// <inheritdoc/>
        public ICellStepper CreateStepper(CellParameters parameters, double initialSoc) => new ReducedSpmStepper(parameters.Validate(), initialSoc);
        /// <inheritdoc/>
        public SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options)
            => CellSimulator.Run(Name, CreateStepper(parameters, options.InitialSoc), parameters, profile, options);

        /// <summary>Adds this model to <see cref="CellModelRegistry"/> (idempotent).</summary>
        public static void EnsureRegistered()
        {
            lock (Gate)
            {
                if (_registered) return;
                CellModelRegistry.Register(RegistryName, () => new ReducedSpmModel());
                _registered = true;
            }
        }
    }
}

using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Model.Spme
{
    /// <summary>Single Particle Model with electrolyte, PyBaMM-compatible discretisation (see <see cref="SpmeStepper"/>).</summary>
    public sealed class SpmeModel : ICellModel
    {
        /// <summary>Creates the model with PyBaMM's default mesh (20 radial cells, 20 cells per through-cell domain).</summary>
        public SpmeModel() : this(20, 20) { }

        /// <summary>Creates the model with a custom mesh.</summary>
        public SpmeModel(int particleCells, int cellsPerDomain)
        {
            ParticleCells = particleCells;
            CellsPerDomain = cellsPerDomain;
        }

        /// <summary>Radial finite volumes per particle.</summary>
        public int ParticleCells { get; }

        /// <summary>Finite volumes in each of the negative electrode, separator and positive electrode.</summary>
        public int CellsPerDomain { get; }

        /// <inheritdoc />
        public string Name => "spme";

        /// <inheritdoc />
        public string Description => "Single particle model with electrolyte (PyBaMM SPMe equations and mesh)";

        /// <inheritdoc />
        public ICellStepper CreateStepper(CellParameters parameters, double initialSoc) =>
            new SpmeStepper(parameters, initialSoc, ParticleCells, CellsPerDomain);

        /// <inheritdoc />
        public SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options) =>
            CellSimulator.Run(Name, CreateStepper(parameters, options.InitialSoc), parameters, profile, options);
    }
}

using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>
    /// A cell model ("spme", "ecm", "dfn", …). Models are stateless and thread-safe; per-cell state lives in the stepper
    /// returned by <see cref="CreateStepper"/>.
    /// </summary>
    public interface ICellModel
    {
        /// <summary>Registry name, lower case (e.g. "spme").</summary>
        string Name { get; }

        /// <summary>One-line description for help text.</summary>
        string Description { get; }

        /// <summary>Creates the state of one cell at <paramref name="initialSoc"/> (eSOH scale), at rest.</summary>
        /// <exception cref="ParameterException">The parameters are invalid.</exception>
        ICellStepper CreateStepper(CellParameters parameters, double initialSoc);

        /// <summary>
        /// Simulates the profile. Never returns NaN voltages: it stops at the first cut-off or physical limit and reports it
        /// in <see cref="SimulationResult.Termination"/>. Most models implement this as
        /// <c>CellSimulator.Run(Name, CreateStepper(parameters, options.InitialSoc), parameters, profile, options)</c>.
        /// </summary>
        /// <exception cref="ParameterException">The parameters are invalid.</exception>
        SimulationResult Simulate(CellParameters parameters, CurrentProfile profile, SimulationOptions options);
    }
}

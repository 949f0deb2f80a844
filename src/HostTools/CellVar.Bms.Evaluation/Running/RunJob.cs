using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Running
{
    /// <summary>One simulation to run: which scenario group it belongs to and how to build it.</summary>
    /// <param name="Group">Index of its (scenario, size) group.</param>
    /// <param name="Name">Scenario name.</param>
    /// <param name="Kind">Scenario kind.</param>
    /// <param name="Size">Injected size.</param>
    /// <param name="Seed">Simulation seed.</param>
    /// <param name="Cells">Series cells.</param>
    /// <param name="VoltageNoise_mV">Rig voltage noise σ.</param>
    /// <param name="Onset_s">Defect onset.</param>
    /// <param name="Ramp_s">Ramp duration.</param>
    public sealed record RunJob(int Group, string Name, ScenarioKind Kind, double Size, int Seed, int Cells, double VoltageNoise_mV, double Onset_s, double Ramp_s)
    {
        /// <summary>Simulates the run.</summary>
        public ScenarioInstance Build() => ScenarioFactory.Create(Name, Kind, Size, Seed, Cells, VoltageNoise_mV, Onset_s, Ramp_s);
    }
}

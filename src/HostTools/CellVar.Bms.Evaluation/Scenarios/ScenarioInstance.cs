using System.Collections.Generic;
using CellVar.Bms.Rig.Csv;

namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>One simulated run of a scenario at one size and seed, with its ground truth.</summary>
    public sealed record ScenarioInstance
    {
        /// <summary>Scenario name from the suite.</summary>
        public string Scenario { get; init; } = "";
        /// <summary>Kind.</summary>
        public ScenarioKind Kind { get; init; }
        /// <summary>Injected size (meaning per kind).</summary>
        public double Size { get; init; }
        /// <summary>Seed of the simulation and of the injected disturbances.</summary>
        public int Seed { get; init; }
        /// <summary>What the rig recorded (noise included) after the injections.</summary>
        public RigLog Log { get; init; } = null!;
        /// <summary>0-based special cells (defect, extreme, glitching, open-wire or balanced cells); empty when none.</summary>
        public IReadOnlyList<int> SpecialCells { get; init; } = [];
        /// <summary>When the defect or fault starts (s since the first row); 0 when present from the start.</summary>
        public double Onset_s { get; init; }
        /// <summary>Balancing windows the device is told about.</summary>
        public IReadOnlyList<BalancingWindow> Balancing { get; init; } = [];
        /// <summary>Samples corrupted by glitches (SensorGlitch only).</summary>
        public int GlitchSamples { get; init; }
        /// <summary>What a correct monitor does.</summary>
        public Expectation Expectation => ScenarioKindNames.ExpectationOf(Kind);
        /// <summary>Quantity that decides the outcome.</summary>
        public Quantity Quantity => ScenarioKindNames.QuantityOf(Kind);
    }
}

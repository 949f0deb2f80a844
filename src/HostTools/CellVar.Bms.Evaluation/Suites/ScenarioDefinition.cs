using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Suites
{
    /// <summary>One scenario of a suite: a kind run at several sizes, each with several seeds.</summary>
    public sealed record ScenarioDefinition
    {
        /// <summary>Short name used in tables and file names.</summary>
        public string Name { get; init; } = "";
        /// <summary>What is injected.</summary>
        public ScenarioKind Kind { get; init; }
        /// <summary>Sizes (meaning depends on the kind, see <see cref="ScenarioKind"/>).</summary>
        public IReadOnlyList<double> Sizes { get; init; } = [0.0];
        /// <summary>Seeds per size in the full run (null = the suite's).</summary>
        public int? Seeds { get; init; }
        /// <summary>Seeds per size with --quick (null = the suite's).</summary>
        public int? QuickSeeds { get; init; }
        /// <summary>Defect onset (weld step/ramp start, open wire), seconds after the start of the run.</summary>
        public double Onset_s { get; init; } = 2500;
        /// <summary>Ramp duration of <see cref="ScenarioKind.WeldRamp"/>.</summary>
        public double Ramp_s { get; init; } = 1500;
    }
}

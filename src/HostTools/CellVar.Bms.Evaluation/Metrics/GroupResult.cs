using System.Collections.Generic;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Metrics
{
    /// <summary>All runs of one scenario at one size.</summary>
    public sealed record GroupResult
    {
        /// <summary>Scenario name.</summary>
        public string Scenario { get; init; } = "";
        /// <summary>Kind.</summary>
        public ScenarioKind Kind { get; init; }
        /// <summary>Size.</summary>
        public double Size { get; init; }
        /// <summary>Size label.</summary>
        public string SizeLabel { get; init; } = "";
        /// <summary>Runs.</summary>
        public int Runs { get; init; }
        /// <summary>Expected behaviour.</summary>
        public Expectation Expectation => ScenarioKindNames.ExpectationOf(Kind);
        /// <summary>Deciding quantity.</summary>
        public Quantity Quantity => ScenarioKindNames.QuantityOf(Kind);
        /// <summary>Per method id: one point per swept threshold (same order as the method's thresholds).</summary>
        public Dictionary<string, OperatingPoint[]> Points { get; init; } = [];
        /// <summary>Device: runs in which a sensor fault was raised on every special cell (SensorFault scenarios).</summary>
        public int SensorFaultRuns { get; init; }
        /// <summary>Device: median delay of that sensor-fault alert after the onset (s).</summary>
        public double? SensorFaultMedianDelay_s { get; init; }
        /// <summary>Device: fraction of injected glitch samples the device flagged (SensorGlitch).</summary>
        public double? GlitchFlaggedFraction { get; init; }
    }
}

using System;
using System.Collections.Generic;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>
    /// The trace of one simulation: columns of equal length (one entry per recorded point) plus why it stopped.
    /// The current at a point is the current that produced that point's voltage (the left limit at a profile breakpoint).
    /// </summary>
    public sealed class SimulationResult
    {
        private readonly Dictionary<string, int> _internalIndex;
        private readonly double[][] _internals;

        /// <summary>Creates a result; arrays are taken, not copied.</summary>
        public SimulationResult(string modelName, double[] time_s, double[] current_A, double[] voltage_V, double[] soc,
            IReadOnlyList<string> internalNames, double[][] internals, TerminationReason termination, double terminationTime_s,
            string terminationMessage, double dischargedCharge_Ah)
        {
            ModelName = modelName;
            Time_s = time_s; Current_A = current_A; Voltage_V = voltage_V; Soc = soc;
            InternalNames = internalNames;
            _internals = internals;
            _internalIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < internalNames.Count; i++) _internalIndex[internalNames[i]] = i;
            Termination = termination;
            TerminationTime_s = terminationTime_s;
            TerminationMessage = terminationMessage;
            DischargedCharge_Ah = dischargedCharge_Ah;
        }

        /// <summary>Name of the model that produced the trace.</summary>
        public string ModelName { get; }
        /// <summary>Time of each point [s].</summary>
        public double[] Time_s { get; }
        /// <summary>Current at each point [A], positive = discharge.</summary>
        public double[] Current_A { get; }
        /// <summary>Terminal voltage [V]; always finite.</summary>
        public double[] Voltage_V { get; }
        /// <summary>State of charge (eSOH scale).</summary>
        public double[] Soc { get; }
        /// <summary>Names of the recorded internals (empty if not recorded).</summary>
        public IReadOnlyList<string> InternalNames { get; }
        /// <summary>Why the run stopped.</summary>
        public TerminationReason Termination { get; }
        /// <summary>Time at which it stopped [s].</summary>
        public double TerminationTime_s { get; }
        /// <summary>Human-readable reason, e.g. "lower cut-off 2.5 V reached at t = 2667.1 s".</summary>
        public string TerminationMessage { get; }
        /// <summary>Net charge delivered from the start to the termination, ∫I dt [A h] (negative when charged).</summary>
        public double DischargedCharge_Ah { get; }
        /// <summary>Number of recorded points.</summary>
        public int Count => Time_s.Length;

        /// <summary>The column of one internal by name (case-insensitive).</summary>
        /// <exception cref="KeyNotFoundException">Not recorded; the message lists the recorded names.</exception>
        public double[] Internal(string name) =>
            _internalIndex.TryGetValue(name, out int i) ? _internals[i]
            : throw new KeyNotFoundException($"Internal '{name}' was not recorded. Recorded: {string.Join(", ", InternalNames)}.");
    }
}

using System.Collections.Generic;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn
{
    /// <summary>The outcome of one DFN integration: voltages at the recorded times, why it stopped, and solver counts.</summary>
    public sealed class DfnRun
    {
        internal DfnRun(List<double> time_s, List<double> voltage_V, List<double> current_A, TerminationReason termination,
            string message, double endTime_s, double endVoltage_V, int steps, int rejectedSteps, int newtonIterations,
            double initialLithium_mol, double finalLithium_mol)
        {
            Time_s = time_s; Voltage_V = voltage_V; Current_A = current_A; Termination = termination; Message = message;
            EndTime_s = endTime_s; EndVoltage_V = endVoltage_V;
            Steps = steps; RejectedSteps = rejectedSteps; NewtonIterations = newtonIterations;
            InitialLithium_mol = initialLithium_mol; FinalLithium_mol = finalLithium_mol;
        }

        /// <summary>Recorded times [s].</summary>
        public IReadOnlyList<double> Time_s { get; }

        /// <summary>Terminal voltage at each recorded time [V].</summary>
        public IReadOnlyList<double> Voltage_V { get; }

        /// <summary>Applied current at each recorded time [A], positive = discharge (left limit at a breakpoint).</summary>
        public IReadOnlyList<double> Current_A { get; }

        /// <summary>Why the run stopped.</summary>
        public TerminationReason Termination { get; }

        /// <summary>Why the run stopped, in words, with the time.</summary>
        public string Message { get; }

        /// <summary>Time at which the run stopped [s]: end of the profile, the cut-off crossing or the last valid state.</summary>
        public double EndTime_s { get; }

        /// <summary>Terminal voltage at <see cref="EndTime_s"/> [V].</summary>
        public double EndVoltage_V { get; }

        /// <summary>Accepted time steps.</summary>
        public int Steps { get; }

        /// <summary>Steps rejected by the error test or by Newton failure.</summary>
        public int RejectedSteps { get; }

        /// <summary>Newton iterations in total (each assembles and factorises the condensed banded system).</summary>
        public int NewtonIterations { get; }

        /// <summary>Lithium in particles plus electrolyte at the start [mol].</summary>
        public double InitialLithium_mol { get; }

        /// <summary>Lithium in particles plus electrolyte at the end [mol].</summary>
        public double FinalLithium_mol { get; }
    }
}

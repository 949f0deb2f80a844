using System;
using System.Collections.Generic;

namespace CellVar.Bms.Model.Simulation
{
    /// <summary>
    /// The time-stepping state of one cell, for drivers that couple cells (packs) or run custom protocols.
    /// Implementations hold fixed-size state and do not allocate in <see cref="Step"/>.
    /// </summary>
    public interface ICellStepper
    {
        /// <summary>Terminal voltage at the present state and <see cref="Current_A"/> [V].</summary>
        double Voltage_V { get; }

        /// <summary>The current last set by <see cref="SetCurrent"/> or <see cref="Step"/> [A], positive = discharge.</summary>
        double Current_A { get; }

        /// <summary>State of charge (0…1, eSOH scale) of the bulk state.</summary>
        double Soc { get; }

        /// <summary>Open-circuit voltage of the bulk state (what the cell relaxes to) [V].</summary>
        double OpenCircuitVoltage_V { get; }

        /// <summary>Null while the state is physical; otherwise which limit was hit (the voltage is then meaningless).</summary>
        TerminationReason? StateViolation { get; }

        /// <summary>Changes the current without advancing time (updates <see cref="Voltage_V"/>).</summary>
        void SetCurrent(double current_A);

        /// <summary>Advances by <paramref name="dt_s"/> seconds at constant <paramref name="current_A"/> and updates the voltage.</summary>
        void Step(double current_A, double dt_s);

        /// <summary>Number of doubles in the state (for <see cref="SaveState"/>).</summary>
        int StateSize { get; }

        /// <summary>Copies the state (including the current) into <paramref name="destination"/>.</summary>
        void SaveState(Span<double> destination);

        /// <summary>Restores a state written by <see cref="SaveState"/> and recomputes the voltage.</summary>
        void RestoreState(ReadOnlySpan<double> source);

        /// <summary>Names (with units) of the internals written by <see cref="ReadInternals"/>.</summary>
        IReadOnlyList<string> InternalNames { get; }

        /// <summary>Writes the internals for the present state, in <see cref="InternalNames"/> order.</summary>
        void ReadInternals(Span<double> destination);
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Population.Physics
{
    /// <summary><see cref="ICellStepper"/> over <see cref="ReducedSpmCell"/>, so drivers written for the model library (packs, experiments) run it too.</summary>
    public sealed class ReducedSpmStepper : ICellStepper
    {
        private static readonly string[] Internals = { "eta_neg_V", "eta_pos_V", "ocv_V" };
        private readonly ReducedSpmCell _cell;
        private double _voltage;

        /// <summary>Creates the stepper at <paramref name="initialSoc"/>, at rest.</summary>
        public ReducedSpmStepper(CellParameters p, double initialSoc)
        {
            _cell = new ReducedSpmCell(p, DerivedParameters.Compute(p), initialSoc);
            _voltage = _cell.Voltage_V(0);
        }

        /// <summary>The underlying cell.</summary>
        public ReducedSpmCell Cell => _cell;
        /// <inheritdoc/>
        public double Voltage_V => _voltage;
        /// <inheritdoc/>
        public double Current_A { get; private set; }
        /// <inheritdoc/>
        public double Soc => _cell.Soc;
        /// <inheritdoc/>
        public double OpenCircuitVoltage_V => _cell.OpenCircuitVoltage_V;
        /// <inheritdoc/>
        public TerminationReason? StateViolation => Soc < -0.05 || Soc > 1.05 ? TerminationReason.StoichiometryLimit : null;
        /// <inheritdoc/>
        public void SetCurrent(double current_A) { Current_A = current_A; _voltage = _cell.Voltage_V(current_A); }
        /// <inheritdoc/>
        public void Step(double current_A, double dt_s) { _cell.Advance(current_A, dt_s); SetCurrent(current_A); }
        /// <inheritdoc/>
        public int StateSize => ReducedSpmCell.StateSize + 1;
        /// <inheritdoc/>
        public void SaveState(Span<double> destination) { _cell.SaveState(destination); destination[ReducedSpmCell.StateSize] = Current_A; }
        /// <inheritdoc/>
        public void RestoreState(ReadOnlySpan<double> source) { _cell.RestoreState(source); SetCurrent(source[ReducedSpmCell.StateSize]); }
        /// <inheritdoc/>
        public IReadOnlyList<string> InternalNames => Internals;
        /// <inheritdoc/>
        public void ReadInternals(Span<double> destination)
        {
            destination[0] = _cell.LastEtaNegative_V; destination[1] = _cell.LastEtaPositive_V; destination[2] = _cell.OpenCircuitVoltage_V;
        }
    }
}

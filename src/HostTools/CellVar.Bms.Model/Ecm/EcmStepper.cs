using System;
using System.Collections.Generic;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Model.Ecm
{
    /// <summary>
    /// OCV(SOC) − series drop (ohmic + Butler–Volmer) − v1 − v2 with two RC branches, integrated exactly for a current constant over the step.
    /// Resistances are evaluated at the SOC at the start of each step. SOC is counted against the eSOH capacity.
    /// </summary>
    public sealed class EcmStepper : ICellStepper
    {
        private static readonly string[] Names = { "OpenCircuitVoltage_V", "SeriesResistance_Ohm", "Rc1Voltage_V", "Rc2Voltage_V", "HeatGeneration_W" };
        private readonly EcmParameters _e;
        private double _soc, _v1, _v2, _current, _voltage;
        private TerminationReason? _violation;

        /// <summary>Creates the state at <paramref name="initialSoc"/> at rest.</summary>
        public EcmStepper(EcmParameters parameters, double initialSoc)
        {
            if (!(initialSoc >= 0 && initialSoc <= 1))
                throw new ArgumentOutOfRangeException(nameof(initialSoc), initialSoc, "Initial SOC must be within [0, 1].");
            _e = parameters;
            _soc = initialSoc;
            SetCurrent(0);
        }

        /// <inheritdoc />
        public double Voltage_V => _voltage;
        /// <inheritdoc />
        public double Current_A => _current;
        /// <inheritdoc />
        public double Soc => _soc;
        /// <inheritdoc />
        public double OpenCircuitVoltage_V => EcmParameters.Interpolate(_e.Ocv_V, _soc);
        /// <inheritdoc />
        public TerminationReason? StateViolation => _violation;
        /// <inheritdoc />
        public int StateSize => 4;
        /// <inheritdoc />
        public IReadOnlyList<string> InternalNames => Names;

        /// <inheritdoc />
        public void SetCurrent(double current_A)
        {
            _current = current_A;
            Update();
        }

        /// <inheritdoc />
        public void Step(double current_A, double dt_s)
        {
            _current = current_A;
            double r1 = EcmParameters.Interpolate(_e.R1_Ohm, _soc), r2 = EcmParameters.Interpolate(_e.R2_Ohm, _soc);
            double a1 = Math.Exp(-dt_s / _e.Tau1_s), a2 = Math.Exp(-dt_s / _e.Tau2_s);
            _v1 = a1 * _v1 + (1 - a1) * r1 * current_A;
            _v2 = a2 * _v2 + (1 - a2) * r2 * current_A;
            _soc -= current_A * dt_s / (3600.0 * _e.Capacity_Ah);
            Update();
        }

        /// <inheritdoc />
        public void SaveState(Span<double> d)
        {
            d[0] = _soc; d[1] = _v1; d[2] = _v2; d[3] = _current;
        }

        /// <inheritdoc />
        public void RestoreState(ReadOnlySpan<double> s)
        {
            _soc = s[0]; _v1 = s[1]; _v2 = s[2];
            SetCurrent(s[3]);
        }

        /// <inheritdoc />
        public void ReadInternals(Span<double> d)
        {
            double ocv = OpenCircuitVoltage_V;
            d[0] = ocv;
            d[1] = EcmParameters.Interpolate(_e.R0_Ohm, _soc);
            d[2] = _v1;
            d[3] = _v2;
            d[4] = _current * (ocv - _voltage);
        }

        private void Update()
        {
            if (_soc < 0 || _soc > 1)
            {
                // Outside the tabulated window the cell has no defined OCV: the electrodes are empty or full.
                _violation = TerminationReason.StoichiometryLimit;
                _voltage = double.NaN;
                return;
            }
            _violation = null;
            _voltage = EcmParameters.Interpolate(_e.Ocv_V, _soc) - _e.SeriesDrop_V(_current, _soc) - _v1 - _v2;
        }
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Dfn.Numerics;
using CellVar.Bms.Dfn.Physics;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn
{
    /// <summary>
    /// One DFN cell for step-by-step drivers (packs, custom protocols). Each <see cref="Step"/> integrates adaptively
    /// over its interval, restarting the BDF history (the current may change between calls).
    /// </summary>
    internal sealed class DfnStepper : ICellStepper
    {
        private readonly DfnCellProperties _p;
        private readonly DfnSystem _sys;
        private readonly DfnIntegrator _integrator;
        private readonly ElectrodeSoh _soh;
        private readonly double[] _y;
        private readonly double[] _segEnd = new double[1], _segCurrent = new double[1];
        private double _t;
        private bool _consistent;

        public DfnStepper(CellParameters parameters, double initialSoc, DfnMeshOptions mesh, DfnSolverOptions solver)
        {
            _p = DfnParameterMapping.FromModel(parameters, initialSoc);
            _p.Validate();
            mesh.Validate();
            solver.Validate();
            _soh = ElectrodeSoh.Compute(parameters);
            _sys = new DfnSystem(_p, mesh);
            _integrator = new DfnIntegrator(_sys, _p, solver);
            _y = _sys.InitialState();
            SetCurrent(0);
        }

        public double Voltage_V { get; private set; }

        public double Current_A { get; private set; }

        public double Soc => _soh.SocFromNegativeStoichiometry(_sys.MeanStoichiometry(_y, true));

        public double OpenCircuitVoltage_V => _p.PositiveOcp(_sys.MeanStoichiometry(_y, false)) - _p.NegativeOcp(_sys.MeanStoichiometry(_y, true));

        public TerminationReason? StateViolation { get; private set; }

        public int StateSize => _y.Length + 3;

        public IReadOnlyList<string> InternalNames => DfnSystem.InternalNames;

        public void SetCurrent(double current_A)
        {
            if (current_A == Current_A && _consistent) return;
            Current_A = current_A;
            _integrator.Invalidate();
            _consistent = false;
            if (StateViolation != null) return;
            _integrator.Initialise(_y, current_A, _t);
            _consistent = true;
            Voltage_V = _sys.Voltage(_y, current_A);
        }

        public void Step(double current_A, double dt_s)
        {
            if (!(dt_s > 0)) { SetCurrent(current_A); return; }
            Current_A = current_A;
            if (StateViolation != null) return;
            _segEnd[0] = _t + dt_s;
            _segCurrent[0] = current_A;
            var run = _integrator.Run(_y, _t, _segEnd, _segCurrent, null, false, false, continueHistory: true);
            _consistent = true;
            _t = run.EndTime_s;
            Voltage_V = run.EndVoltage_V;
            if (run.Termination is TerminationReason.ElectrolyteDepleted or TerminationReason.StoichiometryLimit)
                StateViolation = run.Termination;
        }

        public void SaveState(Span<double> destination)
        {
            _y.CopyTo(destination);
            destination[_y.Length] = Current_A;
            destination[_y.Length + 1] = _t;
            destination[_y.Length + 2] = StateViolation == null ? -1 : (int)StateViolation.Value;
        }

        public void RestoreState(ReadOnlySpan<double> source)
        {
            source[.._y.Length].CopyTo(_y);
            Current_A = source[_y.Length];
            _t = source[_y.Length + 1];
            double code = source[_y.Length + 2];
            StateViolation = code < 0 ? null : (TerminationReason)(int)code;
            _integrator.Invalidate();
            _consistent = false;
            Voltage_V = _sys.Voltage(_y, Current_A);
        }

        public void ReadInternals(Span<double> destination) => _sys.ReadInternals(_y, destination);
    }
}

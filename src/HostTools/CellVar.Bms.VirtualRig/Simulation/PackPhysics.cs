using System;
using System.Collections.Generic;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.VirtualRig.Simulation
{
    /// <summary>
    /// One series pack stepped in time, using the host pack simulator's cells and equations (<see cref="PackSimulator.DrawCells"/>,
    /// <see cref="OcvCurve.DeviceDefault"/>; Thevenin OCV − I·(R0 + contact) − V1 with an Arrhenius factor, lumped thermal mass
    /// cooled to ambient and neighbours) but with defects that start at a given time instead of being fixed for the run.
    /// Outputs are true values; measurement error comes from the ADC model.
    /// </summary>
    public sealed class PackPhysics
    {
        private const double KelvinOffset = 273.15, ReferenceTemperature_K = 298.15;
        private readonly PackSimulationOptions _o;
        private readonly CellParameters[] _cells;
        private readonly OcvCurve _ocv = OcvCurve.DeviceDefault();
        private readonly double[] _soc, _v1, _temp, _next, _contact, _heat;
        private readonly List<InjectedDefect> _defects;

        /// <summary>
        /// Draws <paramref name="cellCount"/> healthy cells from <paramref name="seed"/> and schedules <paramref name="defects"/> (this pack's only);
        /// <paramref name="contact_Ohm"/> (optional, per cell) sets each cell's tab-weld resistance inside its voltage tap.
        /// </summary>
        public PackPhysics(int cellCount, int seed, IEnumerable<InjectedDefect> defects, double[]? contact_Ohm = null)
        {
            _o = new PackSimulationOptions { CellCount = cellCount, Seed = seed, Scenario = RigScenario.Healthy };
            _cells = PackSimulator.DrawCells(_o);
            if (contact_Ohm != null)
                for (int i = 0; i < cellCount; i++) _cells[i] = _cells[i] with { ContactResistance_Ohm = contact_Ohm[i] };
            _defects = [.. defects];
            foreach (var d in _defects)
                if (d.Cell < 1 || d.Cell > cellCount) throw new ArgumentException($"defect cell {d.Cell} outside 1..{cellCount}");
            _soc = new double[cellCount];
            _v1 = new double[cellCount];
            _temp = new double[cellCount];
            _next = new double[cellCount];
            _contact = new double[cellCount];
            _heat = new double[cellCount];
            for (int i = 0; i < cellCount; i++) { _soc[i] = _cells[i].InitialSoc; _temp[i] = _o.Ambient_C; }
            Voltage_V = new double[cellCount];
            SensorTemperature_C = new double[cellCount];
            for (int i = 0; i < cellCount; i++) Voltage_V[i] = _ocv.Voltage_V(_soc[i]);
            for (int i = 0; i < cellCount; i++) SensorTemperature_C[i] = _temp[i] + _cells[i].SensorOffset_K;
        }

        /// <summary>Cell count.</summary>
        public int CellCount => _cells.Length;
        /// <summary>Drawn cell parameters (healthy; defects are added on top).</summary>
        public IReadOnlyList<CellParameters> Cells => _cells;
        /// <summary>True terminal voltage at each cell's tap after the last step.</summary>
        public double[] Voltage_V { get; }
        /// <summary>What each cell's temperature sensor sees (true temperature + its fixed offset).</summary>
        public double[] SensorTemperature_C { get; }
        /// <summary>Current of the last step (positive = discharge).</summary>
        public double Current_A { get; private set; }
        /// <summary>State of charge of a 0-based cell.</summary>
        public double Soc(int cell) => _soc[cell];
        /// <summary>True temperature of a 0-based cell.</summary>
        public double Temperature_C(int cell) => _temp[cell];

        /// <summary>Advances by <paramref name="dt_s"/> at current <paramref name="current_A"/>, ending at time <paramref name="t_s"/>.</summary>
        public void Step(double t_s, double dt_s, double current_A)
        {
            int n = _cells.Length;
            Array.Clear(_contact);
            Array.Clear(_heat);
            foreach (var d in _defects)
            {
                double level = d.Level(t_s);
                if (d.Kind == DefectKind.Weld) _contact[d.Cell - 1] += level * d.Magnitude * 1e-3;
                else if (d.Kind == DefectKind.HotCell) _heat[d.Cell - 1] += level * d.Magnitude;
            }
            double I = current_A;
            Current_A = I;
            for (int i = 0; i < n; i++)
            {
                CellParameters c = _cells[i];
                double contact = c.ContactResistance_Ohm + _contact[i];
                double arr = Math.Exp(_o.ArrheniusB_K * (1.0 / (_temp[i] + KelvinOffset) - 1.0 / ReferenceTemperature_K));
                double r0 = c.R0_Ohm * arr, r1 = c.R1_Ohm * arr;
                double a = Math.Exp(-dt_s / c.Tau1_s);
                _v1[i] = _v1[i] * a + r1 * I * (1 - a);
                _soc[i] -= I * dt_s / (3600.0 * c.Capacity_Ah);
                _heat[i] += I * I * r0 + _v1[i] * _v1[i] / r1 + _o.WeldHeatShare * I * I * contact + c.InternalHeat_W;
                Voltage_V[i] = _ocv.Voltage_V(_soc[i]) - I * (r0 + contact) - _v1[i];
            }
            // Explicit Euler is stable: dt (≤ 60 s) is far below the smallest thermal time constant (C·R ≈ 400 s / (1 + R·2G)).
            for (int i = 0; i < n; i++)
            {
                CellParameters c = _cells[i];
                double flow = _heat[i] - (_temp[i] - _o.Ambient_C) / c.ThermalResistance_KPerW;
                if (i > 0) flow -= _o.NeighbourConductance_WPerK * (_temp[i] - _temp[i - 1]);
                if (i < n - 1) flow -= _o.NeighbourConductance_WPerK * (_temp[i] - _temp[i + 1]);
                _next[i] = _temp[i] + dt_s * flow / c.HeatCapacity_JPerK;
            }
            for (int i = 0; i < n; i++)
            {
                _temp[i] = _next[i];
                SensorTemperature_C[i] = _temp[i] + _cells[i].SensorOffset_K;
            }
        }
    }
}

using System;
using CellVar.Bms.Rig.Csv;

namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>
    /// Host-side pack simulator (double precision): N series cells, each a Thevenin circuit OCV(SOC) − I·R0 − V1 with
    /// dV1/dt = (I·R1 − V1)/τ1, a lumped thermal mass heated by I²R0 + V1²/R1 (+ defect heat) and cooled to ambient and
    /// to its neighbours, driven by <see cref="CurrentProfile.Standard"/>; the rig adds Gaussian measurement noise.
    /// One temperature sensor per cell.
    /// </summary>
    public static class PackSimulator
    {
        private const double KelvinOffset = 273.15;
        private const double ReferenceTemperature_K = 298.15;

        /// <summary>Draws the cells' parameters (manufacturing scatter + the scenario's defect).</summary>
        public static CellParameters[] DrawCells(PackSimulationOptions o) => DrawCells(o, new GaussianNoise(o?.Seed ?? 0));

        private static CellParameters[] DrawCells(PackSimulationOptions o, GaussianNoise g)
        {
            ArgumentNullException.ThrowIfNull(o);
            o.Validate();
            int defect = o.EffectiveDefectCell;
            var cells = new CellParameters[o.CellCount];
            for (int i = 0; i < cells.Length; i++)
            {
                bool isDefect = i + 1 == defect;
                cells[i] = new CellParameters(
                    Capacity_Ah: o.NominalCapacity_Ah * Math.Max(0.5, 1 + o.CapacityCoV * g.Next()),
                    R0_Ohm: o.NominalR0_mOhm * 1e-3 * Math.Max(0.5, 1 + o.R0CoV * g.Next()),
                    R1_Ohm: o.NominalR1_mOhm * 1e-3 * Math.Max(0.5, 1 + o.R1CoV * g.Next()),
                    Tau1_s: o.Tau1_s,
                    InitialSoc: Math.Clamp(o.InitialSoc + o.InitialSocSd * g.Next(), 0.0, 1.0),
                    ThermalResistance_KPerW: o.ThermalResistance_KPerW * Math.Max(0.5, 1 + o.ThermalResistanceCoV * g.Next()),
                    HeatCapacity_JPerK: o.HeatCapacity_JPerK,
                    ContactResistance_Ohm: isDefect && o.Scenario == RigScenario.Weld ? o.WeldResistance_mOhm * 1e-3 : 0.0,
                    InternalHeat_W: isDefect && o.Scenario == RigScenario.Hot ? o.HotCellHeat_W : 0.0,
                    SensorOffset_K: o.SensorOffsetSd_K * g.Next());
            }
            return cells;
        }

        /// <summary>Simulates the standard rig profile and returns the log with its ground truth.</summary>
        public static SimulatedPack Run(PackSimulationOptions o)
        {
            ArgumentNullException.ThrowIfNull(o);
            var g = new GaussianNoise(o.Seed);
            CellParameters[] cells = DrawCells(o, g);
            OcvCurve ocv = OcvCurve.DeviceDefault();
            double dt = o.SamplePeriod_s;
            double[] profile = CurrentProfile.Standard(dt);
            int n = cells.Length, rows = profile.Length;

            var time = new double[rows];
            var current = new double[rows];
            var volts = new double[n][];
            var temps = new double[n][];
            for (int i = 0; i < n; i++) { volts[i] = new double[rows]; temps[i] = new double[rows]; }
            var lines = new int[rows];

            var soc = new double[n];
            var v1 = new double[n];
            var tempC = new double[n];
            var heat = new double[n];
            for (int i = 0; i < n; i++) { soc[i] = cells[i].InitialSoc; tempC[i] = o.Ambient_C; }

            for (int k = 0; k < rows; k++)
            {
                double I = profile[k];
                for (int i = 0; i < n; i++)
                {
                    CellParameters c = cells[i];
                    double arr = Math.Exp(o.ArrheniusB_K * (1.0 / (tempC[i] + KelvinOffset) - 1.0 / ReferenceTemperature_K));
                    double r0 = c.R0_Ohm * arr, r1 = c.R1_Ohm * arr;
                    double a = Math.Exp(-dt / c.Tau1_s);
                    v1[i] = v1[i] * a + r1 * I * (1 - a);
                    soc[i] -= I * dt / (3600.0 * c.Capacity_Ah);
                    heat[i] = I * I * r0 + v1[i] * v1[i] / r1 + o.WeldHeatShare * I * I * c.ContactResistance_Ohm + c.InternalHeat_W;
                    volts[i][k] = ocv.Voltage_V(soc[i]) - I * (r0 + c.ContactResistance_Ohm) - v1[i]
                                  + o.VoltageNoise_mV * 1e-3 * g.Next();
                }
                // Explicit Euler is stable here: dt (≤ 60 s) is far below the smallest thermal time constant (C·R ≈ 400 s / (1 + R·2G)).
                var next = new double[n];
                for (int i = 0; i < n; i++)
                {
                    CellParameters c = cells[i];
                    double flow = heat[i] - (tempC[i] - o.Ambient_C) / c.ThermalResistance_KPerW;
                    if (i > 0) flow -= o.NeighbourConductance_WPerK * (tempC[i] - tempC[i - 1]);
                    if (i < n - 1) flow -= o.NeighbourConductance_WPerK * (tempC[i] - tempC[i + 1]);
                    next[i] = tempC[i] + dt * flow / c.HeatCapacity_JPerK;
                }
                for (int i = 0; i < n; i++)
                {
                    tempC[i] = next[i];
                    temps[i][k] = tempC[i] + cells[i].SensorOffset_K + o.TemperatureNoise_K * g.Next();
                }
                time[k] = (k + 1) * dt;
                current[k] = I + o.CurrentNoise_mA * 1e-3 * g.Next();
                lines[k] = k + 2;
            }
            return new SimulatedPack(new RigLog(time, current, volts, temps, lines), cells, o.EffectiveDefectCell, o);
        }
    }
}

using System;
using System.Collections.Generic;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>
    /// Builds scenario runs from the Rig library's pack simulator (<see cref="PackSimulator"/>, the healthy or hot-cell pack
    /// on the standard current profile) and injects what the simulator does not model by post-processing the recorded
    /// signals with the true current (<see cref="CurrentProfile.Standard"/>): time-varying weld resistance (−I·ΔR(t)), a
    /// healthy cell moved to the population's extreme, voltage glitches, an open sense wire, balancing sense-wire drops and
    /// rig temperature swings (sensor readings shift; R0 follows the simulator's Arrhenius law).
    /// Approximations (all second order for detection): the weld's own I²R heat and the R1 temperature dependence of the
    /// injected changes are ignored, and the Arrhenius factor uses the measured (±0.1 K) cell temperature.
    /// </summary>
    public static class ScenarioFactory
    {
        private const double KelvinOffset = 273.15;
        private const double ReferenceTemperature_K = 298.15;
        /// <summary>Period of the rig temperature swing (half an hour: a climate chamber or HVAC cycle).</summary>
        public const double SwingPeriod_s = 1800;
        /// <summary>Duration of one run (the Rig's standard profile).</summary>
        public static double RunDuration_s => CurrentProfile.TotalDuration_s;

        /// <summary>Simulates <paramref name="kind"/> at <paramref name="size"/> with <paramref name="seed"/>.</summary>
        public static ScenarioInstance Create(string name, ScenarioKind kind, double size, int seed, int cells, double voltageNoise_mV,
                                              double onset_s = 2500, double ramp_s = 1500)
        {
            var o = new PackSimulationOptions
            {
                CellCount = cells,
                Seed = seed,
                VoltageNoise_mV = voltageNoise_mV,
                Scenario = kind == ScenarioKind.HotCell ? RigScenario.Hot : RigScenario.Healthy,
            };
            if (kind == ScenarioKind.HotCell) o.HotCellHeat_W = size;
            SimulatedPack pack = PackSimulator.Run(o);
            RigLog src = pack.Log;
            int n = src.CellCount, rows = src.RowCount;
            double[] trueCurrent = CurrentProfile.Standard(o.SamplePeriod_s);
            double[][] v = new double[n][];
            double[][] t = new double[src.TemperatureSensorCount][];
            for (int i = 0; i < n; i++) v[i] = (double[])src.CellVoltage_V[i].Clone();
            for (int s = 0; s < t.Length; s++) t[s] = (double[])src.Temperature_C[s].Clone();
            double[] time = src.Time_s;
            // Injections draw from their own stream so the pack itself is identical to the healthy pack of the same seed.
            var rng = new Random(unchecked(seed * 7919 + 17));
            var special = new List<int>();
            var balancing = new List<BalancingWindow>();
            double onset = 0;
            int glitches = 0;
            double r0Nominal_Ohm = o.NominalR0_mOhm * 1e-3;

            switch (kind)
            {
                case ScenarioKind.Healthy:
                    break;
                case ScenarioKind.WeldStep:
                case ScenarioKind.WeldRamp:
                {
                    int c = n / 3;
                    special.Add(c);
                    onset = onset_s;
                    for (int k = 0; k < rows; k++)
                    {
                        double f = time[k] < onset ? 0 : kind == ScenarioKind.WeldStep ? 1 : Math.Min(1, (time[k] - onset) / ramp_s);
                        v[c][k] -= trueCurrent[k] * size * r0Nominal_Ohm * f;
                    }
                    break;
                }
                case ScenarioKind.HotCell:
                    special.Add(pack.DefectCell - 1);
                    break;
                case ScenarioKind.ExtremeCell:
                {
                    int c = n / 2;
                    special.Add(c);
                    double target = r0Nominal_Ohm * (1 + size * o.R0CoV);
                    double dR = target - pack.Cells[c].R0_Ohm;
                    for (int k = 0; k < rows; k++)
                        v[c][k] -= trueCurrent[k] * dR * Arrhenius(o.ArrheniusB_K, Temp(t, c, k, o.Ambient_C));
                    break;
                }
                case ScenarioKind.SensorGlitch:
                {
                    int c = n / 2;
                    special.Add(c);
                    for (int k = 0; k < rows; k++)
                        if (rng.NextDouble() < size)
                        {
                            double amp = 0.1 + 0.9 * rng.NextDouble();
                            v[c][k] += rng.NextDouble() < 0.5 ? -amp : amp;
                            glitches++;
                        }
                    break;
                }
                case ScenarioKind.OpenWire:
                {
                    // The tap between cells c and c+1 floats: the AFE reads c near 0 V and c+1 as the sum of both.
                    int c = n / 2 - 1;
                    special.Add(c);
                    special.Add(c + 1);
                    onset = onset_s;
                    for (int k = 0; k < rows; k++)
                        if (time[k] >= onset)
                        {
                            double sum = v[c][k] + v[c + 1][k];
                            v[c][k] = 0.2;
                            v[c + 1][k] = sum - 0.2;
                        }
                    break;
                }
                case ScenarioKind.Balancing:
                {
                    // Windows start on and off current-step ticks (2200 s and 5700 s coincide with steps of the profile).
                    int a = 2, b = n - 3;
                    balancing.Add(new BalancingWindow(a, 2200, 2700));
                    balancing.Add(new BalancingWindow(b, 3010, 3500));
                    balancing.Add(new BalancingWindow(a, 5700, 6200));
                    foreach (int c in new[] { a, a + 1, b, b + 1 }) if (!special.Contains(c)) special.Add(c);
                    // Bleed current through the shared sense wire: the balanced cell reads low, its upper neighbour high (diyBMS #115).
                    foreach (BalancingWindow w in balancing)
                        for (int k = 0; k < rows; k++)
                            if (time[k] >= w.Start_s && time[k] < w.End_s)
                            {
                                v[w.Cell][k] -= size;
                                if (w.Cell + 1 < n) v[w.Cell + 1][k] += size;
                            }
                    break;
                }
                case ScenarioKind.TemperatureSwing:
                {
                    for (int i = 0; i < n; i++)
                    {
                        double gain = n > 1 ? 0.5 + (double)i / (n - 1) : 1.0; // one end of the rig swings 3× the other
                        for (int k = 0; k < rows; k++)
                        {
                            double dT = size * gain * Math.Sin(2 * Math.PI * time[k] / SwingPeriod_s);
                            double tc = Temp(t, i, k, o.Ambient_C);
                            double r0 = pack.Cells[i].R0_Ohm;
                            v[i][k] -= trueCurrent[k] * r0 * (Arrhenius(o.ArrheniusB_K, tc + dT) - Arrhenius(o.ArrheniusB_K, tc));
                            if (i < t.Length) t[i][k] += dT;
                        }
                    }
                    break;
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }

            return new ScenarioInstance
            {
                Scenario = name,
                Kind = kind,
                Size = size,
                Seed = seed,
                Log = new RigLog(time, src.Current_A, v, t, src.SourceLines),
                SpecialCells = special,
                Onset_s = onset,
                Balancing = balancing,
                GlitchSamples = glitches,
            };
        }

        private static double Temp(double[][] t, int cell, int row, double ambient) => cell < t.Length ? t[cell][row] : ambient;

        private static double Arrhenius(double b_K, double temp_C) =>
            Math.Exp(b_K * (1.0 / (temp_C + KelvinOffset) - 1.0 / ReferenceTemperature_K));
    }
}

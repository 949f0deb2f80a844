using System;

namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>
    /// Settings of the host pack simulator. Defaults describe a 16s pack of 5 Ah NMC/graphite cylindrical cells
    /// (LG M50-like) on a test rig with a ~1 mV voltage front end; scatter values follow the cell-to-cell variation
    /// literature summarised in shared/reference/cell-variation.md (capacity CoV 0.2–0.3 %, impedance CoV 0.45–3.8 %).
    /// </summary>
    public sealed class PackSimulationOptions
    {
        /// <summary>Series cells.</summary>
        public int CellCount { get; set; } = 16;
        /// <summary>What is wrong with the pack.</summary>
        public RigScenario Scenario { get; set; } = RigScenario.Healthy;
        /// <summary>1-based defective cell; 0 = the scenario default (<see cref="EffectiveDefectCell"/>).</summary>
        public int DefectCell { get; set; }
        /// <summary>Seed of every random draw (scatter and noise); same seed, same log.</summary>
        public int Seed { get; set; } = 1;
        /// <summary>Time between rows.</summary>
        public double SamplePeriod_s { get; set; } = 1.0;

        /// <summary>Mean capacity.</summary>
        public double NominalCapacity_Ah { get; set; } = 5.0;
        /// <summary>Capacity coefficient of variation (0.3 %).</summary>
        public double CapacityCoV { get; set; } = 0.003;
        /// <summary>Mean ohmic resistance at 25 °C.</summary>
        public double NominalR0_mOhm { get; set; } = 18.0;
        /// <summary>R0 coefficient of variation (0.7 %, low end of the published 0.45–3.8 %).</summary>
        public double R0CoV { get; set; } = 0.007;
        /// <summary>Mean polarisation resistance at 25 °C.</summary>
        public double NominalR1_mOhm { get; set; } = 10.0;
        /// <summary>R1 coefficient of variation.</summary>
        public double R1CoV { get; set; } = 0.02;
        /// <summary>RC time constant.</summary>
        public double Tau1_s { get; set; } = 30.0;
        /// <summary>Mean initial state of charge.</summary>
        public double InitialSoc { get; set; } = 0.85;
        /// <summary>Standard deviation of the initial SOC (cells were not perfectly balanced).</summary>
        public double InitialSocSd { get; set; } = 0.005;
        /// <summary>Arrhenius coefficient B of R0 and R1 (K); 1000 K ≈ −1.1 %/K near 25 °C.</summary>
        public double ArrheniusB_K { get; set; } = 1000.0;

        /// <summary>Cell-to-coolant thermal resistance.</summary>
        public double ThermalResistance_KPerW { get; set; } = 5.0;
        /// <summary>Coefficient of variation of the thermal resistance (cooling contact scatter).</summary>
        public double ThermalResistanceCoV { get; set; } = 0.03;
        /// <summary>Lumped heat capacity of one cell (≈ 70 g × 1.1 J/(g·K)).</summary>
        public double HeatCapacity_JPerK { get; set; } = 80.0;
        /// <summary>Thermal conductance between adjacent cells (20 K/W: cylindrical cells touch along a line).</summary>
        public double NeighbourConductance_WPerK { get; set; } = 0.05;
        /// <summary>Coolant/ambient temperature.</summary>
        public double Ambient_C { get; set; } = 25.0;

        /// <summary>Contact resistance of the bad weld (inside the voltage tap); default 3.6 mΩ = 20 % of nominal R0.</summary>
        public double WeldResistance_mOhm { get; set; } = 3.6;
        /// <summary>Share of the weld's I²R heat that flows into the cell (the rest goes into the busbar).</summary>
        public double WeldHeatShare { get; set; } = 0.5;
        /// <summary>Internal heat source of the hot cell.</summary>
        public double HotCellHeat_W { get; set; } = 2.5;

        /// <summary>Voltage measurement noise σ.</summary>
        public double VoltageNoise_mV { get; set; } = 1.0;
        /// <summary>Current measurement noise σ.</summary>
        public double CurrentNoise_mA { get; set; } = 10.0;
        /// <summary>Temperature measurement noise σ.</summary>
        public double TemperatureNoise_K { get; set; } = 0.05;
        /// <summary>σ of each temperature sensor's fixed offset.</summary>
        public double SensorOffsetSd_K { get; set; } = 0.1;

        /// <summary>The defective cell (1-based) for this scenario, 0 when healthy: weld defaults to cell ⌊N/3⌋+1, hot to ⌊2N/3⌋+1.</summary>
        public int EffectiveDefectCell => Scenario switch
        {
            RigScenario.Healthy => 0,
            _ when DefectCell > 0 => DefectCell,
            RigScenario.Weld => CellCount / 3 + 1,
            _ => 2 * CellCount / 3 + 1,
        };

        /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
        public void Validate()
        {
            if (CellCount < 1 || CellCount > 1024) throw new ArgumentException("cell count must be 1..1024", nameof(CellCount));
            if (DefectCell < 0 || DefectCell > CellCount) throw new ArgumentException($"defect cell must be 1..{CellCount} (or 0 for the default)", nameof(DefectCell));
            if (!(SamplePeriod_s > 0) || SamplePeriod_s > 60) throw new ArgumentException("sample period must be in (0, 60] s", nameof(SamplePeriod_s));
            Positive(NominalCapacity_Ah, nameof(NominalCapacity_Ah));
            Positive(NominalR0_mOhm, nameof(NominalR0_mOhm));
            Positive(NominalR1_mOhm, nameof(NominalR1_mOhm));
            Positive(Tau1_s, nameof(Tau1_s));
            Positive(ThermalResistance_KPerW, nameof(ThermalResistance_KPerW));
            Positive(HeatCapacity_JPerK, nameof(HeatCapacity_JPerK));
            if (!(InitialSoc > 0 && InitialSoc <= 1)) throw new ArgumentException("initial SOC must be in (0, 1]", nameof(InitialSoc));
            foreach (var (v, n) in new[] { (CapacityCoV, nameof(CapacityCoV)), (R0CoV, nameof(R0CoV)), (R1CoV, nameof(R1CoV)), (InitialSocSd, nameof(InitialSocSd)),
                         (ThermalResistanceCoV, nameof(ThermalResistanceCoV)), (NeighbourConductance_WPerK, nameof(NeighbourConductance_WPerK)),
                         (WeldResistance_mOhm, nameof(WeldResistance_mOhm)), (HotCellHeat_W, nameof(HotCellHeat_W)), (VoltageNoise_mV, nameof(VoltageNoise_mV)),
                         (CurrentNoise_mA, nameof(CurrentNoise_mA)), (TemperatureNoise_K, nameof(TemperatureNoise_K)), (SensorOffsetSd_K, nameof(SensorOffsetSd_K)),
                         (ArrheniusB_K, nameof(ArrheniusB_K)) })
                if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentException(n + " must be a finite number ≥ 0", n);
            if (!(WeldHeatShare >= 0 && WeldHeatShare <= 1)) throw new ArgumentException("weld heat share must be in [0, 1]", nameof(WeldHeatShare));
            if (!double.IsFinite(Ambient_C)) throw new ArgumentException("ambient must be finite", nameof(Ambient_C));
        }

        private static void Positive(double v, string name)
        {
            if (!(v > 0) || double.IsInfinity(v)) throw new ArgumentException(name + " must be a finite number > 0", name);
        }
    }
}

using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.OnDevice
{
    /// <summary>
    /// Everything a <see cref="PackMonitor"/> needs to know about the hardware and its tunables.
    /// Arrays are copied by the monitor at construction; changing the config afterwards has no effect.
    /// Start from <see cref="CreateVirtual"/> (host replay / simulator) or build one for real hardware
    /// and call <see cref="Validate"/>. Defaults are the documented "default setting" of the tests.
    /// </summary>
    public sealed class MonitorConfig
    {
        /// <summary>Largest supported cell count.</summary>
        public const int MaxCells = 32;

        /// <summary>Series cells monitored (1..<see cref="MaxCells"/>).</summary>
        public int CellCount;
        /// <summary>Temperature sensors (0..<see cref="CellCount"/>).</summary>
        public int TemperatureSensorCount;

        // ---- ADC and measurement ----

        /// <summary>Full-scale raw count of the ADC (4095 for 12-bit; <see cref="VirtualAdc.MaxCount"/> for the virtual ADC).</summary>
        public int AdcMaxCount = VirtualAdc.MaxCount;
        /// <summary>Conversions averaged per channel per tick (1..64).</summary>
        public int AveragingCount = 1;
        /// <summary>
        /// How the <see cref="AveragingCount"/> conversions of a channel become one sample. Default
        /// <see cref="ConversionAveraging.TrimExtremes"/>: with 4 or more conversions the lowest and highest are dropped,
        /// so one glitched conversion cannot move the sample (costs 16 % of the mean's efficiency on Gaussian noise at 4
        /// conversions, 7 % at 8, 3 % at 16; <see cref="ConversionAveraging.Mean"/> for a front end known to be glitch-free).
        /// </summary>
        public ConversionAveraging Averaging = ConversionAveraging.TrimExtremes;
        /// <summary>
        /// With trimming (<see cref="Averaging"/>, ≥ 4 conversions), a current sample whose kept conversions still spread
        /// (highest − lowest, calibrated) over more than this is flagged <see cref="SampleFlags.Spread"/> and not estimated
        /// on (mA; default 1000 = half the default <see cref="MinCurrentStep_mA"/>; 0 = off). Two glitches on the same side
        /// of one current sample leave one in the trimmed mean, which then fakes a current step for every cell at once and
        /// drags the whole pack's resistance estimates — and with them the median threshold — until the RLS forgets it
        /// (the virtual rig's bursts of false alarms at 0.5 % glitched conversions). Gaussian noise of σ per conversion
        /// spreads the 6 kept of 8 over ≈ 1.7 σ on average, the 14 kept of 16 over ≈ 2.6 σ (the virtual rig's
        /// ESP32 current channel: σ ≈ 73 mA, so ≈ 125 mA at 8 conversions), so the limit is far from clean data.
        /// </summary>
        public int MaxCurrentSpread_mA = 1000;
        /// <summary>An averaged count within this distance of 0 or <see cref="AdcMaxCount"/> is flagged <see cref="SampleFlags.Rail"/>.</summary>
        public int RailMargin_counts = 2;
        /// <summary>How cell voltages reach the ADC.</summary>
        public VoltageFrontEnd FrontEnd = VoltageFrontEnd.DirectPerCell;
        /// <summary>ADC channel per cell (direct) or per tap (stacked), length <see cref="CellCount"/>.</summary>
        public int[] CellChannels;
        /// <summary>Per cell/tap channel gain, µV per count in Q16.</summary>
        public int[] CellGain_Q16;
        /// <summary>Per cell/tap channel offset, µV.</summary>
        public int[] CellOffset_uV;
        /// <summary>Shunt/Hall current channel.</summary>
        public int CurrentChannel;
        /// <summary>Current gain, mA per count in Q16 (positive current = discharge).</summary>
        public int CurrentGain_Q16 = 65536;
        /// <summary>Current offset, mA (the shunt amplifier's zero, e.g. −gain·zeroCount).</summary>
        public int CurrentOffset_mA = -VirtualAdc.CurrentZero_counts;
        /// <summary>Optional pack-voltage channel for the pack-sum check; −1 = none.</summary>
        public int PackVoltageChannel = -1;
        /// <summary>Pack-voltage gain, µV per count in Q16.</summary>
        public int PackVoltageGain_Q16 = 65536;
        /// <summary>Pack-voltage offset, µV.</summary>
        public int PackVoltageOffset_uV;
        /// <summary>Largest allowed |Σcells − pack| before all cells are flagged <see cref="SampleFlags.PackSumMismatch"/>.</summary>
        public int PackSumTolerance_mV = 200;
        /// <summary>Kind of every temperature channel.</summary>
        public TemperatureSensorKind TemperatureKind = TemperatureSensorKind.Linear;
        /// <summary>ADC channel per temperature sensor.</summary>
        public int[] TemperatureChannels;
        /// <summary>Linear temperature gain, dC per count in Q16 (unused for NTC).</summary>
        public int[] TemperatureGain_Q16;
        /// <summary>Linear temperature offset, dC (unused for NTC).</summary>
        public int[] TemperatureOffset_dC;
        /// <summary>0-based cell each sensor touches (hot-cell alerts name this cell).</summary>
        public int[] TemperatureSensorCell;
        /// <summary>NTC table raw counts, strictly ascending (default: <see cref="NtcTable.CreateDefaultCounts"/>).</summary>
        public int[] NtcTable_counts = NtcTable.CreateDefaultCounts();
        /// <summary>NTC table temperatures in dC matching <see cref="NtcTable_counts"/>.</summary>
        public int[] NtcTable_dC = NtcTable.CreateDefaultTemperatures_dC();

        // ---- validation ----

        /// <summary>Cell voltage below this is implausible (open wire / short).</summary>
        public int MinPlausibleCell_mV = 500;
        /// <summary>Cell voltage above this is implausible.</summary>
        public int MaxPlausibleCell_mV = 5000;
        /// <summary>Fixed part of the allowed cell-voltage change between ticks.</summary>
        public int MaxJump_mV = 300;
        /// <summary>
        /// Current-dependent part of the allowed change: |ΔI| times this resistance, for a change that no current step
        /// explains (no step of at least <see cref="MinCurrentStep_mA"/>, or the voltage moved the wrong way for the step).
        /// </summary>
        public int MaxJumpResistance_mOhm = 100;
        /// <summary>
        /// Current-dependent part of the allowed change when the voltage moves the way the current step drives it
        /// (drop on more discharge, rise on less): |ΔI| times this resistance. Such a jump is a resistance (a bad weld of
        /// ×10 and more) that the sequential test must see, not a sensor glitch; only an implied series resistance above
        /// this (default 1 Ω: a broken sense or power path, not a cell) is flagged <see cref="SampleFlags.Jump"/>.
        /// </summary>
        public int MaxStepResistance_mOhm = 1000;
        /// <summary>|current| above this is implausible (mA).</summary>
        public int MaxPlausibleCurrent_mA = 500000;
        /// <summary>Temperatures outside [min, max] dC are implausible.</summary>
        public int MinPlausibleTemperature_dC = -400;
        /// <summary>Temperatures outside [min, max] dC are implausible.</summary>
        public int MaxPlausibleTemperature_dC = 1250;
        /// <summary>Largest plausible temperature change per tick, dC.</summary>
        public int MaxTemperatureJump_dC = 100;
        /// <summary>Consecutive large current steps with a bit-identical cell reading before it is flagged stuck.</summary>
        public int StuckSteps = 8;
        /// <summary>Consecutive flagged ticks before a <see cref="Alerts.AlertKind.SensorFault"/> is raised.</summary>
        public int FaultPersistTicks = 5;
        /// <summary>Consecutive clean ticks before a sensor fault clears.</summary>
        public int FaultClearTicks = 20;

        // ---- resistance ----

        /// <summary>Only current changes at least this large between ticks update the resistance estimate.</summary>
        public int MinCurrentStep_mA = 2000;
        /// <summary>RLS forgetting factor λ in Q16 (default 0.995 ≈ 200-step memory; 65536 = no forgetting).</summary>
        public int ResistanceForgetting_Q16 = 65208;
        /// <summary>Floor on the ΔV noise σ used to standardize innovations (µV); the estimated noise is used when larger.</summary>
        public int ResistanceNoiseFloor_uV = 500;
        /// <summary>
        /// Cap on the ΔV noise σ the sequential test uses for a cell, as a multiple of the pack median of the warmed-up
        /// cells' σ (Q16; 2.0; 0 = no cap). Every cell sees the same front end, so a cell whose own σ grows beyond this is
        /// seeing a changing resistance (weld step or ramp), not noise, and must not be blinded by it.
        /// </summary>
        public int ResistanceNoiseCapRatio_Q16 = 2 * 65536;
        /// <summary>
        /// Arrhenius constant B (K) of the cell's ohmic resistance, R(T) = R_ref·exp(B·(1/T − 1/T_ref)); every step is
        /// compensated to <see cref="ResistanceReferenceTemperature_dC"/> with the temperature of the cell's nearest sensor,
        /// so all resistances (estimates, thresholds, drift) are at the same temperature. Default 1000 K (≈ −1.1 %/K at
        /// 25 °C, the rig simulator's cell); 0 = no compensation. Needs temperature sensors.
        /// </summary>
        public int ResistanceArrheniusB_K = 1000;
        /// <summary>
        /// Reference temperature of the compensated resistance (dC; 250 = 25 °C, where manufacturing priors are usually
        /// stated). Estimates, pack median, thresholds and drift are all at this temperature.
        /// </summary>
        public int ResistanceReferenceTemperature_dC = 250;
        /// <summary>Steps before a cell's estimate is used by the sequential test and the pack median (its noise estimate needs them).</summary>
        public int ResistanceWarmupSteps = 12;
        /// <summary>Default prior scale relative to the pack median when no resistance prior is set (ppm; 10000 = 1 %).</summary>
        public int DefaultResistanceRelativeScale_ppm = 10000;
        /// <summary>
        /// Without a resistance prior, alarm above pack median × (1 + this) (ppm; 25000 = 2.5 %): halfway between the healthy
        /// spread (0.45–1.5 % reported for commercial cells) and a 5 % weld defect.
        /// </summary>
        public int DefaultResistanceMargin_ppm = 25000;
        /// <summary>Alarm threshold in prior scales from the location when a prior has no host threshold (Q16; 3.0).</summary>
        public int DefaultThresholdSigma_Q16 = 3 * 65536;
        /// <summary>
        /// Resistance CUSUM threshold h in log-likelihood units (Q16; 30). A cell at its reference alarms falsely after
        /// ≥ e^30 steps, one 40 % of the way to the threshold after ≥ e^18 ≈ 7·10^7 steps, at any noise level
        /// (see <see cref="Diagnosis.Cusum"/>).
        /// </summary>
        public int CusumThreshold_Q16 = 30 * 65536;
        /// <summary>
        /// Largest evidence one current step may add to the resistance CUSUM (Q16; 5 log-likelihood units), so at least
        /// ⌈h/5⌉ outlying steps are needed (6 at the default h = 30, 2 at h = 10): a single glitch on a large step cannot
        /// raise an outlier. It is absolute, not a fraction of h, so the CUSUM path is the same for every h and a lower
        /// threshold can be emulated exactly from a run at a higher one (as `cellvar evaluate` does).
        /// </summary>
        public int CusumMaxIncrement_Q16 = 5 * 65536;
        /// <summary>Relative resistance growth beyond the pack's growth that raises <see cref="Alerts.AlertKind.Drift"/> (ppm; 10 %).</summary>
        public int DriftThreshold_ppm = 100000;
        /// <summary>Steps after which a cell's baseline for drift is frozen.</summary>
        public int DriftBaselineSteps = 200;

        // ---- capacity ----

        /// <summary>|current| at or below this counts as rest (mA).</summary>
        public int RestCurrent_mA = 500;
        /// <summary>Continuous rest needed before the voltage counts as relaxed (ms; default 30 min).</summary>
        public int RestTime_ms = 1800000;
        /// <summary>Minimum |ΔSOC| between two rest points for a capacity update (0.01 %; 2000 = 20 %).</summary>
        public int MinSocSwing_cPct = 2000;
        /// <summary>Relaxed cell voltage (mV) at SOC 0, 10, …, 100 % (11 points, ascending). Default: generic NMC.</summary>
        public int[] OcvTable_mV = new int[] { 3000, 3450, 3560, 3620, 3670, 3730, 3810, 3900, 3990, 4080, 4180 };
        /// <summary>Capacity forgetting factor per rest-to-rest cycle (Q16; 0.8).</summary>
        public int CapacityForgetting_Q16 = 52429;
        /// <summary>Assumed σ of an OCV-derived SOC (0.01 %; 100 = 1 %), for the capacity standard error.</summary>
        public int SocNoise_cPct = 100;
        /// <summary>Default capacity prior scale relative to the pack median (ppm; 20000 = 2 %).</summary>
        public int DefaultCapacityRelativeScale_ppm = 20000;
        /// <summary>Capacity CUSUM threshold in log-likelihood units (Q16; 20; one observation per rest-to-rest cycle).</summary>
        public int CapacityCusumThreshold_Q16 = 20 * 65536;

        // ---- temperature ----

        /// <summary>Excess over the neighbour median (after expected I²R) that makes a cell hot (dC) when no prior is set.</summary>
        public int HotExcess_dC = 50;
        /// <summary>Hot-cell hysteresis: clears below threshold minus this (dC).</summary>
        public int HotHysteresis_dC = 10;
        /// <summary>Consecutive ticks over the threshold before a hot-cell alert.</summary>
        public int HotPersistTicks = 10;
        /// <summary>Cell-to-ambient thermal resistance (dC per W) for the expected I²R heating.</summary>
        public int ThermalResistance_dCPerW = 50;
        /// <summary>EWMA time constant of the temperature excess, in ticks (power of two preferred).</summary>
        public int TemperatureSmoothingTicks = 8;

        // ---- alerts ----

        /// <summary>Alerts held before the oldest is overwritten.</summary>
        public int AlertQueueCapacity = 32;

        /// <summary>
        /// A config for the 20-bit virtual ADC (<see cref="VirtualAdc"/>): cell i on channel i (10 µV/count),
        /// current on channel N (1 mA/count, zero at 2^19), sensor s on channel N+1+s (1 dC/count, 0 °C at 2^19),
        /// sensor s on cell s·N/M (spread evenly).
        /// </summary>
        public static MonitorConfig CreateVirtual(int cellCount, int temperatureSensorCount)
        {
            MonitorConfig c = new MonitorConfig();
            c.CellCount = cellCount;
            c.TemperatureSensorCount = temperatureSensorCount;
            int n = cellCount < 0 ? 0 : cellCount;
            int m = temperatureSensorCount < 0 ? 0 : temperatureSensorCount;
            c.CellChannels = new int[n];
            c.CellGain_Q16 = new int[n];
            c.CellOffset_uV = new int[n];
            for (int i = 0; i < n; i++)
            {
                c.CellChannels[i] = i;
                c.CellGain_Q16[i] = VirtualAdc.Voltage_uVPerCount << 16;
            }
            c.CurrentChannel = n;
            c.TemperatureChannels = new int[m];
            c.TemperatureGain_Q16 = new int[m];
            c.TemperatureOffset_dC = new int[m];
            c.TemperatureSensorCell = new int[m];
            for (int s = 0; s < m; s++)
            {
                c.TemperatureChannels[s] = n + 1 + s;
                c.TemperatureGain_Q16[s] = VirtualAdc.Temperature_dCPerCount << 16;
                c.TemperatureOffset_dC[s] = -VirtualAdc.TemperatureZero_counts;
                c.TemperatureSensorCell[s] = n == 0 ? 0 : (int)((long)s * n / m);
            }
            return c;
        }

        /// <summary>Returns null when the config is usable, otherwise a message naming the first bad field.</summary>
        public string Validate()
        {
            if (CellCount < 1 || CellCount > MaxCells) return "CellCount must be 1.." + MaxCells.ToString();
            if (TemperatureSensorCount < 0 || TemperatureSensorCount > CellCount) return "TemperatureSensorCount must be 0..CellCount";
            if (CellChannels == null || CellChannels.Length != CellCount) return "CellChannels must have CellCount entries";
            if (CellGain_Q16 == null || CellGain_Q16.Length != CellCount) return "CellGain_Q16 must have CellCount entries";
            if (CellOffset_uV == null || CellOffset_uV.Length != CellCount) return "CellOffset_uV must have CellCount entries";
            int m = TemperatureSensorCount;
            if (m > 0)
            {
                if (TemperatureChannels == null || TemperatureChannels.Length != m) return "TemperatureChannels must have TemperatureSensorCount entries";
                if (TemperatureGain_Q16 == null || TemperatureGain_Q16.Length != m) return "TemperatureGain_Q16 must have TemperatureSensorCount entries";
                if (TemperatureOffset_dC == null || TemperatureOffset_dC.Length != m) return "TemperatureOffset_dC must have TemperatureSensorCount entries";
                if (TemperatureSensorCell == null || TemperatureSensorCell.Length != m) return "TemperatureSensorCell must have TemperatureSensorCount entries";
                for (int s = 0; s < m; s++)
                    if (TemperatureSensorCell[s] < 0 || TemperatureSensorCell[s] >= CellCount) return "TemperatureSensorCell[" + s.ToString() + "] is not a cell index";
                if (TemperatureKind == TemperatureSensorKind.NtcTable)
                {
                    if (NtcTable_counts == null || NtcTable_dC == null || NtcTable_counts.Length < 2 || NtcTable_counts.Length != NtcTable_dC.Length)
                        return "NtcTable_counts and NtcTable_dC must have the same length (at least 2)";
                    for (int i = 1; i < NtcTable_counts.Length; i++)
                        if (NtcTable_counts[i] <= NtcTable_counts[i - 1]) return "NtcTable_counts must be strictly ascending (index " + i.ToString() + ")";
                }
            }
            if (AdcMaxCount < 1) return "AdcMaxCount must be positive";
            if (AveragingCount < 1 || AveragingCount > 64) return "AveragingCount must be 1..64";
            if (Averaging != ConversionAveraging.Mean && Averaging != ConversionAveraging.TrimExtremes) return "Averaging must be Mean or TrimExtremes";
            for (int i = 0; i < CellCount; i++)
                if (CellGain_Q16[i] == 0) return "CellGain_Q16[" + i.ToString() + "] must not be 0";
            if (CurrentGain_Q16 == 0) return "CurrentGain_Q16 must not be 0";
            if (MinCurrentStep_mA < 1) return "MinCurrentStep_mA must be positive";
            if (MaxCurrentSpread_mA < 0) return "MaxCurrentSpread_mA must be 0 (off) or positive";
            if (ResistanceForgetting_Q16 < 32768 || ResistanceForgetting_Q16 > 65536) return "ResistanceForgetting_Q16 must be 0.5..1.0 (32768..65536)";
            if (CapacityForgetting_Q16 < 0 || CapacityForgetting_Q16 > 65536) return "CapacityForgetting_Q16 must be 0..65536";
            if (ResistanceNoiseFloor_uV < 1) return "ResistanceNoiseFloor_uV must be positive";
            if (MaxJumpResistance_mOhm < 0 || MaxStepResistance_mOhm < MaxJumpResistance_mOhm) return "MaxStepResistance_mOhm must be >= MaxJumpResistance_mOhm >= 0";
            if (ResistanceNoiseCapRatio_Q16 != 0 && ResistanceNoiseCapRatio_Q16 < 65536) return "ResistanceNoiseCapRatio_Q16 must be 0 (off) or >= 65536 (1.0)";
            if (ResistanceArrheniusB_K < 0 || ResistanceArrheniusB_K > 20000) return "ResistanceArrheniusB_K must be 0..20000";
            if (ResistanceReferenceTemperature_dC < -400 || ResistanceReferenceTemperature_dC > 1250) return "ResistanceReferenceTemperature_dC must be -400..1250";
            if (CusumThreshold_Q16 < 1 || CapacityCusumThreshold_Q16 < 1) return "CUSUM thresholds must be positive";
            if (CusumMaxIncrement_Q16 < 1) return "CusumMaxIncrement_Q16 must be positive";
            if (OcvTable_mV == null || OcvTable_mV.Length != 11) return "OcvTable_mV must have 11 entries (0..100 % SOC)";
            for (int i = 1; i < 11; i++)
                if (OcvTable_mV[i] <= OcvTable_mV[i - 1]) return "OcvTable_mV must be strictly ascending (index " + i.ToString() + ")";
            if (StuckSteps < 1 || FaultPersistTicks < 1 || FaultClearTicks < 1 || HotPersistTicks < 1) return "tick/step counts must be positive";
            if (TemperatureSmoothingTicks < 1) return "TemperatureSmoothingTicks must be positive";
            if (AlertQueueCapacity < 1) return "AlertQueueCapacity must be positive";
            return null;
        }
    }
}

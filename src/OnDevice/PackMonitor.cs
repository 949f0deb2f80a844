using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.OnDevice.Estimation;
using CellVar.Bms.OnDevice.FixedPoint;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.OnDevice
{
    /// <summary>
    /// The on-device cell monitor for up to 32 series cells. Call <see cref="Tick"/> once per sample period; each tick runs
    /// acquire → validate → estimate → compare with prior → alert. Everything is allocated in the constructor;
    /// <see cref="Tick"/> allocates nothing. Per-cell state is kept as structure-of-arrays (≤ <see cref="StateBytesPerCell"/> bytes per cell).
    /// Not thread-safe: call Tick, the setters and the getters from one thread.
    /// </summary>
    public sealed class PackMonitor
    {
        /// <summary>
        /// Bytes of per-cell state, counted from the arrays below when every cell has its own temperature sensor
        /// (cell: 4+4+1+1+1+1 measurement, 12 calibration, 26 resistance estimator, 4+4+4 resistance test/baseline/drift,
        /// 10 capacity estimator, 4 capacity test, 16 per-cell priors, 4 scratch, 1 sensor map;
        /// sensor: 4+4+1+1+1+1 state, 16 calibration). The test project checks it against measured allocations.
        /// </summary>
        public const int StateBytesPerCell = 12 + 12 + 26 + 12 + 10 + 4 + 16 + 4 + 1 + 12 + 16;

        private const byte StPrevValid = 1;
        private const byte StBalancing = 2;
        private const byte StFault = 4;
        private const byte StResistanceOutlier = 8;
        private const byte StCapacityOutlier = 16;
        private const byte StDrift = 32;
        private const byte StBaseline = 64;

        private const byte TsPrevValid = 1;
        private const byte TsFault = 2;
        private const byte TsHot = 4;
        private const byte TsSeen = 8; // has had a good reading (its last good value may be used for compensation)

        // Kelvin ×10 at 0 °C, for the Arrhenius compensation in dC.
        private const int ZeroCelsius_dK = 2732;
        // |B·(1/T_ref − 1/T)| is clamped to this (Q16; factor e^±1) so a wild but plausible reading cannot scale R absurdly.
        private const int MaxCompensationExponent_Q16 = 65536;

        private const int CellOwnFaultMask = SampleFlags.FaultMask & ~SampleFlags.PackSumMismatch;
        private const int EstimationBlockMask = SampleFlags.FaultMask | SampleFlags.Balancing | SampleFlags.PackCurrentInvalid;

        private readonly MonitorConfig _cfg;
        private readonly IAdcChannelReader _adc;
        private readonly AlertQueue _alerts;
        private readonly int _n;
        private readonly int _m;
        private readonly bool _stacked;
        private readonly bool _ntc;
        private readonly int[] _ntcCounts;
        private readonly int[] _ntcTemps;
        private readonly int[] _ocv;

        // Per cell: measurement.
        private readonly int[] _v_uV;
        private readonly int[] _lastGood_uV;
        private readonly byte[] _flags;
        private readonly byte[] _faultCount;
        private readonly byte[] _stuckCount;
        private readonly byte[] _state;
        private readonly int[] _cellCh;
        private readonly int[] _cellGain;
        private readonly int[] _cellOff;
        private readonly sbyte[] _cellSensor;

        // Per cell: estimation and diagnosis.
        private readonly ResistanceEstimator _res;
        private readonly int[] _rCusum;
        private readonly int[] _rBase_nOhm;
        private readonly int[] _growth_ppm;
        private readonly CapacityEstimator _cap;
        private readonly int[] _cCusum;
        private readonly int[] _rCellLoc;
        private readonly int[] _rCellScale;
        private readonly int[] _cCellLoc;
        private readonly int[] _cCellScale;
        private readonly int[] _scratch;
        private readonly Prior[] _priors;

        // Per temperature sensor.
        private readonly int[] _tLast_dC;
        private readonly int[] _tExcess_dC;
        private readonly byte[] _tFlags;
        private readonly byte[] _tFaultCount;
        private readonly byte[] _tState;
        private readonly byte[] _hotCount;
        private readonly int[] _tCh;
        private readonly int[] _tGain;
        private readonly int[] _tOff;
        private readonly int[] _tCell;

        // Pack level.
        private Alert _pending;
        private int _current_mA;
        private int _prevCurrent_mA;
        private bool _prevCurrentValid;
        private int _packFlags;
        private int _packFaultCount;
        private bool _packFault;
        private int _lastTime_ms;
        private bool _hasTime;
        private int _tickCount;
        private int _rMedian_nOhm;
        private bool _rMedianValid;
        private int _cMedian_mAh;
        private bool _cMedianValid;
        private long _charge_mAms;
        private bool _chargeValid;
        private int _restElapsed_ms;
        private bool _rested;
        private long _currentSquaredAvg_mA2;
        private int _tMedian_dC;
        private int _medianGrowth_ppm;
        private int _noiseCap_uV;

        /// <summary>
        /// Builds a monitor. Throws <see cref="System.ArgumentException"/> naming the bad field when
        /// <see cref="MonitorConfig.Validate"/> fails or <paramref name="adc"/> is null.
        /// </summary>
        public PackMonitor(MonitorConfig config, IAdcChannelReader adc)
        {
            if (config == null) throw new System.ArgumentException("config is null");
            if (adc == null) throw new System.ArgumentException("adc is null");
            string err = config.Validate();
            if (err != null) throw new System.ArgumentException("MonitorConfig: " + err);
            _cfg = config;
            _adc = adc;
            _n = config.CellCount;
            _m = config.TemperatureSensorCount;
            _stacked = config.FrontEnd == VoltageFrontEnd.StackedTaps;
            _ntc = config.TemperatureKind == TemperatureSensorKind.NtcTable;
            _ntcCounts = Copy(config.NtcTable_counts);
            _ntcTemps = Copy(config.NtcTable_dC);
            _ocv = Copy(config.OcvTable_mV);
            _alerts = new AlertQueue(config.AlertQueueCapacity);

            int n = _n;
            _v_uV = new int[n];
            _lastGood_uV = new int[n];
            _flags = new byte[n];
            _faultCount = new byte[n];
            _stuckCount = new byte[n];
            _state = new byte[n];
            _cellCh = Copy(config.CellChannels);
            _cellGain = Copy(config.CellGain_Q16);
            _cellOff = Copy(config.CellOffset_uV);
            _cellSensor = new sbyte[n];
            _res = new ResistanceEstimator(n, config.ResistanceForgetting_Q16, config.ResistanceNoiseFloor_uV);
            _rCusum = new int[n];
            _rBase_nOhm = new int[n];
            _growth_ppm = new int[n];
            _cap = new CapacityEstimator(n, config.CapacityForgetting_Q16, config.SocNoise_cPct);
            _cCusum = new int[n];
            _rCellLoc = new int[n];
            _rCellScale = new int[n];
            _cCellLoc = new int[n];
            _cCellScale = new int[n];
            _scratch = new int[n];
            _priors = new Prior[3];

            int m = _m;
            _tLast_dC = new int[m];
            _tExcess_dC = new int[m];
            _tFlags = new byte[m];
            _tFaultCount = new byte[m];
            _tState = new byte[m];
            _hotCount = new byte[m];
            _tCh = Copy(config.TemperatureChannels);
            _tGain = Copy(config.TemperatureGain_Q16);
            _tOff = Copy(config.TemperatureOffset_dC);
            _tCell = Copy(config.TemperatureSensorCell);
            for (int i = 0; i < n; i++)
            {
                int best = -1;
                int bestDist = int.MaxValue;
                for (int s = 0; s < m; s++)
                {
                    int d = _tCell[s] - i;
                    if (d < 0) d = -d;
                    if (d < bestDist) { bestDist = d; best = s; }
                }
                _cellSensor[i] = (sbyte)best;
            }
        }

        private static int[] Copy(int[] a)
        {
            if (a == null) return new int[0];
            int[] c = new int[a.Length];
            for (int i = 0; i < a.Length; i++) c[i] = a[i];
            return c;
        }

        // ------------------------------------------------------------------ public surface

        /// <summary>Number of cells.</summary>
        public int CellCount => _n;

        /// <summary>Number of temperature sensors.</summary>
        public int TemperatureSensorCount => _m;

        /// <summary>The alert ring buffer; dequeue with <see cref="AlertQueue.TryDequeue"/>.</summary>
        public AlertQueue Alerts => _alerts;

        /// <summary>Ticks run so far (saturates).</summary>
        public int TickCount => _tickCount;

        /// <summary>Pack current of the last tick (mA, positive = discharge).</summary>
        public int PackCurrent_mA => _current_mA;

        /// <summary>Pack-level <see cref="SampleFlags"/> of the last tick (current channel and pack-sum check).</summary>
        public int PackFlags => _packFlags;

        /// <summary>Charge moved since the last rest point (mAh, positive = discharged).</summary>
        public int ChargeSinceRest_mAh => SaturatingMath.ToInt(FixedMath.DivRound(_charge_mAms, 3600000));

        /// <summary>True while the pack has rested long enough for relaxed-voltage SOC.</summary>
        public bool IsRested => _rested;

        /// <summary>Sets a prior for a quantity (all cells). An unset prior (default) means "compare with the pack median".</summary>
        public void SetPrior(PriorQuantity quantity, Prior prior)
        {
            if (prior.Scale < 1) prior.Scale = 1;
            _priors[(int)quantity] = prior;
        }

        /// <summary>Returns the quantity-level prior (IsSet false when the default applies).</summary>
        public Prior GetPrior(PriorQuantity quantity) { return _priors[(int)quantity]; }

        /// <summary>
        /// Per-cell override of location and scale (device units) for <see cref="PriorQuantity.Resistance"/> or
        /// <see cref="PriorQuantity.Capacity"/>; needs a quantity prior. Its threshold becomes
        /// location_cell + (threshold − location)·scale_cell/scale (log-normal: threshold·location_cell/location).
        /// scale ≤ 0 removes the override. Other quantities are ignored.
        /// </summary>
        public void SetCellPrior(PriorQuantity quantity, int cell, int location, int scale)
        {
            if (cell < 0 || cell >= _n) return;
            if (scale < 0) scale = 0;
            if (quantity == PriorQuantity.Resistance) { _rCellLoc[cell] = location; _rCellScale[cell] = scale; }
            else if (quantity == PriorQuantity.Capacity) { _cCellLoc[cell] = location; _cCellScale[cell] = scale; }
        }

        /// <summary>
        /// Tells the monitor that a cell's balancing switch is on or off. While on, the cell's samples are valid but its
        /// estimators pause (balancing current is invisible to the shunt); its capacity anchor is dropped.
        /// </summary>
        public void SetBalancing(int cell, bool on)
        {
            if (cell < 0 || cell >= _n) return;
            byte st = _state[cell];
            bool was = (st & StBalancing) != 0;
            if (was == on) return;
            st = on ? (byte)(st | StBalancing) : (byte)(st & ~StBalancing);
            st = (byte)(st & ~StPrevValid); // the step across the switch mixes two currents
            _state[cell] = st;
            _cap.SetAnchor(cell, CapacityEstimator.NoAnchor);
        }

        /// <summary>True while balancing is on for the cell.</summary>
        public bool IsBalancing(int cell) { return (_state[cell] & StBalancing) != 0; }

        /// <summary>Last cell voltage reading (µV), valid only if <see cref="GetSampleFlags"/> has no fault bit.</summary>
        public int GetCellVoltage_uV(int cell) { return _v_uV[cell]; }

        /// <summary>Last cell voltage reading (mV, rounded).</summary>
        public int GetCellVoltage_mV(int cell) { return (int)FixedMath.DivRound(_v_uV[cell], 1000); }

        /// <summary><see cref="SampleFlags"/> of the cell's last sample.</summary>
        public int GetSampleFlags(int cell) { return _flags[cell]; }

        /// <summary><see cref="SampleFlags"/> of a temperature sensor's last sample.</summary>
        public int GetTemperatureSensorFlags(int sensor) { return _tFlags[sensor]; }

        /// <summary>Resistance estimate (µΩ; 0 before the first usable current step).</summary>
        public int GetResistance_uOhm(int cell) { return _res.GetResistance_uOhm(cell); }

        /// <summary>Standard error of the resistance estimate (µΩ; int.MaxValue before the first step).</summary>
        public int GetResistanceSe_uOhm(int cell)
        {
            int se = _res.GetStandardError_nOhm(cell);
            return se == int.MaxValue ? se : (int)FixedMath.DivRound(se, 1000);
        }

        /// <summary>Current steps used by the cell's resistance estimate.</summary>
        public int GetResistanceSteps(int cell) { return _res.GetSteps(cell); }

        /// <summary>Estimated ΔV noise σ of the cell (µV) used to standardize the sequential test.</summary>
        public int GetResistanceNoise_uV(int cell) { return _res.GetNoiseSigma_uV(cell); }

        /// <summary>The resistance CUSUM statistic (Q16 σ units; alarms at <see cref="MonitorConfig.CusumThreshold_Q16"/>).</summary>
        public int GetResistanceCusum_Q16(int cell) { return _rCusum[cell]; }

        /// <summary>Pack median of warmed-up resistance estimates (µΩ; 0 when fewer than 3 cells qualify).</summary>
        public int ResistanceMedian_uOhm => _rMedianValid ? (int)FixedMath.DivRound(_rMedian_nOhm, 1000) : 0;

        /// <summary>The resistance alarm threshold that currently applies to the cell (µΩ; 0 when not yet known).</summary>
        public int GetResistanceThreshold_uOhm(int cell)
        {
            long t = ResistanceThreshold_nOhm(cell);
            return t < 0 ? 0 : SaturatingMath.ToInt(FixedMath.DivRound(t, 1000));
        }

        /// <summary>
        /// Deviation score (Q16): (R − reference)/√(scale² + se²) against the prior (log scale for log-normal priors)
        /// or, without a prior, against the pack median with the default relative scale. 0 when unknown.
        /// </summary>
        public int GetResistanceScore_Q16(int cell)
        {
            if (_res.GetSteps(cell) == 0) return 0;
            long r = _res.GetResistance_nOhm(cell);
            long se = _res.GetStandardError_nOhm(cell);
            Prior p = _priors[(int)PriorQuantity.Resistance];
            long loc;
            long scale;
            if (p.IsSet)
            {
                loc = (long)(_rCellScale[cell] > 0 ? _rCellLoc[cell] : p.Location) * 1000;
                scale = _rCellScale[cell] > 0 ? _rCellScale[cell] : p.Scale;
                if (p.Family == PriorFamily.LogNormal) return LogScore(r, se, loc, scale);
                scale *= 1000;
            }
            else
            {
                if (!_rMedianValid) return 0;
                loc = _rMedian_nOhm;
                scale = FixedMath.DivRound(loc * _cfg.DefaultResistanceRelativeScale_ppm, 1000000);
            }
            return Score(r - loc, scale, se);
        }

        /// <summary>Relative resistance growth since the cell's baseline minus the pack's median growth (ppm).</summary>
        public int GetDrift_ppm(int cell)
        {
            if ((_state[cell] & StBaseline) == 0) return 0;
            return SaturatingMath.Sub(_growth_ppm[cell], _medianGrowth_ppm);
        }

        /// <summary>Capacity estimate (mAh; 0 before the first rest-to-rest cycle).</summary>
        public int GetCapacity_mAh(int cell) { return _cap.GetCapacity_mAh(cell); }

        /// <summary>Standard error of the capacity estimate (mAh; int.MaxValue before the first cycle).</summary>
        public int GetCapacitySe_mAh(int cell) { return _cap.GetStandardError_mAh(cell); }

        /// <summary>Capacity deviation score (Q16) against the prior or the pack median; 0 when unknown.</summary>
        public int GetCapacityScore_Q16(int cell)
        {
            if (!_cap.HasEstimate(cell)) return 0;
            long c = _cap.GetCapacity_mAh(cell);
            long se = _cap.GetStandardError_mAh(cell);
            Prior p = _priors[(int)PriorQuantity.Capacity];
            long loc;
            long scale;
            if (p.IsSet)
            {
                loc = _cCellScale[cell] > 0 ? _cCellLoc[cell] : p.Location;
                scale = _cCellScale[cell] > 0 ? _cCellScale[cell] : p.Scale;
                if (p.Family == PriorFamily.LogNormal) return LogScore(c, se, loc, scale);
            }
            else
            {
                if (!_cMedianValid) return 0;
                loc = _cMedian_mAh;
                scale = FixedMath.DivRound(loc * _cfg.DefaultCapacityRelativeScale_ppm, 1000000);
            }
            return Score(c - loc, scale, se);
        }

        /// <summary>Temperature (dC) of the sensor nearest to the cell; 0 without sensors.</summary>
        public int GetTemperature_dC(int cell)
        {
            int s = _cellSensor[cell];
            return s < 0 ? 0 : _tLast_dC[s];
        }

        /// <summary>Smoothed temperature excess (dC) over the sensor median after expected I²R heating, for the sensor nearest to the cell.</summary>
        public int GetTemperatureExcess_dC(int cell)
        {
            int s = _cellSensor[cell];
            return s < 0 ? 0 : _tExcess_dC[s];
        }

        /// <summary>Temperature excess score (Q16): excess / prior scale (default scale 10 dC).</summary>
        public int GetTemperatureScore_Q16(int cell)
        {
            int s = _cellSensor[cell];
            if (s < 0) return 0;
            Prior p = _priors[(int)PriorQuantity.TemperatureRise];
            long loc = p.IsSet ? p.Location : 0;
            long scale = p.IsSet ? p.Scale : 10;
            return Score(_tExcess_dC[s] - loc, scale, 0);
        }

        /// <summary>True while an alert of <paramref name="kind"/> is raised for the cell (hot cell: for a sensor on this cell).</summary>
        public bool IsAlertActive(int cell, AlertKind kind)
        {
            byte st = _state[cell];
            if (kind == AlertKind.ResistanceOutlier) return (st & StResistanceOutlier) != 0;
            if (kind == AlertKind.CapacityOutlier) return (st & StCapacityOutlier) != 0;
            if (kind == AlertKind.Drift) return (st & StDrift) != 0;
            if (kind == AlertKind.SensorFault)
            {
                if ((st & StFault) != 0) return true;
                for (int s = 0; s < _m; s++)
                    if (_tCell[s] == cell && (_tState[s] & TsFault) != 0) return true;
                return false;
            }
            if (kind == AlertKind.HotCell)
            {
                for (int s = 0; s < _m; s++)
                    if (_tCell[s] == cell && (_tState[s] & TsHot) != 0) return true;
            }
            return false;
        }

        /// <summary>True while the pack-level sensor fault (current channel or pack-sum mismatch) is raised.</summary>
        public bool IsPackFaultActive => _packFault;

        // ------------------------------------------------------------------ the tick

        /// <summary>
        /// Runs one sample period at <paramref name="time_ms"/> (any monotonic millisecond clock; only differences between
        /// consecutive ticks are used, taken with wrap-around, so an int clock that wraps after 24.8 days is fine; alerts
        /// carry <paramref name="time_ms"/> as given). Reads every channel <see cref="MonitorConfig.AveragingCount"/> times
        /// and combines the conversions as <see cref="MonitorConfig.Averaging"/> says (default: trimmed mean).
        /// </summary>
        public void Tick(int time_ms)
        {
            MonitorConfig cfg = _cfg;
            int dt = _hasTime ? unchecked(time_ms - _lastTime_ms) : 0;
            if (dt < 0) dt = 0;
            _hasTime = true;
            _lastTime_ms = time_ms;
            if (_tickCount != int.MaxValue) _tickCount++;
            int avg = cfg.AveragingCount;
            // Conversions that make up one sample: the lowest and highest are dropped when trimming (see AcquireSum).
            bool trim = avg >= 4 && cfg.Averaging == ConversionAveraging.TrimExtremes;
            int conv = trim ? avg - 2 : avg;
            long railLo = (long)cfg.RailMargin_counts * conv;
            long railHi = (long)(cfg.AdcMaxCount - cfg.RailMargin_counts) * conv;

            // ---- acquire + validate the current
            int packFlags = 0;
            long sum = AcquireSum(cfg.CurrentChannel, avg, trim, out int spread_counts);
            int current = 0;
            if (sum < 0) packFlags |= SampleFlags.ConversionFailed;
            else
            {
                if (sum <= railLo || sum >= railHi) packFlags |= SampleFlags.Rail;
                current = ChannelCalibration.Apply(sum, conv, cfg.CurrentGain_Q16, cfg.CurrentOffset_mA);
                if (current > cfg.MaxPlausibleCurrent_mA || current < -cfg.MaxPlausibleCurrent_mA) packFlags |= SampleFlags.Implausible;
                // The current is every cell's regressor: a glitch that survived trimming (two in one sample, same side) would
                // fake or distort a step for the whole pack at once, so such a sample is dropped rather than estimated on.
                int spreadLimit = cfg.MaxCurrentSpread_mA;
                if (trim && spreadLimit > 0
                    && FixedMath.MulDivRound(spread_counts, cfg.CurrentGain_Q16 < 0 ? -(long)cfg.CurrentGain_Q16 : cfg.CurrentGain_Q16, 65536) > spreadLimit)
                    packFlags |= SampleFlags.Spread;
            }
            bool currentOk = packFlags == 0;
            _current_mA = current;
            int dI = 0;
            bool step = false;
            if (currentOk && _prevCurrentValid)
            {
                dI = current - _prevCurrent_mA;
                step = dI >= cfg.MinCurrentStep_mA || dI <= -cfg.MinCurrentStep_mA;
            }

            // ---- acquire + validate cell voltages
            int n = _n;
            long packSum_uV = 0;
            int prevTap = 0;
            int prevTapFlags = 0;
            long minV = (long)cfg.MinPlausibleCell_mV * 1000;
            long maxV = (long)cfg.MaxPlausibleCell_mV * 1000;
            long absDI = dI < 0 ? -(long)dI : dI;
            long jumpAllowed = (long)cfg.MaxJump_mV * 1000 + absDI * cfg.MaxJumpResistance_mOhm;
            // A change the way this tick's current step drives the voltage is judged against a physical limit instead:
            // a large resistance (bad weld) shows up as exactly such jumps on every step and must reach the estimator.
            long jumpAllowedWithStep = step ? (long)cfg.MaxJump_mV * 1000 + absDI * cfg.MaxStepResistance_mOhm : jumpAllowed;
            int stuckSteps = cfg.StuckSteps;
            long calDen = (long)conv << 16;
            long calHalf = calDen >> 1;
            for (int i = 0; i < n; i++)
            {
                int ch = _cellCh[i];
                int f = 0;
                long s = 0;
                int lo = int.MaxValue;
                int hi = int.MinValue;
                // AcquireSum inlined (this loop runs for every cell on every tick).
                for (int k = 0; k < avg; k++)
                {
                    int raw = _adc.ReadRaw(ch);
                    if (raw < 0) f |= SampleFlags.ConversionFailed;
                    else
                    {
                        s += raw;
                        if (raw < lo) lo = raw;
                        if (raw > hi) hi = raw;
                    }
                }
                int v = 0;
                if (f == 0)
                {
                    if (trim) s -= (long)lo + hi;
                    if (s <= railLo || s >= railHi) f |= SampleFlags.Rail;
                    // ChannelCalibration.Apply inlined (calls are the expensive part on the interpreter):
                    // round(sum·gain/(N·2^16)) + offset, ties away from zero, saturated to int.
                    long num = s * _cellGain[i];
                    long q = num >= 0 ? (num + calHalf) / calDen : -((-num + calHalf) / calDen);
                    q += _cellOff[i];
                    v = q > int.MaxValue ? int.MaxValue : (q < int.MinValue ? int.MinValue : (int)q);
                }
                if (_stacked)
                {
                    // A bad tap spoils the cells on both sides of it.
                    int tap = v;
                    int tapFlags = f;
                    v = tap - prevTap;
                    f |= prevTapFlags;
                    prevTap = tap;
                    prevTapFlags = tapFlags;
                }
                if ((f & (SampleFlags.ConversionFailed | SampleFlags.Rail)) == 0)
                {
                    if (v < minV || v > maxV) f |= SampleFlags.Implausible;
                    int last = _lastGood_uV[i];
                    if ((_state[i] & StPrevValid) != 0)
                    {
                        long jump = (long)v - last;
                        // drop = −jump has the sign of ΔI when the step explains the change.
                        bool withStep = dI > 0 ? jump < 0 : jump > 0;
                        if (jump < 0) jump = -jump;
                        if (jump > (withStep ? jumpAllowedWithStep : jumpAllowed)) f |= SampleFlags.Jump;
                    }
                    if (step)
                    {
                        if (v == last) { if (_stuckCount[i] < 255) _stuckCount[i]++; }
                        else _stuckCount[i] = 0;
                    }
                    if (_stuckCount[i] >= stuckSteps) f |= SampleFlags.Stuck;
                }
                _v_uV[i] = v;
                _flags[i] = (byte)f;
                packSum_uV += v;
            }

            if (cfg.PackVoltageChannel >= 0)
            {
                long ps = AcquireSum(cfg.PackVoltageChannel, avg, trim, out _);
                if (ps >= 0)
                {
                    long pack_uV = ChannelCalibration.Apply(ps, conv, cfg.PackVoltageGain_Q16, cfg.PackVoltageOffset_uV);
                    long diff = packSum_uV - pack_uV;
                    if (diff < 0) diff = -diff;
                    if (diff > (long)cfg.PackSumTolerance_mV * 1000) packFlags |= SampleFlags.PackSumMismatch;
                }
            }
            _packFlags = packFlags;
            TrackPackFault(packFlags, time_ms);

            // ---- pack references for the sequential tests (from the previous estimates; only on step ticks)
            long tq_nOhm = -1;
            int medRel_ppm = 0;
            bool haveMedRel = false;
            if (step)
            {
                tq_nOhm = UpdateResistanceReferences();
                int c = 0;
                for (int i = 0; i < n; i++)
                    if ((_state[i] & (StBaseline | StFault)) == StBaseline) _scratch[c++] = _growth_ppm[i];
                if (c >= 3) { medRel_ppm = Median.SortAndTake(_scratch, c); haveMedRel = true; _medianGrowth_ppm = medRel_ppm; }
            }

            // ---- per cell: fault persistence, resistance estimation, sequential test, drift
            bool packMismatch = (packFlags & SampleFlags.PackSumMismatch) != 0;
            int warmup = cfg.ResistanceWarmupSteps;
            int hThr = cfg.CusumThreshold_Q16;
            int arrB = _m > 0 ? cfg.ResistanceArrheniusB_K : 0;
            long tRef_dK = (long)cfg.ResistanceReferenceTemperature_dC + ZeroCelsius_dK;
            int noiseCap = _noiseCap_uV;
            int maxInc = cfg.CusumMaxIncrement_Q16;
            for (int i = 0; i < n; i++)
            {
                int f = _flags[i];
                byte st = _state[i];
                if (packMismatch) f |= SampleFlags.PackSumMismatch;
                if ((st & StBalancing) != 0) f |= SampleFlags.Balancing;
                if (!currentOk) f |= SampleFlags.PackCurrentInvalid;
                _flags[i] = (byte)f;

                int own = f & CellOwnFaultMask;
                int cnt = _faultCount[i];
                if ((st & StFault) == 0)
                {
                    if (own != 0)
                    {
                        cnt++;
                        if (cnt >= cfg.FaultPersistTicks)
                        {
                            st |= StFault;
                            cnt = 0;
                            Emit(AlertKind.SensorFault, true, i, own, 0, AlertUnit.None, 1000, time_ms);
                        }
                    }
                    else cnt = 0;
                }
                else
                {
                    if (own == 0)
                    {
                        cnt++;
                        if (cnt >= cfg.FaultClearTicks)
                        {
                            st = (byte)(st & ~StFault);
                            cnt = 0;
                            Emit(AlertKind.SensorFault, false, i, 0, 0, AlertUnit.None, 1000, time_ms);
                        }
                    }
                    else cnt = 0;
                }
                _faultCount[i] = (byte)(cnt > 255 ? 255 : cnt);

                int v = _v_uV[i];
                if (step && (f & EstimationBlockMask) == 0 && (st & StPrevValid) != 0)
                {
                    int drop = _lastGood_uV[i] - v;
                    int ts = _cellSensor[i];
                    if (arrB > 0 && ts >= 0 && (_tState[ts] & TsSeen) != 0)
                    {
                        // Compensate to the reference temperature: R_ref = R(T)·exp(B·(1/T_ref − 1/T)), T from the cell's
                        // sensor (last good reading, one tick old: temperature moves far slower than a tick). The reference
                        // is fixed (not the pack's current temperature) because the sequential test compares every new step
                        // with thresholds built from estimates averaged over hundreds of earlier steps.
                        long t_dK = (long)_tLast_dC[ts] + ZeroCelsius_dK;
                        long ex = FixedMath.DivRound(((long)arrB * 10 * (t_dK - tRef_dK)) << 16, t_dK * tRef_dK);
                        if (ex > MaxCompensationExponent_Q16) ex = MaxCompensationExponent_Q16;
                        else if (ex < -MaxCompensationExponent_Q16) ex = -MaxCompensationExponent_Q16;
                        drop = SaturatingMath.ToInt(FixedMath.DivRound((long)drop * FixedMath.ExpQ16((int)ex), 65536));
                    }
                    _res.Update(i, dI, drop);
                    int steps = _res.GetSteps(i);
                    if (tq_nOhm >= 0 && steps >= warmup)
                    {
                        long thr = CellResistanceThreshold_nOhm(i, tq_nOhm);
                        long r0 = CellResistanceReference_nOhm(i);
                        long gap = thr - r0;
                        if (gap < 1000) gap = 1000; // a threshold at or below the reference still needs a direction
                        int sigma = _res.GetNoiseSigma_uV(i);
                        if (noiseCap > 0 && sigma > noiseCap) sigma = noiseCap;
                        long ax = dI < 0 ? -(long)dI : dI;
                        long y = dI < 0 ? -(long)drop : drop;
                        long zT = FixedMath.DivRound((y - FixedMath.DivRound(thr * ax, 1000000)) << 16, sigma);
                        long delta = FixedMath.DivRound(FixedMath.DivRound(2 * gap * ax, 1000000) << 16, sigma);
                        if (zT > Cusum.ZClamp_Q16) zT = Cusum.ZClamp_Q16; else if (zT < -Cusum.ZClamp_Q16) zT = -Cusum.ZClamp_Q16;
                        if (delta > Cusum.DeltaClamp_Q16) delta = Cusum.DeltaClamp_Q16;
                        int inc = Cusum.LlrIncrement_Q16((int)zT, (int)delta);
                        // One step may add at most this much evidence: with σ no longer inflated by the very sample it judges,
                        // δ·8 can exceed h on a large step, and one glitch must not decide alone.
                        if (inc > maxInc) inc = maxInc;
                        int cs = Cusum.Update(_rCusum[i], inc, hThr);
                        _rCusum[i] = cs;
                        if ((st & StResistanceOutlier) == 0 && cs >= hThr)
                        {
                            st |= StResistanceOutlier;
                            EmitResistance(true, i, thr, time_ms);
                        }
                        else if ((st & StResistanceOutlier) != 0 && cs == 0)
                        {
                            st = (byte)(st & ~StResistanceOutlier);
                            EmitResistance(false, i, thr, time_ms);
                        }
                    }
                    if (steps == cfg.DriftBaselineSteps)
                    {
                        _rBase_nOhm[i] = _res.GetResistance_nOhm(i);
                        st |= StBaseline;
                    }
                    if ((st & StBaseline) != 0 && _rBase_nOhm[i] > 0)
                    {
                        long rel = FixedMath.DivRound((long)_res.GetResistance_nOhm(i) * 1000000, _rBase_nOhm[i]) - 1000000;
                        _growth_ppm[i] = SaturatingMath.ToInt(rel);
                        int drift = SaturatingMath.ToInt(rel - (haveMedRel ? medRel_ppm : rel));
                        int dThr = cfg.DriftThreshold_ppm;
                        if ((st & StDrift) == 0 && haveMedRel && drift > dThr)
                        {
                            st |= StDrift;
                            Emit(AlertKind.Drift, true, i, drift, dThr, AlertUnit.PartsPerMillion, 1000, time_ms);
                        }
                        else if ((st & StDrift) != 0 && drift < (dThr >> 1))
                        {
                            st = (byte)(st & ~StDrift);
                            Emit(AlertKind.Drift, false, i, drift, dThr, AlertUnit.PartsPerMillion, 1000, time_ms);
                        }
                    }
                }

                if ((f & SampleFlags.FaultMask) == 0)
                {
                    _lastGood_uV[i] = v;
                    st |= StPrevValid;
                }
                else st = (byte)(st & ~StPrevValid);
                _state[i] = st;
            }
            if (currentOk)
            {
                _prevCurrent_mA = current;
                _prevCurrentValid = true;
            }
            else _prevCurrentValid = false;

            // ---- capacity: coulomb counting between relaxed rest points
            if (currentOk) _charge_mAms = SaturatingMath.AddLong(_charge_mAms, (long)current * dt);
            else _chargeValid = false;
            if (currentOk && current <= cfg.RestCurrent_mA && current >= -cfg.RestCurrent_mA)
            {
                long re = (long)_restElapsed_ms + dt;
                _restElapsed_ms = re > int.MaxValue ? int.MaxValue : (int)re;
            }
            else
            {
                _restElapsed_ms = 0;
                _rested = false;
            }
            if (_restElapsed_ms >= cfg.RestTime_ms)
            {
                RestPoint(!_rested, time_ms);
                _rested = true;
            }

            // ---- temperature
            if (_m > 0) TickTemperature(currentOk, current, avg, trim, railLo, railHi, time_ms);
        }

        // ------------------------------------------------------------------ helpers (called at most once per tick, or rarely)

        /// <summary>
        /// Reads <paramref name="avg"/> conversions of one channel and returns their sum, without the lowest and the highest
        /// when <paramref name="trim"/> (so the sum then holds avg − 2 conversions); −1 when any conversion failed.
        /// A single glitched conversion (a SAR conversion disturbed by Wi-Fi or switching, returning any count) is always
        /// one of the two extremes, so it never reaches the sample; a plain mean moves by glitch/avg, which passes the jump
        /// check (a step's own allowance is 1 Ω·|ΔI|) and, fed to the estimator, shifts R by up to a few per cent.
        /// When trimming it also leaves the spread of the conversions the sum holds (second-highest − second-lowest raw
        /// count) in <paramref name="spread_counts"/> (0 otherwise): two glitches on the same side leave one in the sample, far
        /// from the others, so the spread shows it — the current channel uses that (a false current step moves every
        /// cell's estimate at once). The cell loop in <see cref="Tick"/> inlines the sum without the spread.
        /// </summary>
        private long AcquireSum(int ch, int avg, bool trim, out int spread_counts)
        {
            long s = 0;
            int lo = int.MaxValue, lo2 = int.MaxValue;
            int hi = int.MinValue, hi2 = int.MinValue;
            bool failed = false;
            for (int k = 0; k < avg; k++)
            {
                int raw = _adc.ReadRaw(ch);
                if (raw < 0) failed = true;
                else
                {
                    s += raw;
                    if (raw < lo) { lo2 = lo; lo = raw; } else if (raw < lo2) lo2 = raw;
                    if (raw > hi) { hi2 = hi; hi = raw; } else if (raw > hi2) hi2 = raw;
                }
            }
            spread_counts = 0;
            if (failed) return -1;
            if (trim)
            {
                s -= (long)lo + hi;
                spread_counts = hi2 - lo2;
            }
            return s;
        }

        private void TrackPackFault(int packFlags, int time_ms)
        {
            int own = packFlags & SampleFlags.FaultMask;
            if (!_packFault)
            {
                if (own != 0)
                {
                    _packFaultCount++;
                    if (_packFaultCount >= _cfg.FaultPersistTicks)
                    {
                        _packFault = true;
                        _packFaultCount = 0;
                        Emit(AlertKind.SensorFault, true, -1, own, 0, AlertUnit.None, 1000, time_ms);
                    }
                }
                else _packFaultCount = 0;
            }
            else
            {
                if (own == 0)
                {
                    _packFaultCount++;
                    if (_packFaultCount >= _cfg.FaultClearTicks)
                    {
                        _packFault = false;
                        _packFaultCount = 0;
                        Emit(AlertKind.SensorFault, false, -1, 0, 0, AlertUnit.None, 1000, time_ms);
                    }
                }
                else _packFaultCount = 0;
            }
        }

        /// <summary>Updates the pack median of warmed-up estimates and returns the quantity-level threshold (nΩ; −1 when unknown).</summary>
        private long UpdateResistanceReferences()
        {
            int warmup = _cfg.ResistanceWarmupSteps;
            int c = 0;
            for (int i = 0; i < _n; i++)
                if (_res.GetSteps(i) >= warmup && (_state[i] & StFault) == 0) _scratch[c++] = _res.GetResistance_nOhm(i);
            _rMedianValid = c >= 3;
            if (_rMedianValid) _rMedian_nOhm = Median.SortAndTake(_scratch, c);
            // Pack noise reference for the σ cap: the same cells' noise σ (same front end, so the median is a cell's honest noise).
            int capRatio = _cfg.ResistanceNoiseCapRatio_Q16;
            _noiseCap_uV = 0;
            if (_rMedianValid && capRatio > 0)
            {
                c = 0;
                for (int i = 0; i < _n; i++)
                    if (_res.GetSteps(i) >= warmup && (_state[i] & StFault) == 0) _scratch[c++] = _res.GetNoiseSigma_uV(i);
                _noiseCap_uV = SaturatingMath.ToInt(FixedMath.MulDivRound(Median.SortAndTake(_scratch, c), capRatio, 65536));
            }
            return QuantityResistanceThreshold_nOhm();
        }

        private long QuantityResistanceThreshold_nOhm()
        {
            Prior p = _priors[(int)PriorQuantity.Resistance];
            if (p.IsSet)
            {
                if (p.ThresholdHigh != Prior.NoThresholdHigh) return (long)p.ThresholdHigh * 1000;
                if (p.Family == PriorFamily.LogNormal)
                {
                    // location·exp(k·σ) for a log-normal without a host threshold.
                    long f = FixedMath.ExpQ16(FixedMath.MulQ16(_cfg.DefaultThresholdSigma_Q16, p.Scale));
                    return FixedMath.MulDivRound((long)p.Location * 1000, f, 65536);
                }
                return ((long)p.Location * 1000) + FixedMath.MulDivRound((long)p.Scale * 1000, _cfg.DefaultThresholdSigma_Q16, 65536);
            }
            if (!_rMedianValid) return -1;
            return _rMedian_nOhm + FixedMath.DivRound((long)_rMedian_nOhm * _cfg.DefaultResistanceMargin_ppm, 1000000);
        }

        // H0 of the sequential test: the cell's prior location, or the pack median without a prior.
        private long CellResistanceReference_nOhm(int cell)
        {
            Prior p = _priors[(int)PriorQuantity.Resistance];
            if (!p.IsSet) return _rMedian_nOhm;
            return (long)(_rCellScale[cell] > 0 ? _rCellLoc[cell] : p.Location) * 1000;
        }

        private long CapacityReference_mAh(int cell, Prior p, int cycleMedian)
        {
            if (p.IsSet) return _cCellScale[cell] > 0 ? _cCellLoc[cell] : p.Location;
            return _cMedianValid ? _cMedian_mAh : cycleMedian;
        }

        private long CellResistanceThreshold_nOhm(int cell, long tq_nOhm)
        {
            int cs = _rCellScale[cell];
            if (cs <= 0) return tq_nOhm;
            Prior p = _priors[(int)PriorQuantity.Resistance];
            if (!p.IsSet) return tq_nOhm;
            long loc = (long)p.Location * 1000;
            long cellLoc = (long)_rCellLoc[cell] * 1000;
            if (p.Family == PriorFamily.LogNormal) return FixedMath.MulDivRound(tq_nOhm, cellLoc, loc <= 0 ? 1 : loc);
            return cellLoc + FixedMath.MulDivRound(tq_nOhm - loc, cs, p.Scale);
        }

        private long ResistanceThreshold_nOhm(int cell)
        {
            long tq = QuantityResistanceThreshold_nOhm();
            return tq < 0 ? -1 : CellResistanceThreshold_nOhm(cell, tq);
        }

        private void EmitResistance(bool raised, int cell, long thr_nOhm, int time_ms)
        {
            long r = _res.GetResistance_nOhm(cell);
            long se = _res.GetStandardError_nOhm(cell);
            int z = se <= 0 || se == int.MaxValue ? 0 : SaturatingMath.ToInt(FixedMath.DivRound((r - thr_nOhm) << 16, se));
            Emit(AlertKind.ResistanceOutlier, raised, cell,
                SaturatingMath.ToInt(FixedMath.DivRound(r, 1000)), SaturatingMath.ToInt(FixedMath.DivRound(thr_nOhm, 1000)),
                AlertUnit.MicroOhm, FixedMath.NormalConfidencePermille(z), time_ms);
        }

        private void RestPoint(bool entering, int time_ms)
        {
            MonitorConfig cfg = _cfg;
            int n = _n;
            if (entering && _chargeValid)
            {
                int charge_mAh = SaturatingMath.ToInt(FixedMath.DivRound(_charge_mAms, 3600000));
                // First pass: this cycle's observations, for the median reference when there is no prior.
                int c = 0;
                for (int i = 0; i < n; i++)
                {
                    int d = CycleDeltaSoc(i);
                    if (d != 0) _scratch[c++] = CapacityEstimator.Observation_mAh(d, charge_mAh);
                }
                if (c > 0)
                {
                    Prior p = _priors[(int)PriorQuantity.Capacity];
                    int cycleMedian = c >= 3 ? Median.SortAndTake(_scratch, c) : 0;
                    for (int i = 0; i < n; i++)
                    {
                        int d = CycleDeltaSoc(i);
                        if (d == 0) continue;
                        int obs = CapacityEstimator.Observation_mAh(d, charge_mAh);
                        _cap.Update(i, d, charge_mAh);
                        long thr = CapacityThreshold_mAh(i, p, cycleMedian, c >= 3);
                        if (thr == long.MinValue) continue;
                        int sigma = _cap.ObservationSigma_mAh(obs, d);
                        if (sigma < 1) sigma = 1;
                        long c0 = CapacityReference_mAh(i, p, cycleMedian);
                        long gap = c0 - thr;
                        if (gap < 1) gap = 1;
                        long zT = FixedMath.DivRound((thr - obs) << 16, sigma);
                        long delta = FixedMath.DivRound((2 * gap) << 16, sigma);
                        if (zT > Cusum.ZClamp_Q16) zT = Cusum.ZClamp_Q16; else if (zT < -Cusum.ZClamp_Q16) zT = -Cusum.ZClamp_Q16;
                        if (delta > Cusum.DeltaClamp_Q16) delta = Cusum.DeltaClamp_Q16;
                        int cs = Cusum.Update(_cCusum[i], Cusum.LlrIncrement_Q16((int)zT, (int)delta), cfg.CapacityCusumThreshold_Q16);
                        _cCusum[i] = cs;
                        byte st = _state[i];
                        bool active = (st & StCapacityOutlier) != 0;
                        if (!active && cs >= cfg.CapacityCusumThreshold_Q16)
                        {
                            _state[i] = (byte)(st | StCapacityOutlier);
                            EmitCapacity(true, i, thr, time_ms);
                        }
                        else if (active && cs == 0)
                        {
                            _state[i] = (byte)(st & ~StCapacityOutlier);
                            EmitCapacity(false, i, thr, time_ms);
                        }
                    }
                    int k = 0;
                    for (int i = 0; i < n; i++)
                        if (_cap.HasEstimate(i)) _scratch[k++] = _cap.GetCapacity_mAh(i);
                    _cMedianValid = k >= 3;
                    if (_cMedianValid) _cMedian_mAh = Median.SortAndTake(_scratch, k);
                }
            }
            // Re-anchor every cell at the relaxed voltage and restart the coulomb count.
            for (int i = 0; i < n; i++)
            {
                int f = _flags[i];
                if ((f & (SampleFlags.FaultMask | SampleFlags.Balancing)) == 0)
                    _cap.SetAnchor(i, OcvTable.SocFromVoltage_cPct(_v_uV[i], _ocv));
                else _cap.SetAnchor(i, CapacityEstimator.NoAnchor);
            }
            _charge_mAms = 0;
            _chargeValid = true;
        }

        // ΔSOC (anchor − now, 0.01 %) of a cell for this cycle, or 0 when it cannot be used.
        private int CycleDeltaSoc(int cell)
        {
            int a = _cap.GetAnchorSoc_cPct(cell);
            if (a == CapacityEstimator.NoAnchor) return 0;
            if ((_flags[cell] & (SampleFlags.FaultMask | SampleFlags.Balancing)) != 0) return 0;
            int d = a - OcvTable.SocFromVoltage_cPct(_v_uV[cell], _ocv);
            int ad = d < 0 ? -d : d;
            return ad >= _cfg.MinSocSwing_cPct ? d : 0;
        }

        private long CapacityThreshold_mAh(int cell, Prior p, int cycleMedian, bool haveCycleMedian)
        {
            if (p.IsSet)
            {
                long tq;
                if (p.ThresholdLow != Prior.NoThresholdLow) tq = p.ThresholdLow;
                else if (p.Family == PriorFamily.LogNormal)
                    tq = FixedMath.MulDivRound(p.Location, FixedMath.ExpQ16(-FixedMath.MulQ16(_cfg.DefaultThresholdSigma_Q16, p.Scale)), 65536);
                else tq = p.Location - FixedMath.MulDivRound(p.Scale, _cfg.DefaultThresholdSigma_Q16, 65536);
                int cs = _cCellScale[cell];
                if (cs <= 0) return tq;
                if (p.Family == PriorFamily.LogNormal) return FixedMath.MulDivRound(tq, _cCellLoc[cell], p.Location <= 0 ? 1 : p.Location);
                return _cCellLoc[cell] + FixedMath.MulDivRound(tq - p.Location, cs, p.Scale);
            }
            long med;
            if (_cMedianValid) med = _cMedian_mAh;
            else if (haveCycleMedian) med = cycleMedian;
            else return long.MinValue;
            long scale = FixedMath.DivRound(med * _cfg.DefaultCapacityRelativeScale_ppm, 1000000);
            return med - FixedMath.MulDivRound(scale, _cfg.DefaultThresholdSigma_Q16, 65536);
        }

        private void EmitCapacity(bool raised, int cell, long thr, int time_ms)
        {
            long c = _cap.GetCapacity_mAh(cell);
            long se = _cap.GetStandardError_mAh(cell);
            int z = se <= 0 || se == int.MaxValue ? 0 : SaturatingMath.ToInt(FixedMath.DivRound((thr - c) << 16, se));
            Emit(AlertKind.CapacityOutlier, raised, cell, SaturatingMath.ToInt(c), SaturatingMath.ToInt(thr),
                AlertUnit.MilliAmpereHour, FixedMath.NormalConfidencePermille(z), time_ms);
        }

        private void TickTemperature(bool currentOk, int current, int avg, bool trim, long railLo, long railHi, int time_ms)
        {
            MonitorConfig cfg = _cfg;
            int m = _m;
            int smooth = cfg.TemperatureSmoothingTicks;
            int conv = trim ? avg - 2 : avg;
            for (int s = 0; s < m; s++)
            {
                int ch = _tCh[s];
                int f = 0;
                long sum = AcquireSum(ch, avg, trim, out _);
                int t = 0;
                byte st = _tState[s];
                if (sum < 0) f |= SampleFlags.ConversionFailed;
                else
                {
                    if (sum <= railLo || sum >= railHi) f |= SampleFlags.Rail;
                    if (_ntc)
                    {
                        int cq8 = (int)FixedMath.DivRound(sum << 8, conv);
                        t = NtcTable.Interpolate_dC(cq8, _ntcCounts, _ntcTemps);
                        // Beyond the table means an open or shorted thermistor, not an extreme temperature.
                        if (cq8 < (_ntcCounts[0] << 8) || cq8 > (_ntcCounts[_ntcCounts.Length - 1] << 8)) f |= SampleFlags.Implausible;
                    }
                    else t = ChannelCalibration.Apply(sum, conv, _tGain[s], _tOff[s]);
                    if (t < cfg.MinPlausibleTemperature_dC || t > cfg.MaxPlausibleTemperature_dC) f |= SampleFlags.Implausible;
                    if ((st & TsPrevValid) != 0)
                    {
                        int j = t - _tLast_dC[s];
                        if (j > cfg.MaxTemperatureJump_dC || j < -cfg.MaxTemperatureJump_dC) f |= SampleFlags.Jump;
                    }
                }
                _tFlags[s] = (byte)f;
                int cnt = _tFaultCount[s];
                int cell = _tCell[s];
                if ((st & TsFault) == 0)
                {
                    if (f != 0)
                    {
                        cnt++;
                        if (cnt >= cfg.FaultPersistTicks)
                        {
                            st |= TsFault;
                            cnt = 0;
                            Emit(AlertKind.SensorFault, true, cell, f, 0, AlertUnit.None, 1000, time_ms);
                        }
                    }
                    else cnt = 0;
                }
                else
                {
                    if (f == 0)
                    {
                        cnt++;
                        if (cnt >= cfg.FaultClearTicks)
                        {
                            st = (byte)(st & ~TsFault);
                            cnt = 0;
                            Emit(AlertKind.SensorFault, false, cell, 0, 0, AlertUnit.None, 1000, time_ms);
                        }
                    }
                    else cnt = 0;
                }
                _tFaultCount[s] = (byte)(cnt > 255 ? 255 : cnt);
                if (f == 0)
                {
                    _tLast_dC[s] = t;
                    st |= TsPrevValid | TsSeen;
                }
                else st = (byte)(st & ~TsPrevValid);
                _tState[s] = st;
            }

            // Expected I²R heating uses a smoothed I² (thermal mass integrates the power).
            if (currentOk)
            {
                long i2 = (long)current * current;
                _currentSquaredAvg_mA2 += FixedMath.DivRound(i2 - _currentSquaredAvg_mA2, smooth);
            }

            // Neighbour reference: median of the good sensors; needs at least 3 to be robust.
            int c = 0;
            for (int s = 0; s < m; s++)
                if (_tFlags[s] == 0) _scratch[c++] = _tLast_dC[s];
            if (c < 3) return;
            int med = Median.SortAndTake(_scratch, c);
            _tMedian_dC = med;
            Prior p = _priors[(int)PriorQuantity.TemperatureRise];
            int thr = cfg.HotExcess_dC;
            if (p.IsSet)
            {
                if (p.ThresholdHigh != Prior.NoThresholdHigh) thr = p.ThresholdHigh;
                else thr = SaturatingMath.ToInt(p.Location + FixedMath.MulDivRound(p.Scale, cfg.DefaultThresholdSigma_Q16, 65536));
            }
            int tScale = p.IsSet ? p.Scale : 10;
            for (int s = 0; s < m; s++)
            {
                if (_tFlags[s] != 0) continue;
                int cell = _tCell[s];
                long expected = 0;
                if (_rMedianValid && _res.GetSteps(cell) >= cfg.ResistanceWarmupSteps)
                {
                    long dR = (long)_res.GetResistance_nOhm(cell) - _rMedian_nOhm;
                    // dC = Rth[dC/W] · I²[mA²]/1e6 · ΔR[nΩ]/1e9
                    expected = FixedMath.MulDivRound(_currentSquaredAvg_mA2, dR * cfg.ThermalResistance_dCPerW, 1000000000000000L);
                }
                long raw = (long)_tLast_dC[s] - med - expected;
                int ex = _tExcess_dC[s];
                ex = SaturatingMath.ToInt(ex + FixedMath.DivRound(raw - ex, smooth));
                _tExcess_dC[s] = ex;
                byte st = _tState[s];
                int hc = _hotCount[s];
                if (ex > thr) { if (hc < 255) hc++; } else hc = 0;
                _hotCount[s] = (byte)hc;
                if ((st & TsHot) == 0 && hc >= cfg.HotPersistTicks)
                {
                    _tState[s] = (byte)(st | TsHot);
                    Emit(AlertKind.HotCell, true, cell, ex, thr, AlertUnit.DeciCelsius,
                        FixedMath.NormalConfidencePermille(SaturatingMath.ToInt(FixedMath.DivRound(((long)ex - thr) << 16, tScale))), time_ms);
                }
                else if ((st & TsHot) != 0 && ex < thr - cfg.HotHysteresis_dC)
                {
                    _tState[s] = (byte)(st & ~TsHot);
                    Emit(AlertKind.HotCell, false, cell, ex, thr, AlertUnit.DeciCelsius,
                        FixedMath.NormalConfidencePermille(SaturatingMath.ToInt(FixedMath.DivRound(((long)ex - thr) << 16, tScale))), time_ms);
                }
            }
        }

        /// <summary>Median of the good temperature sensors at the last tick (dC; 0 with fewer than 3 sensors).</summary>
        public int TemperatureMedian_dC => _tMedian_dC;

        private void Emit(AlertKind kind, bool raised, int cell, int value, int threshold, AlertUnit unit, int confidence, int time_ms)
        {
            _pending.Kind = kind;
            _pending.Raised = raised;
            _pending.Cell = cell;
            _pending.Value = value;
            _pending.Threshold = threshold;
            _pending.Unit = unit;
            _pending.Confidence_permille = confidence;
            _pending.Time_ms = time_ms;
            _pending.Sequence = 0;
            _alerts.Enqueue(ref _pending);
        }

        private static int Score(long deviation, long scale, long se)
        {
            if (scale < 0) scale = 0;
            if (se < 0 || se == int.MaxValue) se = 0;
            if (scale > 2000000000) scale = 2000000000;
            if (se > 2000000000) se = 2000000000;
            long den = FixedMath.Isqrt(scale * scale + se * se);
            if (den <= 0) den = 1;
            long d = SaturatingMath.ClampLong(deviation, -(1L << 46), 1L << 46);
            return SaturatingMath.ToInt(FixedMath.DivRound(d << 16, den));
        }

        // z = (ln x − ln loc)/√(σ² + (se/x)²), σ in Q16.
        private static int LogScore(long x, long se, long loc, long sigma_Q16)
        {
            if (x <= 0 || loc <= 0) return 0;
            int ratio = SaturatingMath.ToInt(FixedMath.MulDivRound(x, 65536, loc));
            int lnr = FixedMath.LnQ16(ratio);
            long rel = se <= 0 || se == int.MaxValue ? 0 : SaturatingMath.ClampLong(FixedMath.MulDivRound(se, 65536, x), 0, 1L << 30);
            long s = SaturatingMath.ClampLong(sigma_Q16, 0, 1L << 30);
            long den = FixedMath.Isqrt(s * s + rel * rel);
            if (den <= 0) den = 1;
            return SaturatingMath.ToInt(FixedMath.DivRound((long)lnr << 16, den));
        }
    }
}

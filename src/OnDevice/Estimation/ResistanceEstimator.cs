using CellVar.Bms.OnDevice.FixedPoint;

namespace CellVar.Bms.OnDevice.Estimation
{
    /// <summary>
    /// Per-cell ohmic resistance by scalar recursive least squares with exponential forgetting
    /// (structure of arrays, allocated once). Model per current step k: y_k = R·x_k + e_k with
    /// x = ΔI (mA, positive = more discharge) and y = −ΔV (µV, the extra voltage drop).
    /// Update: S ← λS + x²; R ← R + round(1e6·(y − R·x/1e6)·x / S) with R in nΩ.
    /// S2 ← λ²S2 + x² tracks Σλ^{2(n−k)}x_k², so Var(R̂) = σ²·S2/S² (= σ²/Σx² without forgetting, the Cramér–Rao bound).
    /// σ (ΔV noise) is estimated from one-step prediction errors (mean |e| × 1.2533, Gaussian) with a configured floor;
    /// after <see cref="RobustAfter"/> errors each one is clipped at <see cref="NoiseClipSigma"/>·σ so outliers cannot inflate it.
    /// 26 bytes per cell.
    /// </summary>
    public sealed class ResistanceEstimator
    {
        /// <summary>|ΔI| is clamped to this (mA) so that every product stays inside 64 bits.</summary>
        public const int MaxStep_mA = 1000000;
        /// <summary>|ΔV| is clamped to this (µV, 4 V) and the prediction error to twice it, so e·ΔI·1e6 stays below 2^63.</summary>
        public const int MaxDrop_uV = 4000000;
        private const long SumLimit = 1L << 58;
        /// <summary>
        /// Effective window (steps) of the noise estimate: a running mean for the first steps, then an EWMA with α = 1/128,
        /// whose relative standard error (~5 %) keeps the squared-σ scaling of the sequential test honest.
        /// </summary>
        public const int NoiseWindow = 128;
        /// <summary>Prediction errors averaged before the noise update becomes robust (clipped); the first ones set the scale.</summary>
        public const int RobustAfter = 16;
        /// <summary>Prediction errors beyond this many σ are clipped in the noise update (see <see cref="Update"/>).</summary>
        public const int NoiseClipSigma = 4;

        private readonly long[] _sxx;
        private readonly long[] _sxx2;
        private readonly int[] _r_nOhm;
        private readonly int[] _meanAbsError_uV;
        private readonly short[] _steps;
        private readonly int _lambda_Q16;
        private readonly int _lambda2_Q16;
        private readonly int _noiseFloor_uV;

        /// <summary>Creates state for <paramref name="cellCount"/> cells with forgetting λ (Q16) and a noise floor (µV).</summary>
        public ResistanceEstimator(int cellCount, int forgetting_Q16, int noiseFloor_uV)
        {
            if (cellCount < 1) cellCount = 1;
            _sxx = new long[cellCount];
            _sxx2 = new long[cellCount];
            _r_nOhm = new int[cellCount];
            _meanAbsError_uV = new int[cellCount];
            _steps = new short[cellCount];
            if (forgetting_Q16 > 65536) forgetting_Q16 = 65536;
            if (forgetting_Q16 < 1) forgetting_Q16 = 1;
            _lambda_Q16 = forgetting_Q16;
            _lambda2_Q16 = (int)(((long)forgetting_Q16 * forgetting_Q16 + 32768) >> 16);
            _noiseFloor_uV = noiseFloor_uV < 1 ? 1 : noiseFloor_uV;
        }

        /// <summary>Number of cells.</summary>
        public int CellCount => _r_nOhm.Length;

        /// <summary>
        /// Feeds one current step: <paramref name="deltaCurrent_mA"/> = I_now − I_prev and
        /// <paramref name="voltageDrop_uV"/> = V_prev − V_now of this cell. Returns the one-step prediction error (µV).
        /// </summary>
        public int Update(int cell, int deltaCurrent_mA, int voltageDrop_uV)
        {
            long x = deltaCurrent_mA;
            if (x > MaxStep_mA) x = MaxStep_mA; else if (x < -MaxStep_mA) x = -MaxStep_mA;
            long y = voltageDrop_uV;
            if (y > MaxDrop_uV) y = MaxDrop_uV; else if (y < -MaxDrop_uV) y = -MaxDrop_uV;
            long x2 = x * x;
            long s = _sxx[cell];
            long s2 = _sxx2[cell];
            // λ·S split into high and low 16 bits so the product cannot overflow.
            s = (s >> 16) * _lambda_Q16 + (((s & 0xFFFF) * _lambda_Q16) >> 16) + x2;
            s2 = (s2 >> 16) * _lambda2_Q16 + (((s2 & 0xFFFF) * _lambda2_Q16) >> 16) + x2;
            if (s > SumLimit) { s >>= 1; s2 >>= 1; } // keeps headroom; equivalent to one extra forgetting event.
            _sxx[cell] = s;
            _sxx2[cell] = s2;
            long r = _r_nOhm[cell];
            long pred = FixedMath.DivRound(r * x, 1000000);
            long e = y - pred;
            if (e > 2 * MaxDrop_uV) e = 2 * MaxDrop_uV; else if (e < -2 * MaxDrop_uV) e = -2 * MaxDrop_uV;
            r += FixedMath.DivRound(e * x * 1000000, s);
            if (r > int.MaxValue) r = int.MaxValue; else if (r < int.MinValue) r = int.MinValue;
            _r_nOhm[cell] = (int)r;
            int n = _steps[cell];
            if (n < short.MaxValue) { n++; _steps[cell] = (short)n; }
            // The first two prediction errors mostly reflect the unknown start value, not noise.
            if (n >= 3)
            {
                long ae = e < 0 ? -e : e;
                int w = n - 2;
                if (w > NoiseWindow) w = NoiseWindow;
                long m = _meanAbsError_uV[cell];
                // Robust update once the estimate rests on RobustAfter errors: an error is clipped at NoiseClipSigma·σ, so a
                // glitch, a weld step or a drifting mean (the RLS lagging a ramp) grows σ by at most ~3 % per step instead of
                // blinding the sequential test. For Gaussian errors clipping at 4σ lowers E|e| by < 0.01 %.
                if (w >= RobustAfter)
                {
                    long sg = (m * 82137 + 32768) >> 16;
                    if (sg < _noiseFloor_uV) sg = _noiseFloor_uV;
                    long cap = sg * NoiseClipSigma;
                    if (ae > cap) ae = cap;
                }
                m += FixedMath.DivRound(ae - m, w);
                _meanAbsError_uV[cell] = (int)m;
            }
            return (int)e;
        }

        /// <summary>Current estimate in nΩ (0 before the first step).</summary>
        public int GetResistance_nOhm(int cell) { return _r_nOhm[cell]; }

        /// <summary>Current estimate in µΩ, rounded.</summary>
        public int GetResistance_uOhm(int cell) { return (int)FixedMath.DivRound(_r_nOhm[cell], 1000); }

        /// <summary>Steps used so far (saturates at 32767).</summary>
        public int GetSteps(int cell) { return _steps[cell]; }

        /// <summary>Estimated ΔV noise σ (µV): max(floor, 1.2533 · mean |prediction error|).</summary>
        public int GetNoiseSigma_uV(int cell)
        {
            int sigma = (int)(((long)_meanAbsError_uV[cell] * 82137 + 32768) >> 16); // 1.2533 = √(π/2) in Q16.
            return sigma < _noiseFloor_uV ? _noiseFloor_uV : sigma;
        }

        /// <summary>Standard error of the estimate in nΩ: σ·√S2/S · 1e6 (int.MaxValue before the first step).</summary>
        public int GetStandardError_nOhm(int cell)
        {
            long s = _sxx[cell];
            if (s <= 0) return int.MaxValue;
            long num = (long)GetNoiseSigma_uV(cell) * FixedMath.Isqrt(_sxx2[cell]);
            return SaturatingMath.ToInt(FixedMath.MulDivRound(num, 1000000, s));
        }

        /// <summary>Σλ^(n−k)·ΔI² (mA²): the information the estimate rests on.</summary>
        public long GetInformation_mA2(int cell) { return _sxx[cell]; }

        /// <summary>Forgets everything about one cell (after a repair or a sensor fault).</summary>
        public void Reset(int cell)
        {
            _sxx[cell] = 0;
            _sxx2[cell] = 0;
            _r_nOhm[cell] = 0;
            _meanAbsError_uV[cell] = 0;
            _steps[cell] = 0;
        }
    }
}

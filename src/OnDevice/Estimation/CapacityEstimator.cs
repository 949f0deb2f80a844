using CellVar.Bms.OnDevice.FixedPoint;

namespace CellVar.Bms.OnDevice.Estimation
{
    /// <summary>
    /// Per-cell capacity from coulomb counting between rest points (structure of arrays, allocated once).
    /// At each relaxed rest point the monitor reads SOC from the OCV table; between two rest points the charge Q
    /// (mAh, positive = discharged) and ΔSOC = SOC_then − SOC_now (0.01 %) give one observation Q = C·ΔSOC/10000.
    /// C is fitted through the origin by recursive least squares with forgetting λ per cycle:
    /// S ← λS + ΔSOC²; C ← C + round(1e4·(Q − C·ΔSOC/1e4)·ΔSOC / S).
    /// Standard error ≈ C·√2·σ_SOC/√S (both anchors carry SOC noise). 10 bytes per cell.
    /// </summary>
    public sealed class CapacityEstimator
    {
        /// <summary>Marks "no valid anchor" in <see cref="GetAnchorSoc_cPct"/>.</summary>
        public const int NoAnchor = -1;

        private readonly short[] _anchorSoc_cPct;
        private readonly int[] _sxx;
        private readonly int[] _capacity_mAh;
        private readonly int _lambda_Q16;
        private readonly int _socNoise_cPct;

        /// <summary>Creates state for <paramref name="cellCount"/> cells.</summary>
        public CapacityEstimator(int cellCount, int forgetting_Q16, int socNoise_cPct)
        {
            if (cellCount < 1) cellCount = 1;
            _anchorSoc_cPct = new short[cellCount];
            _sxx = new int[cellCount];
            _capacity_mAh = new int[cellCount];
            for (int i = 0; i < cellCount; i++) _anchorSoc_cPct[i] = NoAnchor;
            _lambda_Q16 = forgetting_Q16 < 0 ? 0 : (forgetting_Q16 > 65536 ? 65536 : forgetting_Q16);
            _socNoise_cPct = socNoise_cPct < 1 ? 1 : socNoise_cPct;
        }

        /// <summary>SOC (0.01 %) at the last rest point, or <see cref="NoAnchor"/>.</summary>
        public int GetAnchorSoc_cPct(int cell) { return _anchorSoc_cPct[cell]; }

        /// <summary>Sets the rest-point SOC (0..10000) or <see cref="NoAnchor"/>.</summary>
        public void SetAnchor(int cell, int soc_cPct)
        {
            if (soc_cPct > 10000) soc_cPct = 10000;
            if (soc_cPct < 0) soc_cPct = NoAnchor;
            _anchorSoc_cPct[cell] = (short)soc_cPct;
        }

        /// <summary>Single-cycle capacity observation Q·1e4/ΔSOC (mAh); 0 when ΔSOC = 0.</summary>
        public static int Observation_mAh(int deltaSoc_cPct, int charge_mAh)
        {
            if (deltaSoc_cPct == 0) return 0;
            return SaturatingMath.ToInt(FixedMath.DivRound((long)charge_mAh * 10000, deltaSoc_cPct));
        }

        /// <summary>σ of one observation (mAh): C·√2·σ_SOC/|ΔSOC|.</summary>
        public int ObservationSigma_mAh(int capacity_mAh, int deltaSoc_cPct)
        {
            long d = deltaSoc_cPct < 0 ? -(long)deltaSoc_cPct : deltaSoc_cPct;
            if (d == 0) return int.MaxValue;
            long c = capacity_mAh < 0 ? -(long)capacity_mAh : capacity_mAh;
            return SaturatingMath.ToInt(FixedMath.DivRound(c * _socNoise_cPct * 92682, d << 16)); // √2 in Q16 = 92682.
        }

        /// <summary>Adds one rest-to-rest cycle: ΔSOC (0.01 %) and the charge moved (mAh).</summary>
        public void Update(int cell, int deltaSoc_cPct, int charge_mAh)
        {
            long x = deltaSoc_cPct;
            if (x > 10000) x = 10000; else if (x < -10000) x = -10000;
            long s = (((long)_sxx[cell] * _lambda_Q16) >> 16) + x * x;
            if (s > int.MaxValue) s = int.MaxValue;
            if (s <= 0) return;
            _sxx[cell] = (int)s;
            long c = _capacity_mAh[cell];
            long e = charge_mAh - FixedMath.DivRound(c * x, 10000);
            c += FixedMath.DivRound(e * x * 10000, s);
            _capacity_mAh[cell] = SaturatingMath.ToInt(c);
        }

        /// <summary>Capacity estimate (mAh); 0 until the first cycle.</summary>
        public int GetCapacity_mAh(int cell) { return _capacity_mAh[cell]; }

        /// <summary>Standard error (mAh); int.MaxValue until the first cycle.</summary>
        public int GetStandardError_mAh(int cell)
        {
            long s = _sxx[cell];
            if (s <= 0) return int.MaxValue;
            long c = _capacity_mAh[cell];
            if (c < 0) c = -c;
            return SaturatingMath.ToInt(FixedMath.DivRound(c * _socNoise_cPct * 92682, FixedMath.Isqrt(s) << 16));
        }

        /// <summary>True once at least one cycle has been fitted.</summary>
        public bool HasEstimate(int cell) { return _sxx[cell] > 0; }
    }
}

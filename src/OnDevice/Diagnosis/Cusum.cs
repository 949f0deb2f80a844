namespace CellVar.Bms.OnDevice.Diagnosis
{
    /// <summary>
    /// Page's CUSUM on the Gaussian log-likelihood ratio between H0 "value = reference r0" and H1 "value = r1", where r1 is
    /// r0 reflected about the alarm threshold T (r1 = 2T − r0), so the test's drift changes sign exactly at T.
    /// Per observation y with noise σ: LLR = δ·z_T with δ = (r1 − r0)/σ and z_T = (y − T)/σ (all Q16).
    /// For a true value r = r0 + f·(T − r0) the statistic drifts by −(1−f)δ²/2 per observation and the mean run to a
    /// false alarm is at least ≈ e^{(1−f)h} observations at any signal-to-noise ratio (longer when δ is small); above T it alarms after
    /// ≈ h/((f−1)δ²/2) observations. z_T is clamped to ±8 so one glitch cannot decide alone.
    /// Raise when S ≥ h; clear when S returns to 0 (the gap is the hysteresis); S is capped at 2h so it can clear.
    /// </summary>
    public static class Cusum
    {
        /// <summary>Largest |z_T| used (8 σ in Q16).</summary>
        public const int ZClamp_Q16 = 8 * 65536;

        /// <summary>Largest δ used (64 σ in Q16), keeping δ·z inside int.</summary>
        public const int DeltaClamp_Q16 = 64 * 65536;

        /// <summary>Log-likelihood-ratio increment δ·clamp(z_T) in Q16.</summary>
        public static int LlrIncrement_Q16(int zT_Q16, int delta_Q16)
        {
            if (zT_Q16 > ZClamp_Q16) zT_Q16 = ZClamp_Q16;
            if (zT_Q16 < -ZClamp_Q16) zT_Q16 = -ZClamp_Q16;
            if (delta_Q16 > DeltaClamp_Q16) delta_Q16 = DeltaClamp_Q16;
            if (delta_Q16 < 0) delta_Q16 = 0;
            return (int)(((long)zT_Q16 * delta_Q16) >> 16);
        }

        /// <summary>Returns max(0, S + increment) capped at 2h (all Q16).</summary>
        public static int Update(int s_Q16, int increment_Q16, int h_Q16)
        {
            long s = (long)s_Q16 + increment_Q16;
            if (s < 0) s = 0;
            long cap = 2L * h_Q16;
            if (s > cap) s = cap;
            return (int)s;
        }
    }
}

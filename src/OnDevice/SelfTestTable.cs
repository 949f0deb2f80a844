namespace CellVar.Bms.OnDevice
{
    /// <summary>The golden-vector tables of <see cref="SelfTest"/> (same names as the files in tests/golden/device).</summary>
    public enum SelfTestTable : byte
    {
        /// <summary>mulq16.csv: a_q16, b_q16, expected_q16.</summary>
        MulQ16 = 0,
        /// <summary>divq16.csv: a_q16, b_q16, expected_q16.</summary>
        DivQ16 = 1,
        /// <summary>isqrt.csv: value, expected.</summary>
        Isqrt = 2,
        /// <summary>log2q16.csv: x_q16, expected_q16.</summary>
        Log2Q16 = 3,
        /// <summary>lnq16.csv: x_q16, expected_q16.</summary>
        LnQ16 = 4,
        /// <summary>expq16.csv: x_q16, expected_q16.</summary>
        ExpQ16 = 5,
        /// <summary>normal_confidence.csv: z_q16, expected_permille.</summary>
        NormalConfidence = 6,
        /// <summary>resistance_sequence.csv: delta_current_mA, voltage_drop_uV, expected_r_nOhm, expected_se_nOhm (one estimator, λ and floor in <see cref="SelfTest"/>).</summary>
        ResistanceSequence = 7,
    }
}

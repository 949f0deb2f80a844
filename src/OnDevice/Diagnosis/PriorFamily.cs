namespace CellVar.Bms.OnDevice.Diagnosis
{
    /// <summary>
    /// Distribution family of a manufacturing prior. The device only uses the family to compute the reported
    /// deviation score; outlier decisions use the host-precomputed thresholds, so heavy tails need no floating point.
    /// </summary>
    public enum PriorFamily : byte
    {
        /// <summary>Normal: score = (x − location)/√(scale² + se²).</summary>
        Normal = 0,
        /// <summary>Log-normal: location is the median, scale is σ of ln x in Q16; score = (ln x − ln location)/√(σ² + (se/x)²).</summary>
        LogNormal = 1,
        /// <summary>Student-t: score is the t statistic (x − location)/√(scale² + se²); heavy tails live in the thresholds.</summary>
        StudentT = 2,
        /// <summary>Normal bulk with a heavy-tailed defect component: score against the bulk; thresholds from the host.</summary>
        NormalDefectMixture = 3,
    }
}

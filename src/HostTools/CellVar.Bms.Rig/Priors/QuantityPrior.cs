namespace CellVar.Bms.Rig.Priors
{
    /// <summary>One validated prior for one quantity, in the physical units of priors.json (mOhm, Ah, K).</summary>
    /// <param name="Name">Quantity.</param>
    /// <param name="Family">Distribution family.</param>
    /// <param name="Location">Mean (normal), median (lognormal), location (t) or bulk mean (mixture).</param>
    /// <param name="Scale">sd, σ of ln x (lognormal), t scale, or bulk sd; &gt; 0.</param>
    /// <param name="Df">Degrees of freedom (student_t only).</param>
    /// <param name="DefectWeight">Defect probability in [0, 1) (mixture only).</param>
    /// <param name="DefectLocation">Median of the log-normal defect component (mixture only).</param>
    /// <param name="DefectScale">σ of ln x of the defect component (mixture only).</param>
    /// <param name="FalseAlarmPerCellDay">Design false-alarm probability per healthy cell per day.</param>
    /// <param name="ThresholdHigh">Alarm above this; null = none.</param>
    /// <param name="ThresholdLow">Alarm below this; null = none.</param>
    public sealed record QuantityPrior(
        PriorQuantityName Name,
        PriorFamilyName Family,
        double Location,
        double Scale,
        double? Df,
        double? DefectWeight,
        double? DefectLocation,
        double? DefectScale,
        double? FalseAlarmPerCellDay,
        double? ThresholdHigh,
        double? ThresholdLow);
}

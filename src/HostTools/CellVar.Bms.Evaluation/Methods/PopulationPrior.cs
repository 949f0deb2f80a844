namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// Population statistics learned from healthy calibration packs (seeds disjoint from the evaluated runs), as a host
    /// would learn a manufacturing prior: the device's resistance estimates, and cell temperature deviations from the pack median.
    /// Used by the fixed-limit and Gaussian-prior baselines.
    /// </summary>
    /// <param name="ResistanceMean_uOhm">Mean warmed-up resistance estimate of healthy cells.</param>
    /// <param name="ResistanceSd_uOhm">Standard deviation of those estimates (scatter + estimation noise).</param>
    /// <param name="TemperatureDeviationMean_dC">Mean of (cell temperature − pack median).</param>
    /// <param name="TemperatureDeviationSd_dC">Standard deviation of (cell temperature − pack median).</param>
    public sealed record PopulationPrior(double ResistanceMean_uOhm, double ResistanceSd_uOhm, double TemperatureDeviationMean_dC, double TemperatureDeviationSd_dC);
}

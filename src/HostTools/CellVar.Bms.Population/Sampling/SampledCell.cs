namespace CellVar.Bms.Population.Sampling
{
    /// <summary>One sampled cell: where it sits in the hierarchy and its manufacturing variable values (spec order, SI units).</summary>
    /// <param name="Index">0-based cell index in the population.</param>
    /// <param name="Lot">0-based lot index.</param>
    /// <param name="Module">0-based global module index.</param>
    /// <param name="Values">Variable values in spec order.</param>
    public sealed record SampledCell(int Index, int Lot, int Module, double[] Values);
}

namespace CellVar.Bms.Population.Sampling
{
    /// <summary>How the cell-level latent normals are generated (lot and module levels are always plain Monte Carlo).</summary>
    public enum SamplingMethod
    {
        /// <summary>Independent pseudo-random draws per cell.</summary>
        Plain,
        /// <summary>Latin hypercube: each variable's N uniforms are stratified into N equal bins.</summary>
        Lhs,
        /// <summary>Sobol' low-discrepancy points (Joe–Kuo directions) with a seeded random digital shift.</summary>
        Sobol,
    }
}

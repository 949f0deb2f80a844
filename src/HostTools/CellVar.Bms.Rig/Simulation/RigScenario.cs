namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>What the simulated pack has wrong with it.</summary>
    public enum RigScenario
    {
        /// <summary>Only manufacturing scatter.</summary>
        Healthy,
        /// <summary>One cell's tab weld adds a series contact resistance inside its voltage tap.</summary>
        Weld,
        /// <summary>One cell has an internal heat source (e.g. a soft internal short).</summary>
        Hot,
    }
}

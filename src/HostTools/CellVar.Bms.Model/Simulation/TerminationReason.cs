namespace CellVar.Bms.Model.Simulation
{
    /// <summary>Why a simulation stopped.</summary>
    public enum TerminationReason
    {
        /// <summary>The whole profile was simulated.</summary>
        ProfileCompleted = 0,
        /// <summary>The terminal voltage fell to the lower cut-off voltage.</summary>
        LowerVoltageCutoff = 1,
        /// <summary>The terminal voltage rose to the upper cut-off voltage.</summary>
        UpperVoltageCutoff = 2,
        /// <summary>An electrode surface became empty or full of lithium (the current cannot be sustained).</summary>
        StoichiometryLimit = 3,
        /// <summary>The electrolyte was depleted somewhere in the cell.</summary>
        ElectrolyteDepleted = 4,
    }
}

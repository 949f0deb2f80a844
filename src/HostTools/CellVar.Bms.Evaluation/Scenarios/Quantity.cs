namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>The per-cell quantity a detection method judges.</summary>
    public enum Quantity
    {
        /// <summary>Ohmic resistance (weld defects).</summary>
        Resistance,
        /// <summary>Cell temperature (hot cells).</summary>
        Temperature,
    }
}

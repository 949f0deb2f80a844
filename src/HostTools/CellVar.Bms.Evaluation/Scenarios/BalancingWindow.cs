namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>A period in which one cell's balancing switch is on (the device is told, as firmware would tell it).</summary>
    /// <param name="Cell">0-based cell.</param>
    /// <param name="Start_s">Switch on (seconds after the start).</param>
    /// <param name="End_s">Switch off.</param>
    public sealed record BalancingWindow(int Cell, double Start_s, double End_s);
}

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>Alarm raise times of one run for every threshold of a sweep: [threshold index][cell] → ascending times (s).</summary>
    /// <param name="Raises">Raise times.</param>
    public sealed record AlarmEvents(double[][][] Raises);
}

namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>What a correct monitor does with a scenario's special cell(s).</summary>
    public enum Expectation
    {
        /// <summary>No special cell; every alarm is false.</summary>
        None,
        /// <summary>Alarm on the defect cell after the onset, as early as possible.</summary>
        Detect,
        /// <summary>The special cells are healthy: any cell-defect alarm on them is false.</summary>
        NoAlarm,
        /// <summary>The special cells' measurements are broken: flag a sensor fault, never a cell defect.</summary>
        SensorFault,
    }
}

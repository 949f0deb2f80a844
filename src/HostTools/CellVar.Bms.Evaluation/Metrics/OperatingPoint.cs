namespace CellVar.Bms.Evaluation.Metrics
{
    /// <summary>One method at one threshold on one (scenario, size) group.</summary>
    public sealed record OperatingPoint
    {
        /// <summary>Threshold (method's unit).</summary>
        public double Threshold { get; init; }
        /// <summary>Runs in the group.</summary>
        public int Runs { get; init; }
        /// <summary>Runs whose defect was detected after the onset (Detect scenarios).</summary>
        public int Detected { get; init; }
        /// <summary>Detection probability (null when the scenario has nothing to detect).</summary>
        public double? DetectionProbability { get; init; }
        /// <summary>Median detection delay over detected runs (s).</summary>
        public double? MedianDelay_s { get; init; }
        /// <summary>95th-percentile detection delay over detected runs (nearest rank, s).</summary>
        public double? P95Delay_s { get; init; }
        /// <summary>Runs in which a special cell that must not alarm raised a cell-defect alarm (NoAlarm / SensorFault scenarios).</summary>
        public int SpecialCellAlarmRuns { get; init; }
        /// <summary>Alarm episodes on the group's healthy cells.</summary>
        public int FalseAlarms { get; init; }
        /// <summary>Healthy cell-hours observed in the group.</summary>
        public double CellHours { get; init; }
        /// <summary>False alarms per 1,000 healthy cell-hours in this group.</summary>
        public double FalseAlarmsPer1000CellHours => CellHours > 0 ? FalseAlarms / CellHours * 1000 : 0;
    }
}

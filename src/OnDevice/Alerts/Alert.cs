namespace CellVar.Bms.OnDevice.Alerts
{
    /// <summary>
    /// One alert event. Every alert is raised once and later cleared once (<see cref="Raised"/> false)
    /// when its condition has gone away with hysteresis.
    /// </summary>
    public struct Alert
    {
        /// <summary>What the alert is about.</summary>
        public AlertKind Kind;

        /// <summary>True when the condition starts, false when it clears.</summary>
        public bool Raised;

        /// <summary>0-based cell index; -1 for pack-level alerts (current channel, pack-sum mismatch).</summary>
        public int Cell;

        /// <summary>The estimate that triggered the alert, in <see cref="Unit"/>; for sensor faults the <see cref="Measurement.SampleFlags"/> bits.</summary>
        public int Value;

        /// <summary>The threshold it was compared with, in <see cref="Unit"/> (0 for sensor faults).</summary>
        public int Threshold;

        /// <summary>Unit of <see cref="Value"/> and <see cref="Threshold"/>.</summary>
        public AlertUnit Unit;

        /// <summary>
        /// Confidence in permille (0..1000) that the true value is beyond the threshold, from the estimate's
        /// standard error (normal approximation). Sensor faults report 1000.
        /// </summary>
        public int Confidence_permille;

        /// <summary>Sequence number assigned by the queue (starts at 1, +1 per enqueued alert, wraps at int.MaxValue to 1).</summary>
        public int Sequence;

        /// <summary>The <c>time_ms</c> of the tick that produced the alert.</summary>
        public int Time_ms;
    }
}

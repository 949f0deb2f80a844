namespace CellVar.Bms.Inference.Bayes
{
    /// <summary>One entry of a cellvar-priors v1 file (a quantity, or a per-cell override when <see cref="Cell"/> is set).</summary>
    public sealed record PriorQuantity
    {
        /// <summary>1-based cell index for a per-cell override; null for the pack-wide quantity.</summary>
        public int? Cell { get; init; }

        /// <summary>resistance | capacity | temperature_rise.</summary>
        public required string Name { get; init; }

        /// <summary>mOhm | Ah | K.</summary>
        public required string Unit { get; init; }

        /// <summary>normal | lognormal | student_t | normal_defect_mixture.</summary>
        public required string Family { get; init; }

        /// <summary>Mean / median / location / bulk mean.</summary>
        public double Location { get; init; }

        /// <summary>sd / sigma of ln / scale / bulk sd.</summary>
        public double Scale { get; init; }

        /// <summary>student_t degrees of freedom.</summary>
        public double? Df { get; init; }

        /// <summary>Design false-alarm probability per healthy cell per day.</summary>
        public double FalseAlarmPerCellDay { get; init; }

        /// <summary>Alarm above this value.</summary>
        public double? ThresholdHigh { get; init; }

        /// <summary>Alarm below this value.</summary>
        public double? ThresholdLow { get; init; }
    }
}

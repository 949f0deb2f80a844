namespace CellVar.Bms.Population.Priors
{
    /// <summary>One quantity of a cellvar-priors v1 file (field meanings in /tmp/prior-format.md, repeated in the README).</summary>
    public sealed record PriorQuantity
    {
        /// <summary>resistance | capacity | temperature_rise.</summary>
        public required string Name { get; init; }
        /// <summary>mOhm | Ah | K.</summary>
        public required string Unit { get; init; }
        /// <summary>normal | lognormal | student_t | normal_defect_mixture.</summary>
        public required string Family { get; init; }
        /// <summary>normal: mean; lognormal: median; student_t: location; mixture: bulk mean.</summary>
        public double Location { get; init; }
        /// <summary>normal: sd; lognormal: sigma of ln x; student_t: scale; mixture: bulk sd.</summary>
        public double Scale { get; init; }
        /// <summary>Student-t degrees of freedom, else null.</summary>
        public double? Df { get; init; }
        /// <summary>Mixture: probability of the defect component, else null.</summary>
        public double? DefectWeight { get; init; }
        /// <summary>Mixture: defect log-normal median, else null.</summary>
        public double? DefectLocation { get; init; }
        /// <summary>Mixture: defect sigma of ln x, else null.</summary>
        public double? DefectScale { get; init; }
        /// <summary>Design false-alarm probability per healthy cell per day.</summary>
        public double FalseAlarmPerCellDay { get; init; }
        /// <summary>Alarm above this, or null.</summary>
        public double? ThresholdHigh { get; init; }
        /// <summary>Alarm below this, or null.</summary>
        public double? ThresholdLow { get; init; }
    }
}

namespace CellVar.Bms.Provisioning.Boards
{
    /// <summary>The ADC description of a board (<c>adc</c> in hardware/boards/*.json).</summary>
    public sealed class BoardAdc
    {
        /// <summary>Resolution in bits.</summary>
        public int ResolutionBits { get; set; }
        /// <summary>Largest raw count.</summary>
        public int MaxCount { get; set; }
        /// <summary>Nominal pin voltage at <see cref="MaxCount"/>, mV (the starting gain before calibration).</summary>
        public int NominalFullScale_mV { get; set; }
        /// <summary>Pin voltage window with the best linearity, mV [low, high].</summary>
        public int[] UsableRange_mV { get; set; } = [];
        /// <summary>Absolute maximum pin voltage, mV.</summary>
        public int AbsoluteMaxInput_mV { get; set; }
        /// <summary>Reference notes.</summary>
        public string Reference { get; set; } = "";
        /// <summary>Attenuation notes.</summary>
        public string Attenuation { get; set; } = "";
        /// <summary>Accuracy notes.</summary>
        public string Accuracy { get; set; } = "";
        /// <summary>Sample-time notes.</summary>
        public string SampleTime { get; set; } = "";
    }
}

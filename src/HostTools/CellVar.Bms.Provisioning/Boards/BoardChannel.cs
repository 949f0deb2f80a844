namespace CellVar.Bms.Provisioning.Boards
{
    /// <summary>One logical ADC channel of a board (<c>channels[]</c> in hardware/boards/*.json).</summary>
    public sealed class BoardChannel
    {
        /// <summary>Logical channel number passed to <c>AdcController.OpenChannel</c>.</summary>
        public int Channel { get; set; }
        /// <summary>Pin or internal source.</summary>
        public string Pin { get; set; } = "";
        /// <summary>Converter unit: ADC1, ADC2, ADC1_IN6, internal, …</summary>
        public string Unit { get; set; } = "";
        /// <summary>False for internal sources, strapping pins and pins not broken out.</summary>
        public bool Usable { get; set; }
        /// <summary>Why a channel is not usable, or other remarks.</summary>
        public string? Notes { get; set; }
    }
}

namespace CellVar.Bms.Population.MonteCarlo
{
    /// <summary>What one cell's experiment produced (CSV column names in brackets).</summary>
    public sealed record CellOutputs
    {
        /// <summary>C/3 discharge capacity from 100 % SOC to the lower cut-off [Ah] (capacity_c3_Ah); NaN-free: 0 when not run.</summary>
        public double CapacityC3_Ah { get; init; }
        /// <summary>1C discharge capacity [Ah] (capacity_1c_Ah).</summary>
        public double Capacity1C_Ah { get; init; }
        /// <summary>10 s 1C discharge-pulse resistance at 50 % SOC, (OCV − V(10 s))/I [mΩ] (pulse_resistance_10s_mOhm).</summary>
        public double PulseResistance10s_mOhm { get; init; }
        /// <summary>Negative reaction overpotential at the end of the pulse [mV] (eta_neg_1c_mV).</summary>
        public double EtaNegative1C_mV { get; init; }
        /// <summary>Positive reaction overpotential at the end of the pulse [mV] (eta_pos_1c_mV).</summary>
        public double EtaPositive1C_mV { get; init; }
        /// <summary>Mean irreversible heat I·(OCV − V) over the 1C discharge [W] (heat_1c_W).</summary>
        public double Heat1C_W { get; init; }
    }
}

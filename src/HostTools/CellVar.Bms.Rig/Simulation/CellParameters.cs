namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>
    /// One simulated cell: a Thevenin equivalent circuit (OCV(SOC), R0, one R1‖C1 pair) with a lumped thermal mass.
    /// Resistances are at 25 °C; R0 and R1 follow an Arrhenius factor exp(B·(1/T − 1/298.15 K)).
    /// </summary>
    /// <param name="Capacity_Ah">Usable capacity.</param>
    /// <param name="R0_Ohm">Ohmic resistance of the cell itself at 25 °C.</param>
    /// <param name="R1_Ohm">Polarisation resistance of the RC pair at 25 °C.</param>
    /// <param name="Tau1_s">Time constant R1·C1.</param>
    /// <param name="InitialSoc">State of charge at t = 0 (0..1), relaxed.</param>
    /// <param name="ThermalResistance_KPerW">Cell to coolant/ambient.</param>
    /// <param name="HeatCapacity_JPerK">Lumped thermal mass.</param>
    /// <param name="ContactResistance_Ohm">Extra series resistance inside the voltage tap (tab weld); 0 when healthy.</param>
    /// <param name="InternalHeat_W">Extra internal heat source; 0 when healthy.</param>
    /// <param name="SensorOffset_K">Offset of this cell's temperature sensor.</param>
    public sealed record CellParameters(
        double Capacity_Ah,
        double R0_Ohm,
        double R1_Ohm,
        double Tau1_s,
        double InitialSoc,
        double ThermalResistance_KPerW,
        double HeatCapacity_JPerK,
        double ContactResistance_Ohm,
        double InternalHeat_W,
        double SensorOffset_K)
    {
        /// <summary>Series resistance seen by a voltage tap at 25 °C: cell R0 plus the contact.</summary>
        public double TapResistance_Ohm => R0_Ohm + ContactResistance_Ohm;
    }
}

namespace CellVar.Bms.VirtualRig.Simulation
{
    /// <summary>What goes wrong with a cell at a given time.</summary>
    public enum DefectKind
    {
        /// <summary>The tab weld degrades: extra series resistance inside the voltage tap (step, or ramp over <see cref="InjectedDefect.Ramp_s"/>).</summary>
        Weld,
        /// <summary>An internal heat source (e.g. a soft internal short) heats the cell.</summary>
        HotCell,
        /// <summary>The cell's voltage sense wire opens: the ADC channel reads near zero.</summary>
        SensorFault,
    }
}

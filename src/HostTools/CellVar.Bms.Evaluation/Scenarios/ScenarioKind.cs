namespace CellVar.Bms.Evaluation.Scenarios
{
    /// <summary>What a scenario injects into the simulated pack, and therefore what a correct monitor must do.</summary>
    public enum ScenarioKind
    {
        /// <summary>Manufacturing scatter only; every alarm is false.</summary>
        Healthy,
        /// <summary>A tab weld's contact resistance jumps by size × nominal R0 at the onset time (must be detected).</summary>
        WeldStep,
        /// <summary>A tab weld's contact resistance grows linearly to size × nominal R0 over the ramp time (must be detected).</summary>
        WeldRamp,
        /// <summary>An internal heat source of size W in one cell from the start (must be detected as a hot cell).</summary>
        HotCell,
        /// <summary>A healthy cell placed size σ above the population's mean resistance (must not alarm).</summary>
        ExtremeCell,
        /// <summary>Single-sample voltage spikes of 0.1–1 V on one cell with probability size per sample (no cell-defect alarm).</summary>
        SensorGlitch,
        /// <summary>An open sense wire between two cells from the onset time (sensor fault, not a cell defect).</summary>
        OpenWire,
        /// <summary>Two cells balanced in windows; the bleed current drops size V on the shared sense wire (must not alarm).</summary>
        Balancing,
        /// <summary>The rig's ambient swings by ±size K with a gradient across the pack (must not alarm).</summary>
        TemperatureSwing,
    }
}

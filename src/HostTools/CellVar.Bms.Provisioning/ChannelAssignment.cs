using System.Collections.Generic;

namespace CellVar.Bms.Provisioning
{
    /// <summary>Which ADC channel carries which signal.</summary>
    /// <param name="Cells">Channel per cell (or tap), cell 1 first.</param>
    /// <param name="Current">Shunt amplifier channel.</param>
    /// <param name="Temperatures">Channel per NTC.</param>
    public sealed record ChannelAssignment(IReadOnlyList<int> Cells, int Current, IReadOnlyList<int> Temperatures);
}

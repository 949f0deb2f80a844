using System.Collections.Generic;

namespace CellVar.Bms.Provisioning
{
    /// <summary>An NTC conversion table for the device: raw counts ascending, with the temperature at each.</summary>
    /// <param name="Counts">Raw ADC counts, strictly ascending.</param>
    /// <param name="Temperatures_dC">Temperature at each count, 0.1 °C.</param>
    public sealed record NtcLookupTable(IReadOnlyList<int> Counts, IReadOnlyList<int> Temperatures_dC);
}

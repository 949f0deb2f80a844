using System.Collections.Generic;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>A rendered-agnostic table (markdown and console writers share it).</summary>
    /// <param name="Title">Heading.</param>
    /// <param name="Note">One-paragraph explanation printed under the heading.</param>
    /// <param name="Headers">Column headers.</param>
    /// <param name="Rows">Cells as text.</param>
    public sealed record TextTable(string Title, string Note, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
}

using System.Collections.Generic;
using CellVar.Bms.Rig.Csv;

namespace CellVar.Bms.Rig.Simulation
{
    /// <summary>A simulated rig log with the ground truth that produced it.</summary>
    /// <param name="Log">What the rig recorded (with measurement noise).</param>
    /// <param name="Cells">True parameters of every cell, index 0 = cell 1.</param>
    /// <param name="DefectCell">1-based defective cell, 0 when healthy.</param>
    /// <param name="Options">The settings used.</param>
    public sealed record SimulatedPack(RigLog Log, IReadOnlyList<CellParameters> Cells, int DefectCell, PackSimulationOptions Options);
}

using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Diagnosis;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// Puts an accepted protocol prior (<see cref="PriorMessage"/>) in force in a <see cref="PackMonitor"/>.
    /// The quantity indexes of both sides agree (0 resistance µΩ, 1 capacity mAh, 2 temperature rise dC).
    /// A quantity with scale 0 falls back to the pack-median default; cells without an override lose any old one.
    /// </summary>
    public static class PriorBridge
    {
        /// <summary>Applies <paramref name="prior"/> (null = nothing accepted yet: no change).</summary>
        public static void Apply(PriorMessage prior, PackMonitor monitor)
        {
            if (prior == null)
                return;
            for (int q = 0; q < PriorMessage.QuantityCount; q++)
            {
                PriorQuantity quantity = (PriorQuantity)q;
                if (prior.Scale[q] < 1)
                {
                    monitor.SetPrior(quantity, new Prior());
                    continue;
                }
                int high = prior.High[q] == PriorMessage.NoLimit ? Prior.NoThresholdHigh : prior.High[q];
                int low = prior.Low[q] == PriorMessage.NoLimit ? Prior.NoThresholdLow : prior.Low[q];
                // The wire carries location/scale in device units and host-computed thresholds; the family only
                // shapes the reported score, and v1 does not send it, so the normal score is used.
                monitor.SetPrior(quantity, Prior.Create(PriorFamily.Normal, prior.Location[q], prior.Scale[q], high, low));
                for (int cell = 1; cell <= monitor.CellCount; cell++)
                {
                    bool has = (prior.CellOverrideMask[cell - 1] & (1 << q)) != 0;
                    if (has)
                        monitor.SetCellPrior(quantity, cell - 1, prior.LocationFor(q, cell), prior.ScaleFor(q, cell));
                    else
                        monitor.SetCellPrior(quantity, cell - 1, 0, 0);
                }
            }
        }
    }
}

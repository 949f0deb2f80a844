namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// A decoded prior in device units: for each quantity a location, a scale and optional alarm limits,
    /// plus optional per-cell location/scale overrides. Flat arrays indexed <c>quantity * MaxCells + (cell - 1)</c>
    /// because the device has no multidimensional arrays. About 1.9 KB per instance (1,840 bytes of int arrays) (two live on the device).
    /// </summary>
    public sealed class PriorMessage
    {
        /// <summary>Quantity index of resistance (µΩ).</summary>
        public const int Resistance_uOhm = 0;
        /// <summary>Quantity index of capacity (mAh).</summary>
        public const int Capacity_mAh = 1;
        /// <summary>Quantity index of temperature rise above the pack mean (0.1 K).</summary>
        public const int TemperatureRise_dC = 2;
        /// <summary>Number of quantities.</summary>
        public const int QuantityCount = 3;
        /// <summary>Value of <see cref="High"/>/<see cref="Low"/> when the prior sets no limit (JSON <c>null</c> or absent).</summary>
        public const int NoLimit = int.MinValue;

        /// <summary>Host-assigned prior id, echoed in the status answer.</summary>
        public int Id;

        /// <summary>Pack-wide location per quantity.</summary>
        public readonly int[] Location = new int[QuantityCount];
        /// <summary>Pack-wide scale per quantity (≥ 1).</summary>
        public readonly int[] Scale = new int[QuantityCount];
        /// <summary>Alarm-above limit per quantity, or <see cref="NoLimit"/>.</summary>
        public readonly int[] High = new int[QuantityCount];
        /// <summary>Alarm-below limit per quantity, or <see cref="NoLimit"/>.</summary>
        public readonly int[] Low = new int[QuantityCount];

        /// <summary>Per-cell location overrides, valid where the bit for the quantity is set in <see cref="CellOverrideMask"/>.</summary>
        public readonly int[] CellLocation = new int[QuantityCount * ProtocolLimits.MaxCells];
        /// <summary>Per-cell scale overrides.</summary>
        public readonly int[] CellScale = new int[QuantityCount * ProtocolLimits.MaxCells];
        /// <summary>Bit <c>1 &lt;&lt; quantity</c> set when cell (index + 1) has an override for that quantity.</summary>
        public readonly int[] CellOverrideMask = new int[ProtocolLimits.MaxCells];

        /// <summary>Resets to "no prior" (id 0, no limits, no overrides).</summary>
        public void Clear()
        {
            Id = 0;
            for (int q = 0; q < QuantityCount; q++)
            {
                Location[q] = 0;
                Scale[q] = 0;
                High[q] = NoLimit;
                Low[q] = NoLimit;
            }
            for (int c = 0; c < ProtocolLimits.MaxCells; c++)
                CellOverrideMask[c] = 0;
        }

        /// <summary>Location that applies to a 1-based cell: its override if any, else the pack value.</summary>
        public int LocationFor(int quantity, int cell)
        {
            if (cell >= 1 && cell <= ProtocolLimits.MaxCells && (CellOverrideMask[cell - 1] & (1 << quantity)) != 0)
                return CellLocation[quantity * ProtocolLimits.MaxCells + cell - 1];
            return Location[quantity];
        }

        /// <summary>Scale that applies to a 1-based cell: its override if any, else the pack value.</summary>
        public int ScaleFor(int quantity, int cell)
        {
            if (cell >= 1 && cell <= ProtocolLimits.MaxCells && (CellOverrideMask[cell - 1] & (1 << quantity)) != 0)
                return CellScale[quantity * ProtocolLimits.MaxCells + cell - 1];
            return Scale[quantity];
        }
    }
}

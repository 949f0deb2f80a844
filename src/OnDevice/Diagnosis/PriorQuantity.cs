namespace CellVar.Bms.OnDevice.Diagnosis
{
    /// <summary>Quantity a <see cref="Prior"/> describes, with its device unit.</summary>
    public enum PriorQuantity : byte
    {
        /// <summary>Ohmic resistance, µΩ.</summary>
        Resistance = 0,
        /// <summary>Capacity, mAh.</summary>
        Capacity = 1,
        /// <summary>Temperature excess over neighbours after expected I²R heating, dC.</summary>
        TemperatureRise = 2,
    }
}

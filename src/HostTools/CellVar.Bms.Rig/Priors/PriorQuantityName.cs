namespace CellVar.Bms.Rig.Priors
{
    /// <summary>Quantity a host prior describes (priors.json <c>name</c>).</summary>
    public enum PriorQuantityName
    {
        /// <summary><c>resistance</c>, unit mOhm.</summary>
        Resistance,
        /// <summary><c>capacity</c>, unit Ah.</summary>
        Capacity,
        /// <summary><c>temperature_rise</c>, unit K.</summary>
        TemperatureRise,
    }
}

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>Physical constants (CODATA 2018, the values PyBaMM takes from scipy.constants).</summary>
    public static class PhysicalConstants
    {
        /// <summary>Molar gas constant R [J mol⁻¹ K⁻¹].</summary>
        public const double GasConstant_J_molK = 8.314462618;

        /// <summary>Faraday constant F [C mol⁻¹].</summary>
        public const double Faraday_C_mol = 96485.33212;

        /// <summary>Seconds per hour, for A h ↔ C conversions.</summary>
        public const double SecondsPerHour = 3600.0;
    }
}

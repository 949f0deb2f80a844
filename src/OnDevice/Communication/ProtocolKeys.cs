namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>JSON key names of protocol v1 as ASCII bytes, built once so decoding compares without allocating.</summary>
    public static class ProtocolKeys
    {
        /// <summary><c>v</c>: schema version.</summary>
        public static readonly byte[] Version = Ascii.GetBytes("v");
        /// <summary><c>mon</c>: monitor id.</summary>
        public static readonly byte[] Monitor = Ascii.GetBytes("mon");
        /// <summary><c>id</c>: host-assigned id of a prior or config.</summary>
        public static readonly byte[] Id = Ascii.GetBytes("id");
        /// <summary><c>r</c>: resistance prior, µΩ.</summary>
        public static readonly byte[] Resistance = Ascii.GetBytes("r");
        /// <summary><c>q</c>: capacity prior, mAh.</summary>
        public static readonly byte[] Capacity = Ascii.GetBytes("q");
        /// <summary><c>tr</c>: temperature-rise prior, 0.1 K.</summary>
        public static readonly byte[] TemperatureRise = Ascii.GetBytes("tr");
        /// <summary><c>loc</c>: location (mean) of a prior.</summary>
        public static readonly byte[] Location = Ascii.GetBytes("loc");
        /// <summary><c>sd</c>: scale (standard deviation) of a prior.</summary>
        public static readonly byte[] Scale = Ascii.GetBytes("sd");
        /// <summary><c>hi</c>: alarm threshold above.</summary>
        public static readonly byte[] High = Ascii.GetBytes("hi");
        /// <summary><c>lo</c>: alarm threshold below.</summary>
        public static readonly byte[] Low = Ascii.GetBytes("lo");
        /// <summary><c>cells</c>: per-cell overrides (prior) or cell count (config).</summary>
        public static readonly byte[] Cells = Ascii.GetBytes("cells");
        /// <summary><c>c</c>: 1-based cell index in an override.</summary>
        public static readonly byte[] Cell = Ascii.GetBytes("c");
        /// <summary><c>tele_s</c>: telemetry period, seconds.</summary>
        public static readonly byte[] TelemetryPeriod = Ascii.GetBytes("tele_s");
        /// <summary><c>hold_s</c>: time an alert condition must be gone before it is cleared, seconds.</summary>
        public static readonly byte[] AlertHold = Ascii.GetBytes("hold_s");
        /// <summary><c>prior</c>: names what a status answers.</summary>
        public static readonly byte[] Prior = Ascii.GetBytes("prior");
        /// <summary><c>config</c>: names what a status answers.</summary>
        public static readonly byte[] Config = Ascii.GetBytes("config");
    }
}

using System;

namespace CellVar.Bms.VirtualRig.Mqtt
{
    /// <summary>A plain-TCP MQTT broker address parsed from <c>mqtt://host:port</c> (port defaults to 1883).</summary>
    public sealed record BrokerAddress(string Host, int Port)
    {
        /// <summary>Parses <paramref name="url"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
        public static BrokerAddress Parse(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? u) || u.Scheme != "mqtt" || string.IsNullOrEmpty(u.Host))
                throw new FormatException($"broker '{url}': expected mqtt://host[:port] (TLS brokers are not supported by the virtual rig)");
            return new BrokerAddress(u.Host, u.IsDefaultPort || u.Port <= 0 ? 1883 : u.Port);
        }

        /// <inheritdoc />
        public override string ToString() => $"mqtt://{Host}:{Port}";
    }
}

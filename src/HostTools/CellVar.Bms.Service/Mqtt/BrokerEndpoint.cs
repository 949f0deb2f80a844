using System;

namespace CellVar.Bms.Service.Mqtt
{
    /// <summary>Where the service's MQTT client connects: <c>mqtt://host:port</c> or <c>mqtts://host:port</c> (TLS, optional CA file).</summary>
    /// <param name="Host">Broker host.</param>
    /// <param name="Port">Broker port.</param>
    /// <param name="Tls">Use TLS.</param>
    /// <param name="CaFile">PEM file of the CA that signed the broker certificate (TLS only); null = system trust store.</param>
    /// <param name="User">User name, or null.</param>
    /// <param name="Password">Password, or null.</param>
    public sealed record BrokerEndpoint(string Host, int Port, bool Tls, string? CaFile, string? User, string? Password)
    {
        /// <summary>Parses <c>mqtt://[user:password@]host[:port]</c> or <c>mqtts://...</c> (default ports 1883 / 8883).</summary>
        /// <exception cref="FormatException">Not an mqtt:// or mqtts:// URL.</exception>
        public static BrokerEndpoint Parse(string url, string? caFile)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? u) || (u.Scheme != "mqtt" && u.Scheme != "mqtts"))
                throw new FormatException($"--broker '{url}' is not mqtt://host:port or mqtts://host:port");
            bool tls = u.Scheme == "mqtts";
            if (caFile != null && !tls)
                throw new FormatException("--ca-file needs an mqtts:// broker URL");
            string? user = null, password = null;
            if (!string.IsNullOrEmpty(u.UserInfo))
            {
                string[] p = u.UserInfo.Split(':', 2);
                user = Uri.UnescapeDataString(p[0]);
                password = p.Length > 1 ? Uri.UnescapeDataString(p[1]) : null;
            }
            return new BrokerEndpoint(u.Host, u.IsDefaultPort || u.Port <= 0 ? (tls ? 8883 : 1883) : u.Port, tls, caFile, user, password);
        }

        /// <inheritdoc />
        public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}";
    }
}

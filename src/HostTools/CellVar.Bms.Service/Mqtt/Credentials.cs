using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace CellVar.Bms.Service.Mqtt
{
    /// <summary>
    /// Per-monitor MQTT passwords for the embedded broker, read from a text file of lines <c>monitor-id password</c>
    /// (blank lines and <c>#</c> comments ignored). The service's own account is added at start with a random password.
    /// </summary>
    public sealed class Credentials
    {
        private readonly Dictionary<string, byte[]> _passwords = new(StringComparer.Ordinal);

        /// <summary>User name of the service's own client.</summary>
        public const string ServiceUser = "cellvar-service";

        /// <summary>Creates an empty set holding only the service account with a fresh random password.</summary>
        public Credentials()
        {
            ServicePassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _passwords[ServiceUser] = Encoding.UTF8.GetBytes(ServicePassword);
        }

        /// <summary>The service account's password (random per run).</summary>
        public string ServicePassword { get; }

        /// <summary>Monitors that may connect.</summary>
        public IEnumerable<string> Monitors
        {
            get
            {
                foreach (string k in _passwords.Keys)
                    if (k != ServiceUser)
                        yield return k;
            }
        }

        /// <summary>Adds or replaces a monitor's password.</summary>
        /// <exception cref="ArgumentException">Bad monitor id or empty password.</exception>
        public void Add(string monitorId, string password)
        {
            if (!Protocol.TopicAddress.IsValidId(monitorId) || monitorId == ServiceUser)
                throw new ArgumentException($"'{monitorId}' is not a valid monitor id (1-24 of [A-Za-z0-9_.-])", nameof(monitorId));
            if (string.IsNullOrEmpty(password))
                throw new ArgumentException($"monitor '{monitorId}' has an empty password", nameof(password));
            _passwords[monitorId] = Encoding.UTF8.GetBytes(password);
        }

        /// <summary>Reads a credentials file; errors name the line.</summary>
        /// <exception cref="FormatException">A line is not <c>monitor-id password</c>.</exception>
        public static Credentials Load(string path)
        {
            var c = new Credentials();
            MonitorTableFile.Read(path, "monitor-id password", c.Add);
            return c;
        }

        /// <summary>True when <paramref name="user"/> exists and <paramref name="password"/> matches (constant-time compare).</summary>
        public bool Check(string? user, byte[]? password)
        {
            if (user == null || password == null || !_passwords.TryGetValue(user, out byte[]? expected))
                return false;
            return CryptographicOperations.FixedTimeEquals(expected, password);
        }
    }
}

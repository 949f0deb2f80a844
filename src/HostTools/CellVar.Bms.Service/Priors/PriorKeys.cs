using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace CellVar.Bms.Service.Priors
{
    /// <summary>
    /// Per-monitor keys the service signs priors and configs with (protocol v1 signed messages, see PROTOCOL.md and
    /// src/OnDevice/Security/README.md). Read from a text file of lines <c>monitor-id 64-hex-key</c> (blank lines and
    /// <c>#</c> comments ignored), as written by <c>cellvar provision</c>. Signing uses .NET's own HMAC-SHA-256, so the
    /// device's integer implementation is checked against an independent one whenever a signed prior is accepted.
    /// </summary>
    public sealed class PriorKeys
    {
        /// <summary>Label of signed priors (must equal the device's <c>PriorAuthenticator.PriorLabel</c>).</summary>
        public const string PriorLabel = "cellvar/v1 prior";

        /// <summary>Label of signed configs (must equal the device's <c>PriorAuthenticator.ConfigLabel</c>).</summary>
        public const string ConfigLabel = "cellvar/v1 config";

        /// <summary>Shortest key accepted, bytes (the device's minimum).</summary>
        public const int MinKeyBytes = 16;

        private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

        /// <summary>Monitors that have a key.</summary>
        public IEnumerable<string> Monitors => _keys.Keys;

        /// <summary>Adds or replaces a monitor's key.</summary>
        /// <exception cref="ArgumentException">Bad monitor id or a key shorter than <see cref="MinKeyBytes"/>.</exception>
        public void Add(string monitorId, byte[] key)
        {
            if (!Protocol.TopicAddress.IsValidId(monitorId))
                throw new ArgumentException($"'{monitorId}' is not a valid monitor id (1-24 of [A-Za-z0-9_.-])", nameof(monitorId));
            if (key == null || key.Length < MinKeyBytes)
                throw new ArgumentException($"key of monitor '{monitorId}' must be at least {MinKeyBytes} bytes", nameof(key));
            _keys[monitorId] = (byte[])key.Clone();
        }

        /// <summary>True when <paramref name="monitorId"/> has a key.</summary>
        public bool Has(string monitorId) => _keys.ContainsKey(monitorId);

        /// <summary>Reads a keys file; errors name the file and line.</summary>
        /// <exception cref="FormatException">A line is not <c>monitor-id hexkey</c> with an even number (≥ 32) of hex digits.</exception>
        public static PriorKeys Load(string path)
        {
            var k = new PriorKeys();
            MonitorTableFile.Read(path, "monitor-id hexkey", (id, hex) =>
            {
                byte[] key;
                try
                {
                    key = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    throw new FormatException($"key of '{id}' is not hex (expected {2 * 32} hex digits)");
                }
                k.Add(id, key);
            });
            return k;
        }

        /// <summary>
        /// Signs <paramref name="json"/> (a JSON object) for <paramref name="monitorId"/> under <paramref name="label"/>:
        /// replaces the final <c>}</c> with <c>,"mac":"&lt;hex&gt;"}</c>. Returns the JSON unchanged when the monitor has no key
        /// (a monitor without a key accepts unsigned messages).
        /// </summary>
        /// <exception cref="ArgumentException">The text does not end with <c>}</c>.</exception>
        public string SignOrPass(string monitorId, string label, string json)
        {
            if (!_keys.TryGetValue(monitorId, out byte[]? key))
                return json;
            return Sign(key, label, json);
        }

        /// <summary>Signs <paramref name="json"/> with <paramref name="key"/> under <paramref name="label"/> (see <see cref="SignOrPass"/>).</summary>
        /// <exception cref="ArgumentException">The text does not end with <c>}</c>.</exception>
        public static string Sign(byte[] key, string label, string json)
        {
            if (json.Length < 2 || json[^1] != '}')
                throw new ArgumentException("signed messages must be JSON objects ending with '}'", nameof(json));
            string body = json[..^1];
            byte[] signed = Encoding.UTF8.GetBytes(label + "\n" + body);
            string mac = Convert.ToHexStringLower(HMACSHA256.HashData(key, signed));
            return body + ",\"mac\":\"" + mac + "\"}";
        }
    }
}

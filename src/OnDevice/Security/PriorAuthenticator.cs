using System;

namespace CellVar.Bms.OnDevice.Security
{
    /// <summary>
    /// Authenticates signed prior (or config) payloads with the monitor's own key and rejects replays.
    /// Wire format: the JSON object as the host serialised it, with its closing <c>}</c> replaced by the trailer
    /// <c>,"mac":"&lt;64 lowercase hex&gt;"}</c>. The MAC is HMAC-SHA-256(key, label ‖ 0x0A ‖ body), where body is every byte
    /// of the payload before that trailer. Because the body is a prefix of the payload, checking needs no copy, and the
    /// signed message is still valid JSON that decoders read unchanged (they skip the unknown <c>mac</c> key).
    /// The version is the message's <c>id</c>, which the host assigns increasing; see README.md in this folder.
    /// Use: <see cref="Check"/> → decode into scratch → <see cref="CheckVersion"/> → apply → <see cref="Commit"/>.
    /// Allocates nothing after construction. Not thread-safe.
    /// </summary>
    public sealed class PriorAuthenticator
    {
        /// <summary>Shortest key accepted (128 bits); provision 32 random bytes per monitor.</summary>
        public const int MinKeyBytes = 16;

        /// <summary>Hex digits of the MAC in the trailer.</summary>
        public const int MacHexDigits = 64;

        /// <summary>Bytes of the trailer <c>,"mac":"…"}</c> appended after the body.</summary>
        public const int TrailerBytes = 8 + MacHexDigits + 2;

        /// <summary>Label of signed priors (domain separation, so a signed config can never pass as a prior).</summary>
        public const string PriorLabel = "cellvar/v1 prior";

        /// <summary>Label of signed configs.</summary>
        public const string ConfigLabel = "cellvar/v1 config";

        // ,"mac":"
        private static readonly byte[] TrailerHead = new byte[] { 0x2c, 0x22, 0x6d, 0x61, 0x63, 0x22, 0x3a, 0x22 };
        private static readonly byte[] Separator = new byte[] { 0x0a };

        private readonly HmacSha256 _hmac;
        private readonly byte[] _label;
        private readonly byte[] _mac = new byte[HmacSha256.MacBytes];
        private readonly byte[] _lastMac = new byte[HmacSha256.MacBytes];
        private bool _checked;

        /// <summary>
        /// Creates an authenticator for one message kind (<see cref="PriorLabel"/> or <see cref="ConfigLabel"/>).
        /// <paramref name="lastVersion"/> is the version in force, persisted by the firmware across reboots (0 if none),
        /// so an old signed message cannot be replayed after a restart.
        /// </summary>
        /// <exception cref="ArgumentException">The key is shorter than <see cref="MinKeyBytes"/>, the label is empty or not ASCII, or the version is negative.</exception>
        public PriorAuthenticator(byte[] key, int keyLength, string label, int lastVersion)
        {
            if (key == null)
                throw new ArgumentNullException("key");
            if (keyLength < MinKeyBytes || keyLength > key.Length)
                throw new ArgumentException("key must be at least 16 bytes", "keyLength");
            if (label == null || label.Length == 0)
                throw new ArgumentException("label must not be empty", "label");
            if (lastVersion < 0)
                throw new ArgumentException("last version must be >= 0", "lastVersion");
            _label = new byte[label.Length];
            for (int i = 0; i < label.Length; i++)
            {
                char c = label[i];
                if (c < ' ' || c > '~')
                    throw new ArgumentException("label must be printable ASCII", "label");
                _label[i] = (byte)c;
            }
            _hmac = new HmacSha256(key, keyLength);
            LastVersion = lastVersion;
        }

        /// <summary>Version (message <c>id</c>) of the message in force; persist it after each <see cref="Commit"/>.</summary>
        public int LastVersion { get; private set; }

        /// <summary>After <see cref="Check"/>: bytes of the payload covered by the MAC (the body before the trailer).</summary>
        public int SignedLength { get; private set; }

        /// <summary>After a <see cref="AuthStatus.MalformedMac"/>: how many characters the MAC string had (e.g. 32 for a MAC cut in half).</summary>
        public int MacDigitsFound { get; private set; }

        /// <summary>
        /// Checks the trailer and the MAC of <paramref name="length"/> bytes of <paramref name="payload"/>.
        /// Returns <see cref="AuthStatus.Authentic"/>, <see cref="AuthStatus.MissingMac"/>, <see cref="AuthStatus.MalformedMac"/>
        /// or <see cref="AuthStatus.BadMac"/>; the version is checked separately once the payload is decoded.
        /// </summary>
        public AuthStatus Check(byte[] payload, int length)
        {
            _checked = false;
            SignedLength = 0;
            MacDigitsFound = 0;
            if (payload == null || length < 0 || length > payload.Length)
                return AuthStatus.MissingMac;
            int head = FindTrailerHead(payload, length);
            if (head < 0)
                return AuthStatus.MissingMac;
            int digits = length - 2 - (head + TrailerHead.Length);
            MacDigitsFound = digits;
            if (digits != MacHexDigits || payload[length - 2] != (byte)'"' || payload[length - 1] != (byte)'}')
                return AuthStatus.MalformedMac;
            int first = head + TrailerHead.Length;
            for (int i = 0; i < HmacSha256.MacBytes; i++)
            {
                int hi = HexValue(payload[first + 2 * i]);
                int lo = HexValue(payload[first + 2 * i + 1]);
                if (hi < 0 || lo < 0)
                    return AuthStatus.MalformedMac;
                _mac[i] = (byte)((hi << 4) | lo);
            }
            _hmac.Begin();
            _hmac.Update(_label, 0, _label.Length);
            _hmac.Update(Separator, 0, 1);
            _hmac.Update(payload, 0, head);
            if (!_hmac.VerifyStreamed(_mac, 0, HmacSha256.MacBytes))
                return AuthStatus.BadMac;
            SignedLength = head;
            _checked = true;
            return AuthStatus.Authentic;
        }

        /// <summary>
        /// After a successful <see cref="Check"/> and decode: accepts <paramref name="version"/> only if it is newer than
        /// <see cref="LastVersion"/>. Equal version with the same MAC is <see cref="AuthStatus.AlreadyInForce"/> (a retained
        /// re-delivery); anything else not newer is <see cref="AuthStatus.Replayed"/>.
        /// </summary>
        public AuthStatus CheckVersion(int version)
        {
            if (!_checked)
                return AuthStatus.MissingMac;
            if (version > LastVersion)
                return AuthStatus.Authentic;
            if (version == LastVersion && ConstantTime.BytesEqual(_mac, 0, _lastMac, 0, HmacSha256.MacBytes))
                return AuthStatus.AlreadyInForce;
            return AuthStatus.Replayed;
        }

        /// <summary>Records that the last checked message (version <paramref name="version"/>) is now in force.</summary>
        /// <exception cref="InvalidOperationException">No authentic, newer message was checked.</exception>
        public void Commit(int version)
        {
            if (!_checked || version <= LastVersion)
                throw new InvalidOperationException("commit only an authentic message with a newer version");
            LastVersion = version;
            Array.Copy(_mac, 0, _lastMac, 0, HmacSha256.MacBytes);
            _checked = false;
        }

        /// <summary>
        /// Signs <paramref name="length"/> bytes of a JSON object <paramref name="json"/> (which must end with <c>}</c>) into
        /// <paramref name="output"/> and returns the signed length (<c>length − 1 + TrailerBytes</c>). Used by the host
        /// and by tests; the device only verifies.
        /// </summary>
        /// <exception cref="ArgumentException">The JSON does not end with <c>}</c> or the output is too small.</exception>
        public int Sign(byte[] json, int length, byte[] output)
        {
            if (json == null || output == null)
                throw new ArgumentNullException(json == null ? "json" : "output");
            if (length < 2 || length > json.Length || json[length - 1] != (byte)'}')
                throw new ArgumentException("json must be an object ending with '}'", "json");
            int body = length - 1;
            if (output.Length < body + TrailerBytes)
                throw new ArgumentException("output too small", "output");
            _hmac.Begin();
            _hmac.Update(_label, 0, _label.Length);
            _hmac.Update(Separator, 0, 1);
            _hmac.Update(json, 0, body);
            _hmac.Finish(_mac, 0);
            Array.Copy(json, 0, output, 0, body);
            Array.Copy(TrailerHead, 0, output, body, TrailerHead.Length);
            int at = body + TrailerHead.Length;
            for (int i = 0; i < HmacSha256.MacBytes; i++)
            {
                output[at + 2 * i] = HexDigit(_mac[i] >> 4);
                output[at + 2 * i + 1] = HexDigit(_mac[i] & 0xf);
            }
            output[at + MacHexDigits] = (byte)'"';
            output[at + MacHexDigits + 1] = (byte)'}';
            _checked = false;
            return body + TrailerBytes;
        }

        /// <summary>Short ASCII reason for a status, for the device's status message (enum ToString prints a number on nanoFramework).</summary>
        public static string Reason(AuthStatus status)
        {
            switch (status)
            {
                case AuthStatus.Authentic: return "ok";
                case AuthStatus.MissingMac: return "mac-missing";
                case AuthStatus.MalformedMac: return "mac-malformed";
                case AuthStatus.BadMac: return "mac-mismatch";
                case AuthStatus.Replayed: return "replayed";
                case AuthStatus.AlreadyInForce: return "in-force";
                default: return "unknown";
            }
        }

        // Last occurrence of ,"mac":" — the trailer is always at the end, so a "mac" key inside the body cannot move it.
        private static int FindTrailerHead(byte[] p, int length)
        {
            for (int i = length - TrailerHead.Length - 2; i >= 0; i--)
            {
                int k = 0;
                while (k < TrailerHead.Length && p[i + k] == TrailerHead[k])
                    k++;
                if (k == TrailerHead.Length)
                    return i;
            }
            return -1;
        }

        private static int HexValue(byte c)
        {
            if (c >= (byte)'0' && c <= (byte)'9')
                return c - '0';
            if (c >= (byte)'a' && c <= (byte)'f')
                return c - 'a' + 10;
            return -1;
        }

        private static byte HexDigit(int v)
        {
            return (byte)(v < 10 ? '0' + v : 'a' + v - 10);
        }
    }
}

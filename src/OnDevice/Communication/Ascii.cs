namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>ASCII conversions written by hand: nanoFramework's mscorlib 1.17.11 has no <c>System.Text.Encoding</c>.</summary>
    public static class Ascii
    {
        /// <summary>Converts a string of printable ASCII to bytes (called at start-up only; it allocates).</summary>
        public static byte[] GetBytes(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
                b[i] = (byte)s[i];
            return b;
        }

        /// <summary>
        /// True when <paramref name="s"/> is 1..<see cref="ProtocolLimits.MaxIdLength"/> characters of
        /// <c>[A-Za-z0-9_.-]</c>: safe inside a topic level and inside a JSON string without escaping.
        /// </summary>
        public static bool IsValidId(string s)
        {
            if (s == null || s.Length == 0 || s.Length > ProtocolLimits.MaxIdLength)
                return false;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
                if (!ok)
                    return false;
            }
            return true;
        }

        /// <summary>Compares <paramref name="length"/> bytes at <paramref name="start"/> with <paramref name="expected"/>.</summary>
        public static bool SpanEquals(byte[] buffer, int start, int length, byte[] expected)
        {
            if (length != expected.Length)
                return false;
            for (int i = 0; i < length; i++)
            {
                if (buffer[start + i] != expected[i])
                    return false;
            }
            return true;
        }
    }
}

namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Forward-only reader for the JSON subset the device accepts: objects, arrays, integers, strings without
    /// escapes, <c>true</c>/<c>false</c>/<c>null</c>. Works in place on the receive buffer and never allocates;
    /// fractions, exponents and escapes are refused rather than half-supported.
    /// </summary>
    public sealed class JsonReader
    {
        private byte[] _b;
        private int _end;
        private int _pos;

        /// <summary>Byte offset of the next unread byte (used in error reports).</summary>
        public int Position => _pos;

        /// <summary>Starts reading <paramref name="length"/> bytes of <paramref name="buffer"/>.</summary>
        public void Reset(byte[] buffer, int length)
        {
            _b = buffer;
            _end = length;
            _pos = 0;
        }

        /// <summary>Moves back to an offset previously read from <see cref="Position"/>.</summary>
        public void Seek(int position)
        {
            _pos = position;
        }

        /// <summary>Skips whitespace and returns the next byte without consuming it, or 0 at the end.</summary>
        public byte Peek()
        {
            while (_pos < _end)
            {
                byte c = _b[_pos];
                if (c != (byte)' ' && c != (byte)'\t' && c != (byte)'\n' && c != (byte)'\r')
                    return c;
                _pos++;
            }
            return 0;
        }

        /// <summary>Consumes <paramref name="c"/> if it is the next non-blank byte.</summary>
        public bool Consume(byte c)
        {
            if (Peek() != c || c == 0)
                return false;
            _pos++;
            return true;
        }

        /// <summary>True when only whitespace remains.</summary>
        public bool AtEnd()
        {
            return Peek() == 0 && _pos >= _end;
        }

        /// <summary>
        /// Reads a quoted string and returns where its content lies. Fails (JSON error) on escapes,
        /// control characters or a missing closing quote.
        /// </summary>
        public bool ReadString(out int start, out int length)
        {
            start = 0;
            length = 0;
            if (Peek() != (byte)'"')
                return false;
            int p = _pos + 1;
            int s = p;
            while (p < _end)
            {
                byte c = _b[p];
                if (c == (byte)'"')
                {
                    start = s;
                    length = p - s;
                    _pos = p + 1;
                    return true;
                }
                if (c == (byte)'\\' || c < 0x20)
                    return false;
                p++;
            }
            return false;
        }

        /// <summary>
        /// Reads an integer value. Returns <see cref="DecodeStatus.Type"/> for another JSON type (string, object,
        /// array, boolean, null, or a number with a fraction/exponent), <see cref="DecodeStatus.Range"/> beyond
        /// 18 digits, <see cref="DecodeStatus.Json"/> for bytes that are not JSON.
        /// </summary>
        public DecodeStatus ReadInteger(out long value)
        {
            value = 0;
            byte c = Peek();
            if (c == (byte)'"' || c == (byte)'{' || c == (byte)'[' || c == (byte)'t' || c == (byte)'f' || c == (byte)'n')
                return DecodeStatus.Type;
            bool negative = false;
            int p = _pos;
            if (c == (byte)'-')
            {
                negative = true;
                p++;
            }
            int digits = 0;
            long v = 0;
            while (p < _end && _b[p] >= (byte)'0' && _b[p] <= (byte)'9')
            {
                if (digits == 18)
                    return DecodeStatus.Range;
                v = v * 10 + (_b[p] - (byte)'0');
                digits++;
                p++;
            }
            if (digits == 0)
                return DecodeStatus.Json;
            if (p < _end && (_b[p] == (byte)'.' || _b[p] == (byte)'e' || _b[p] == (byte)'E'))
                return DecodeStatus.Type;
            _pos = p;
            value = negative ? -v : v;
            return DecodeStatus.Accepted;
        }

        /// <summary>Consumes <c>null</c> if it is next.</summary>
        public bool ConsumeNull()
        {
            if (Peek() != (byte)'n' || _pos + 4 > _end)
                return false;
            if (_b[_pos + 1] != (byte)'u' || _b[_pos + 2] != (byte)'l' || _b[_pos + 3] != (byte)'l')
                return false;
            _pos += 4;
            return true;
        }

        /// <summary>
        /// Skips one value of any type (used for keys this firmware does not know, so newer hosts can add fields).
        /// Fails on malformed JSON or nesting deeper than <paramref name="depthLeft"/>.
        /// </summary>
        public bool SkipValue(int depthLeft)
        {
            byte c = Peek();
            if (c == (byte)'"')
            {
                int s, l;
                return ReadString(out s, out l);
            }
            if (c == (byte)'{' || c == (byte)'[')
            {
                if (depthLeft <= 0)
                    return false;
                byte close = c == (byte)'{' ? (byte)'}' : (byte)']';
                _pos++;
                if (Consume(close))
                    return true;
                do
                {
                    if (c == (byte)'{')
                    {
                        int s, l;
                        if (!ReadString(out s, out l) || !Consume((byte)':'))
                            return false;
                    }
                    if (!SkipValue(depthLeft - 1))
                        return false;
                }
                while (Consume((byte)','));
                return Consume(close);
            }
            if (c == (byte)'t')
                return Literal(TrueBytes);
            if (c == (byte)'f')
                return Literal(FalseBytes);
            if (c == (byte)'n')
                return ConsumeNull();
            if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
            {
                // Unknown fields may carry fractions; skip the full JSON number grammar loosely.
                int p = _pos + 1;
                while (p < _end)
                {
                    byte d = _b[p];
                    bool numeric = (d >= (byte)'0' && d <= (byte)'9') || d == (byte)'.' || d == (byte)'e' || d == (byte)'E' || d == (byte)'+' || d == (byte)'-';
                    if (!numeric)
                        break;
                    p++;
                }
                _pos = p;
                return true;
            }
            return false;
        }

        private bool Literal(byte[] lit)
        {
            if (_pos + lit.Length > _end)
                return false;
            for (int i = 0; i < lit.Length; i++)
            {
                if (_b[_pos + i] != lit[i])
                    return false;
            }
            _pos += lit.Length;
            return true;
        }

        private static readonly byte[] TrueBytes = Ascii.GetBytes("true");
        private static readonly byte[] FalseBytes = Ascii.GetBytes("false");
    }
}

namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Appends compact JSON to one reusable byte buffer. Keys are written from pre-built fragments
    /// (e.g. <c>,"seq":</c>), numbers digit by digit, so writing a message allocates nothing.
    /// Writing past the end sets <see cref="Overflow"/> instead of throwing; the caller then drops the message.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly byte[] _buffer;
        private readonly byte[] _digits = new byte[20];
        private int _length;
        private bool _overflow;

        /// <summary>Creates a writer over a buffer of <paramref name="capacity"/> bytes.</summary>
        public JsonWriter(int capacity)
        {
            _buffer = new byte[capacity];
        }

        /// <summary>The buffer holding the message written so far.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Number of bytes written.</summary>
        public int Length => _length;

        /// <summary>True when something did not fit; the content is then incomplete.</summary>
        public bool Overflow => _overflow;

        /// <summary>Starts a new message.</summary>
        public void Reset()
        {
            _length = 0;
            _overflow = false;
        }

        /// <summary>Appends one byte.</summary>
        public void Byte(byte b)
        {
            if (_length >= _buffer.Length)
            {
                _overflow = true;
                return;
            }
            _buffer[_length++] = b;
        }

        /// <summary>Appends pre-built bytes (a key fragment or punctuation).</summary>
        public void Raw(byte[] bytes)
        {
            int n = bytes.Length;
            if (_length + n > _buffer.Length)
            {
                _overflow = true;
                return;
            }
            for (int i = 0; i < n; i++)
                _buffer[_length + i] = bytes[i];
            _length += n;
        }

        /// <summary>Appends a quoted string of characters already checked by <see cref="Ascii.IsValidId"/> (no escaping needed).</summary>
        public void QuotedId(string s)
        {
            Byte((byte)'"');
            for (int i = 0; i < s.Length; i++)
                Byte((byte)s[i]);
            Byte((byte)'"');
        }

        /// <summary>Appends a quoted string held as ASCII bytes (no escaping needed).</summary>
        public void QuotedBytes(byte[] s)
        {
            Byte((byte)'"');
            Raw(s);
            Byte((byte)'"');
        }

        /// <summary>Appends <c>true</c> or <c>false</c>.</summary>
        public void Bool(bool value)
        {
            Raw(value ? TrueBytes : FalseBytes);
        }

        /// <summary>Appends a signed decimal integer.</summary>
        public void Int(long value)
        {
            if (value == long.MinValue)
                value = long.MinValue + 1; // its magnitude has no positive long; one unit off is below any field's resolution
            if (value < 0)
            {
                Byte((byte)'-');
                value = -value;
            }
            int n = 0;
            do
            {
                _digits[n++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value != 0);
            if (_length + n > _buffer.Length)
            {
                _overflow = true;
                return;
            }
            while (n > 0)
                _buffer[_length++] = _digits[--n];
        }

        private static readonly byte[] TrueBytes = Ascii.GetBytes("true");
        private static readonly byte[] FalseBytes = Ascii.GetBytes("false");
    }
}

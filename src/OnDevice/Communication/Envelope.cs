namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// The part every host → device message shares: one top-level JSON object with <c>v</c>, <c>mon</c> and
    /// <c>id</c> among its keys. <see cref="PriorDecoder"/> and <see cref="ConfigDecoder"/> each own one and read
    /// only their own keys: the envelope bounds the length, walks the object's <c>{ "key": value, ... }</c> framing,
    /// checks the three header fields wherever they stand and reports them missing at the end.
    /// </summary>
    /// <remarks>
    /// Method calls are the expensive part of interpreted IL, so header keys are handled inside <see cref="NextKey"/>:
    /// compared with hand-inlined loops a decode costs one call per body key plus four per message, and it runs only
    /// when a prior or config arrives. Allocates only in the constructor.
    /// </remarks>
    internal sealed class Envelope
    {
        /// <summary>Bit set in <c>seen</c> once a valid <c>v</c> was read.</summary>
        internal const int SeenVersion = 1;
        /// <summary>Bit set in <c>seen</c> once <c>mon</c> named this monitor.</summary>
        internal const int SeenMonitor = 2;
        /// <summary>Bit set in <c>seen</c> once a valid <c>id</c> was read; decoders use the bits from 8 up for their own keys.</summary>
        internal const int SeenId = 4;

        /// <summary>The reader positioned inside the object; decoders read body values from it.</summary>
        internal readonly JsonReader Reader = new JsonReader();

        private readonly byte[] _monitor;

        // True until the first key (or the closing brace of an empty object) has been read.
        private bool _first;

        /// <summary>Creates the envelope of messages addressed to <paramref name="monitorId"/>.</summary>
        internal Envelope(string monitorId)
        {
            _monitor = Ascii.GetBytes(monitorId);
        }

        /// <summary>
        /// Clears <paramref name="err"/>, refuses payloads over <see cref="ProtocolLimits.ReceiveLimitBytes"/> and
        /// consumes the opening brace. False (with <paramref name="err"/> set) when the message is refused.
        /// </summary>
        internal bool Open(byte[] payload, int length, DecodeError err)
        {
            err.Clear();
            _first = true;
            if (length > ProtocolLimits.ReceiveLimitBytes)
                return Fail(err, DecodeStatus.TooLarge, null, ProtocolLimits.ReceiveLimitBytes);
            Reader.Reset(payload, length);
            if (!Reader.Consume((byte)'{'))
                return Fail(err, DecodeStatus.Json, null, Reader.Position);
            return true;
        }

        /// <summary>
        /// Advances to the next key that is not <c>v</c>, <c>mon</c> or <c>id</c>, checking those on the way
        /// (their bits go into <paramref name="seen"/>, a valid id into <paramref name="id"/> at once so a later
        /// rejection can still name it). True with the key's span, the reader before its value. False at the end
        /// of the object or on an error: <see cref="Complete"/> tells which.
        /// </summary>
        internal bool NextKey(byte[] payload, DecodeError err, ref int seen, ref int id, out int keyStart, out int keyLength)
        {
            keyStart = 0;
            keyLength = 0;
            JsonReader r = Reader;
            while (true)
            {
                if (_first)
                {
                    _first = false;
                    if (r.Consume((byte)'}'))
                        return EndOfObject(err);
                }
                else if (!r.Consume((byte)','))
                {
                    if (!r.Consume((byte)'}'))
                        return Fail(err, DecodeStatus.Json, null, r.Position);
                    return EndOfObject(err);
                }
                if (!r.ReadString(out keyStart, out keyLength) || !r.Consume((byte)':'))
                    return Fail(err, DecodeStatus.Json, null, r.Position);
                long v;
                DecodeStatus s;
                if (Ascii.SpanEquals(payload, keyStart, keyLength, ProtocolKeys.Version))
                {
                    s = r.ReadInteger(out v);
                    if (s != DecodeStatus.Accepted)
                        return Fail(err, s, ProtocolKeys.Version, r.Position);
                    if (v != ProtocolLimits.SchemaVersion)
                        return Fail(err, DecodeStatus.Version, ProtocolKeys.Version, r.Position);
                    seen |= SeenVersion;
                }
                else if (Ascii.SpanEquals(payload, keyStart, keyLength, ProtocolKeys.Monitor))
                {
                    int ms, ml;
                    byte c = r.Peek();
                    if (c != (byte)'"')
                        return Fail(err, c == 0 ? DecodeStatus.Json : DecodeStatus.Type, ProtocolKeys.Monitor, r.Position);
                    if (!r.ReadString(out ms, out ml))
                        return Fail(err, DecodeStatus.Json, ProtocolKeys.Monitor, r.Position);
                    if (!Ascii.SpanEquals(payload, ms, ml, _monitor))
                        return Fail(err, DecodeStatus.Monitor, ProtocolKeys.Monitor, ms);
                    seen |= SeenMonitor;
                }
                else if (Ascii.SpanEquals(payload, keyStart, keyLength, ProtocolKeys.Id))
                {
                    s = r.ReadInteger(out v);
                    if (s != DecodeStatus.Accepted)
                        return Fail(err, s, ProtocolKeys.Id, r.Position);
                    if (v < 1 || v > int.MaxValue)
                        return Fail(err, DecodeStatus.Range, ProtocolKeys.Id, r.Position);
                    id = (int)v;
                    seen |= SeenId;
                }
                else
                {
                    return true;
                }
            }
        }

        /// <summary>
        /// After <see cref="NextKey"/> returned false: true when the object closed with nothing but whitespace
        /// after it and <c>v</c>, <c>mon</c> and <c>id</c> were all present; otherwise false with <paramref name="err"/> set.
        /// </summary>
        internal bool Complete(int seen, DecodeError err)
        {
            if (err.Status != DecodeStatus.Accepted)
                return false;
            if ((seen & SeenVersion) == 0)
                return Fail(err, DecodeStatus.Missing, ProtocolKeys.Version, 0);
            if ((seen & SeenMonitor) == 0)
                return Fail(err, DecodeStatus.Missing, ProtocolKeys.Monitor, 0);
            if ((seen & SeenId) == 0)
                return Fail(err, DecodeStatus.Missing, ProtocolKeys.Id, 0);
            return true;
        }

        // End of the object: only whitespace may follow. Returns false either way (no further key).
        private bool EndOfObject(DecodeError err)
        {
            if (!Reader.AtEnd())
                Fail(err, DecodeStatus.Json, null, Reader.Position);
            return false;
        }

        private static bool Fail(DecodeError err, DecodeStatus status, byte[] key, int offset)
        {
            err.Fail(status, null, key, offset);
            return false;
        }
    }
}

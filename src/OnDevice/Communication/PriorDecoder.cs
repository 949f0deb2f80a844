namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Parses and validates a v1 prior payload into a <see cref="PriorMessage"/>. The caller decodes into a
    /// scratch instance and only swaps it in on <see cref="DecodeStatus.Accepted"/>, so a rejected prior never
    /// disturbs the one in force. Unknown keys are skipped (newer hosts may add fields); known keys are strict.
    /// </summary>
    public sealed class PriorDecoder
    {
        // Allowed ranges per quantity (r µΩ, q mAh, tr 0.1 K), sized from the physical span of Li-ion cells with margin.
        private static readonly int[] LocationMin = new int[] { 1, 1, -1000 };
        private static readonly int[] LocationMax = new int[] { 10000000, 1000000, 1000 };
        private static readonly int[] ScaleMax = new int[] { 5000000, 1000000, 1000 };
        private static readonly int[] LimitMin = new int[] { 0, 0, -1000 };

        private readonly Envelope _envelope;
        private readonly JsonReader _r;

        /// <summary>Creates a decoder that accepts priors addressed to <paramref name="monitorId"/> only.</summary>
        public PriorDecoder(string monitorId)
        {
            _envelope = new Envelope(monitorId);
            _r = _envelope.Reader;
        }

        /// <summary>Decodes <paramref name="length"/> bytes of <paramref name="payload"/> into <paramref name="into"/>.</summary>
        /// <returns>The outcome; details (field, offset) are in <paramref name="err"/>. <c>into.Id</c> holds the id if it was read.</returns>
        public DecodeStatus Decode(byte[] payload, int length, PriorMessage into, DecodeError err)
        {
            into.Clear();
            if (!_envelope.Open(payload, length, err))
                return err.Status;
            int seen = 0; // the envelope's v/mon/id bits, then r 8, q 16, tr 32
            int ks, kl;
            while (_envelope.NextKey(payload, err, ref seen, ref into.Id, out ks, out kl))
            {
                DecodeStatus s = DecodeStatus.Accepted;
                int bit = 0;
                if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Resistance))
                {
                    s = ReadQuantity(payload, PriorMessage.Resistance_uOhm, ProtocolKeys.Resistance, into, -1, err);
                    bit = 8;
                }
                else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Capacity))
                {
                    s = ReadQuantity(payload, PriorMessage.Capacity_mAh, ProtocolKeys.Capacity, into, -1, err);
                    bit = 16;
                }
                else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.TemperatureRise))
                {
                    s = ReadQuantity(payload, PriorMessage.TemperatureRise_dC, ProtocolKeys.TemperatureRise, into, -1, err);
                    bit = 32;
                }
                else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Cells))
                {
                    s = ReadCells(payload, into, err);
                }
                else if (!_r.SkipValue(ProtocolLimits.MaxJsonDepth - 1))
                {
                    s = err.Fail(DecodeStatus.Json, null, null, _r.Position);
                }
                if (s != DecodeStatus.Accepted)
                    return s;
                seen |= bit;
            }
            if (!_envelope.Complete(seen, err))
                return err.Status;
            if ((seen & 8) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Resistance, 0);
            if ((seen & 16) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Capacity, 0);
            if ((seen & 32) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.TemperatureRise, 0);
            return DecodeStatus.Accepted;
        }

        /// <summary>Reads <c>{"loc":..,"sd":..,"hi":..,"lo":..}</c>; <paramref name="cell"/> ≥ 1 stores a per-cell override (loc/sd only).</summary>
        private DecodeStatus ReadQuantity(byte[] payload, int q, byte[] qKey, PriorMessage into, int cell, DecodeError err)
        {
            byte first = _r.Peek();
            if (first != (byte)'{')
                return err.Fail(first == 0 ? DecodeStatus.Json : DecodeStatus.Type, null, qKey, _r.Position);
            _r.Consume((byte)'{');
            long loc = 0, sd = 0;
            long hi = PriorMessage.NoLimit, lo = PriorMessage.NoLimit;
            int seen = 0;
            if (!_r.Consume((byte)'}'))
            {
                do
                {
                    int ks, kl;
                    if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                        return err.Fail(DecodeStatus.Json, qKey, null, _r.Position);
                    byte[] key = null;
                    if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Location)) key = ProtocolKeys.Location;
                    else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Scale)) key = ProtocolKeys.Scale;
                    else if (cell < 0 && Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.High)) key = ProtocolKeys.High;
                    else if (cell < 0 && Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Low)) key = ProtocolKeys.Low;
                    if (key == null)
                    {
                        if (!_r.SkipValue(1))
                            return err.Fail(DecodeStatus.Json, qKey, null, _r.Position);
                        continue;
                    }
                    long v;
                    if ((key == ProtocolKeys.High || key == ProtocolKeys.Low) && _r.ConsumeNull())
                    {
                        continue;
                    }
                    DecodeStatus s = _r.ReadInteger(out v);
                    if (s != DecodeStatus.Accepted)
                        return err.Fail(s, qKey, key, _r.Position);
                    int at = _r.Position;
                    if (key == ProtocolKeys.Location)
                    {
                        if (v < LocationMin[q] || v > LocationMax[q])
                            return err.Fail(DecodeStatus.Range, qKey, key, at);
                        loc = v;
                        seen |= 1;
                    }
                    else if (key == ProtocolKeys.Scale)
                    {
                        if (v < 1 || v > ScaleMax[q])
                            return err.Fail(DecodeStatus.Range, qKey, key, at);
                        sd = v;
                        seen |= 2;
                    }
                    else
                    {
                        if (v < LimitMin[q] || v > LocationMax[q])
                            return err.Fail(DecodeStatus.Range, qKey, key, at);
                        if (key == ProtocolKeys.High) hi = v; else lo = v;
                    }
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)'}'))
                    return err.Fail(DecodeStatus.Json, qKey, null, _r.Position);
            }
            if ((seen & 1) == 0)
                return err.Fail(DecodeStatus.Missing, qKey, ProtocolKeys.Location, _r.Position);
            if ((seen & 2) == 0)
                return err.Fail(DecodeStatus.Missing, qKey, ProtocolKeys.Scale, _r.Position);
            if (hi != PriorMessage.NoLimit && lo != PriorMessage.NoLimit && lo >= hi)
                return err.Fail(DecodeStatus.Range, qKey, ProtocolKeys.Low, _r.Position);
            if (cell < 0)
            {
                into.Location[q] = (int)loc;
                into.Scale[q] = (int)sd;
                into.High[q] = (int)hi;
                into.Low[q] = (int)lo;
            }
            else
            {
                into.CellLocation[q * ProtocolLimits.MaxCells + cell - 1] = (int)loc;
                into.CellScale[q * ProtocolLimits.MaxCells + cell - 1] = (int)sd;
                into.CellOverrideMask[cell - 1] |= 1 << q;
            }
            return DecodeStatus.Accepted;
        }

        /// <summary>Reads <c>[{"c":3,"r":{"loc":..,"sd":..}}, ...]</c>: at most one entry per cell.</summary>
        private DecodeStatus ReadCells(byte[] payload, PriorMessage into, DecodeError err)
        {
            byte first = _r.Peek();
            if (first != (byte)'[')
                return err.Fail(first == 0 ? DecodeStatus.Json : DecodeStatus.Type, null, ProtocolKeys.Cells, _r.Position);
            _r.Consume((byte)'[');
            if (_r.Consume((byte)']'))
                return DecodeStatus.Accepted;
            int entries = 0;
            do
            {
                if (++entries > ProtocolLimits.MaxCells)
                    return err.Fail(DecodeStatus.Range, null, ProtocolKeys.Cells, _r.Position);
                if (!_r.Consume((byte)'{'))
                    return err.Fail(_r.Peek() == 0 ? DecodeStatus.Json : DecodeStatus.Type, null, ProtocolKeys.Cells, _r.Position);
                // "c" may come after the quantities: find it first (entries are small), then re-read the entry with the cell known.
                int cell;
                int pendingStart = _r.Position;
                if (!FindCell(payload, out cell, err))
                    return err.Status;
                _r.Seek(pendingStart);
                if (!_r.Consume((byte)'}'))
                {
                    do
                    {
                        int ks, kl;
                        if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                            return err.Fail(DecodeStatus.Json, ProtocolKeys.Cells, null, _r.Position);
                        DecodeStatus s = DecodeStatus.Accepted;
                        if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Cell))
                        {
                            long ignored;
                            _r.ReadInteger(out ignored);
                        }
                        else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Resistance))
                            s = ReadQuantity(payload, PriorMessage.Resistance_uOhm, ProtocolKeys.Resistance, into, cell, err);
                        else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Capacity))
                            s = ReadQuantity(payload, PriorMessage.Capacity_mAh, ProtocolKeys.Capacity, into, cell, err);
                        else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.TemperatureRise))
                            s = ReadQuantity(payload, PriorMessage.TemperatureRise_dC, ProtocolKeys.TemperatureRise, into, cell, err);
                        else if (!_r.SkipValue(1))
                            s = err.Fail(DecodeStatus.Json, ProtocolKeys.Cells, null, _r.Position);
                        if (s != DecodeStatus.Accepted)
                            return s;
                    }
                    while (_r.Consume((byte)','));
                    if (!_r.Consume((byte)'}'))
                        return err.Fail(DecodeStatus.Json, ProtocolKeys.Cells, null, _r.Position);
                }
            }
            while (_r.Consume((byte)','));
            if (!_r.Consume((byte)']'))
                return err.Fail(DecodeStatus.Json, null, ProtocolKeys.Cells, _r.Position);
            return DecodeStatus.Accepted;
        }

        private bool FindCell(byte[] payload, out int cell, DecodeError err)
        {
            cell = 0;
            if (_r.Consume((byte)'}'))
            {
                err.Fail(DecodeStatus.Missing, ProtocolKeys.Cells, ProtocolKeys.Cell, _r.Position);
                return false;
            }
            do
            {
                int ks, kl;
                if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                {
                    err.Fail(DecodeStatus.Json, ProtocolKeys.Cells, null, _r.Position);
                    return false;
                }
                if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Cell))
                {
                    long v;
                    DecodeStatus s = _r.ReadInteger(out v);
                    if (s != DecodeStatus.Accepted)
                    {
                        err.Fail(s, ProtocolKeys.Cells, ProtocolKeys.Cell, _r.Position);
                        return false;
                    }
                    if (v < 1 || v > ProtocolLimits.MaxCells)
                    {
                        err.Fail(DecodeStatus.Range, ProtocolKeys.Cells, ProtocolKeys.Cell, _r.Position);
                        return false;
                    }
                    cell = (int)v;
                    return true;
                }
                if (!_r.SkipValue(2))
                {
                    err.Fail(DecodeStatus.Json, ProtocolKeys.Cells, null, _r.Position);
                    return false;
                }
            }
            while (_r.Consume((byte)','));
            err.Fail(DecodeStatus.Missing, ProtocolKeys.Cells, ProtocolKeys.Cell, _r.Position);
            return false;
        }
    }
}

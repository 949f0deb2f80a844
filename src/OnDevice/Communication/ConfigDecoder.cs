namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Parses and validates a v1 config payload (<c>{"v":1,"mon":..,"id":..,"tele_s":..,"cells":..,"hold_s":..}</c>).
    /// Like <see cref="PriorDecoder"/> it writes into a scratch instance; unknown keys are skipped.
    /// </summary>
    public sealed class ConfigDecoder
    {
        private readonly JsonReader _r = new JsonReader();
        private readonly byte[] _monitor;

        /// <summary>Creates a decoder that accepts configs addressed to <paramref name="monitorId"/> only.</summary>
        public ConfigDecoder(string monitorId)
        {
            _monitor = Ascii.GetBytes(monitorId);
        }

        /// <summary>Decodes <paramref name="length"/> bytes of <paramref name="payload"/> into <paramref name="into"/>.</summary>
        public DecodeStatus Decode(byte[] payload, int length, ConfigMessage into, DecodeError err)
        {
            err.Clear();
            into.Id = 0;
            into.TelemetryPeriod_s = 0;
            into.CellCount = 0;
            into.AlertHold_s = 60;
            if (length > ProtocolLimits.ReceiveLimitBytes)
                return err.Fail(DecodeStatus.TooLarge, null, null, ProtocolLimits.ReceiveLimitBytes);
            _r.Reset(payload, length);
            int seen = 0; // v, mon, id, tele_s, cells
            if (!_r.Consume((byte)'{'))
                return err.Fail(DecodeStatus.Json, null, null, _r.Position);
            if (!_r.Consume((byte)'}'))
            {
                do
                {
                    int ks, kl;
                    if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                        return err.Fail(DecodeStatus.Json, null, null, _r.Position);
                    if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Monitor))
                    {
                        int ms, ml;
                        byte c = _r.Peek();
                        if (c != (byte)'"')
                            return err.Fail(c == 0 ? DecodeStatus.Json : DecodeStatus.Type, null, ProtocolKeys.Monitor, _r.Position);
                        if (!_r.ReadString(out ms, out ml))
                            return err.Fail(DecodeStatus.Json, null, ProtocolKeys.Monitor, _r.Position);
                        if (!Ascii.SpanEquals(payload, ms, ml, _monitor))
                            return err.Fail(DecodeStatus.Monitor, null, ProtocolKeys.Monitor, ms);
                        seen |= 2;
                        continue;
                    }
                    byte[] key = null;
                    long min = 0, max = 0;
                    int bit = 0;
                    if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Version)) { key = ProtocolKeys.Version; min = ProtocolLimits.SchemaVersion; max = ProtocolLimits.SchemaVersion; bit = 1; }
                    else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Id)) { key = ProtocolKeys.Id; min = 1; max = int.MaxValue; bit = 4; }
                    else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.TelemetryPeriod)) { key = ProtocolKeys.TelemetryPeriod; min = 1; max = 3600; bit = 8; }
                    else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Cells)) { key = ProtocolKeys.Cells; min = 1; max = ProtocolLimits.MaxCells; bit = 16; }
                    else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.AlertHold)) { key = ProtocolKeys.AlertHold; min = 0; max = 86400; bit = 32; }
                    if (key == null)
                    {
                        if (!_r.SkipValue(ProtocolLimits.MaxJsonDepth - 1))
                            return err.Fail(DecodeStatus.Json, null, null, _r.Position);
                        continue;
                    }
                    long v;
                    DecodeStatus s = _r.ReadInteger(out v);
                    if (s != DecodeStatus.Accepted)
                        return err.Fail(s, null, key, _r.Position);
                    if (v < min || v > max)
                        return err.Fail(bit == 1 ? DecodeStatus.Version : DecodeStatus.Range, null, key, _r.Position);
                    seen |= bit;
                    if (bit == 4) into.Id = (int)v;
                    else if (bit == 8) into.TelemetryPeriod_s = (int)v;
                    else if (bit == 16) into.CellCount = (int)v;
                    else if (bit == 32) into.AlertHold_s = (int)v;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)'}'))
                    return err.Fail(DecodeStatus.Json, null, null, _r.Position);
            }
            if (!_r.AtEnd())
                return err.Fail(DecodeStatus.Json, null, null, _r.Position);
            if ((seen & 1) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Version, 0);
            if ((seen & 2) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Monitor, 0);
            if ((seen & 4) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Id, 0);
            if ((seen & 8) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.TelemetryPeriod, 0);
            if ((seen & 16) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Cells, 0);
            return DecodeStatus.Accepted;
        }
    }
}

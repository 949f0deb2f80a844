namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Parses and validates a v1 config payload (<c>{"v":1,"mon":..,"id":..,"tele_s":..,"cells":..,"hold_s":..}</c>).
    /// Like <see cref="PriorDecoder"/> it writes into a scratch instance; unknown keys are skipped.
    /// </summary>
    public sealed class ConfigDecoder
    {
        private readonly Envelope _envelope;

        /// <summary>Creates a decoder that accepts configs addressed to <paramref name="monitorId"/> only.</summary>
        public ConfigDecoder(string monitorId)
        {
            _envelope = new Envelope(monitorId);
        }

        /// <summary>Decodes <paramref name="length"/> bytes of <paramref name="payload"/> into <paramref name="into"/>.</summary>
        public DecodeStatus Decode(byte[] payload, int length, ConfigMessage into, DecodeError err)
        {
            JsonReader r = _envelope.Reader;
            into.Id = 0;
            into.TelemetryPeriod_s = 0;
            into.CellCount = 0;
            into.AlertHold_s = 60;
            if (!_envelope.Open(payload, length, err))
                return err.Status;
            int seen = 0; // the envelope's v/mon/id bits, then tele_s 8, cells 16, hold_s 32 (optional)
            int ks, kl;
            while (_envelope.NextKey(payload, err, ref seen, ref into.Id, out ks, out kl))
            {
                byte[] key = null;
                long min = 0, max = 0;
                int bit = 0;
                if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.TelemetryPeriod)) { key = ProtocolKeys.TelemetryPeriod; min = 1; max = 3600; bit = 8; }
                else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.Cells)) { key = ProtocolKeys.Cells; min = 1; max = ProtocolLimits.MaxCells; bit = 16; }
                else if (Ascii.SpanEquals(payload, ks, kl, ProtocolKeys.AlertHold)) { key = ProtocolKeys.AlertHold; min = 0; max = 86400; bit = 32; }
                if (key == null)
                {
                    if (!r.SkipValue(ProtocolLimits.MaxJsonDepth - 1))
                        return err.Fail(DecodeStatus.Json, null, null, r.Position);
                    continue;
                }
                long v;
                DecodeStatus s = r.ReadInteger(out v);
                if (s != DecodeStatus.Accepted)
                    return err.Fail(s, null, key, r.Position);
                if (v < min || v > max)
                    return err.Fail(DecodeStatus.Range, null, key, r.Position);
                seen |= bit;
                if (bit == 8) into.TelemetryPeriod_s = (int)v;
                else if (bit == 16) into.CellCount = (int)v;
                else into.AlertHold_s = (int)v;
            }
            if (!_envelope.Complete(seen, err))
                return err.Status;
            if ((seen & 8) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.TelemetryPeriod, 0);
            if ((seen & 16) == 0) return err.Fail(DecodeStatus.Missing, null, ProtocolKeys.Cells, 0);
            return DecodeStatus.Accepted;
        }
    }
}

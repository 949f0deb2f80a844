namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Writes the device → host payloads of protocol v1 (state, telemetry, alert, status) as compact JSON into
    /// one <see cref="JsonWriter"/>. Every message starts with <c>{"v":1,"mon":..</c>; all but the offline will
    /// carry <c>"seq"</c> and device time <c>"t"</c> (ms). Values beyond their wire range are clamped and flagged.
    /// </summary>
    public sealed class MessageEncoder
    {
        private readonly JsonWriter _w;
        private readonly string _monitor;

        /// <summary>Creates an encoder for one monitor writing into <paramref name="writer"/>.</summary>
        public MessageEncoder(JsonWriter writer, string monitorId)
        {
            _w = writer;
            _monitor = monitorId;
        }

        /// <summary>The writer holding the last encoded message.</summary>
        public JsonWriter Writer => _w;

        /// <summary>Retained online state: <c>{"v":1,"mon":..,"seq":..,"t":..,"online":true,"fw":..,"cells":..}</c>.</summary>
        public bool Online(uint seq, long time_ms, string firmwareVersion, int cellCount)
        {
            Header(seq, time_ms);
            _w.Raw(KOnlineTrue);
            _w.Raw(KFw);
            _w.QuotedId(firmwareVersion);
            _w.Raw(KCells);
            _w.Int(cellCount);
            _w.Byte((byte)'}');
            return !_w.Overflow;
        }

        /// <summary>Offline state used as the MQTT last will: <c>{"v":1,"mon":..,"online":false}</c> (no seq: it is composed at connect).</summary>
        public bool Offline()
        {
            _w.Reset();
            _w.Raw(KHead);
            _w.QuotedId(_monitor);
            _w.Raw(KOnlineFalse);
            _w.Byte((byte)'}');
            return !_w.Overflow;
        }

        /// <summary>
        /// Telemetry for cells <paramref name="firstCell"/> .. firstCell+count-1 (1-based, at most
        /// <see cref="ProtocolLimits.MaxCellsPerTelemetry"/>): each cell is
        /// <c>[v_mV, r_uOhm, q_mAh, t_dC, zr_c, zt_c, flags]</c>.
        /// </summary>
        public bool Telemetry(uint seq, long time_ms, int current_mA, CellTelemetry cells, int firstCell, int count)
        {
            if (firstCell < 1 || count < 1 || count > ProtocolLimits.MaxCellsPerTelemetry || firstCell + count - 1 > ProtocolLimits.MaxCells)
                return false;
            Header(seq, time_ms);
            _w.Raw(KCurrent);
            _w.Int(current_mA);
            _w.Raw(KFirstCell);
            _w.Int(firstCell);
            _w.Raw(KCellsArray);
            for (int k = 0; k < count; k++)
            {
                int i = firstCell - 1 + k;
                int flags = cells.Flags[i] & 0xEF;
                if (k > 0)
                    _w.Byte((byte)',');
                _w.Byte((byte)'[');
                flags |= Clamped(cells.Voltage_mV[i], 0, 9999);
                _w.Byte((byte)',');
                flags |= Clamped(cells.Resistance_uOhm[i], 0, 9999999);
                _w.Byte((byte)',');
                flags |= Clamped(cells.Capacity_mAh[i], 0, 999999);
                _w.Byte((byte)',');
                flags |= Clamped(cells.Temperature_dC[i], -999, 9999);
                _w.Byte((byte)',');
                flags |= Clamped(cells.ResistanceScore_c[i], -99999, 99999);
                _w.Byte((byte)',');
                flags |= Clamped(cells.TemperatureScore_c[i], -99999, 99999);
                _w.Byte((byte)',');
                _w.Int(flags & 0xFF);
                _w.Byte((byte)']');
            }
            _w.Byte((byte)']');
            _w.Byte((byte)'}');
            return !_w.Overflow;
        }

        /// <summary>
        /// Alert raised or cleared: <c>{..,"cell":3,"kind":"r_high","state":"raised","val":..,"lim":..,"z":..}</c>;
        /// <paramref name="value"/> and <paramref name="limit"/> are in the unit of the kind's quantity, <paramref name="score_c"/> in 0.01 σ.
        /// </summary>
        public bool Alert(uint seq, long time_ms, int cell, AlertKind kind, bool raised, int value, int limit, int score_c)
        {
            Header(seq, time_ms);
            _w.Raw(KCell);
            _w.Int(cell);
            _w.Raw(KKind);
            _w.QuotedBytes(KindNames[(int)kind]);
            _w.Raw(raised ? KRaised : KCleared);
            _w.Raw(KVal);
            _w.Int(value);
            _w.Raw(KLim);
            _w.Int(limit);
            _w.Raw(KZ);
            _w.Int(score_c);
            _w.Byte((byte)'}');
            return !_w.Overflow;
        }

        /// <summary>
        /// The device's answer to a prior or config: <c>{..,"re":"prior","id":17,"ok":true}</c>, or on rejection
        /// <c>"ok":false,"err":"range","field":"r.sd","at":57</c>.
        /// </summary>
        public bool Status(uint seq, long time_ms, byte[] regarding, int id, DecodeError error)
        {
            Header(seq, time_ms);
            _w.Raw(KRe);
            _w.QuotedBytes(regarding);
            _w.Raw(KId);
            _w.Int(id);
            if (error.Status == DecodeStatus.Accepted)
            {
                _w.Raw(KOkTrue);
            }
            else
            {
                _w.Raw(KOkFalse);
                _w.QuotedBytes(ReasonNames[(int)error.Status]);
                if (error.Key != null)
                {
                    _w.Raw(KField);
                    if (error.ParentKey != null)
                    {
                        _w.Raw(error.ParentKey);
                        _w.Byte((byte)'.');
                    }
                    _w.Raw(error.Key);
                    _w.Byte((byte)'"');
                }
                _w.Raw(KAt);
                _w.Int(error.Offset);
            }
            _w.Byte((byte)'}');
            return !_w.Overflow;
        }

        private void Header(uint seq, long time_ms)
        {
            _w.Reset();
            _w.Raw(KHead);
            _w.QuotedId(_monitor);
            _w.Raw(KSeq);
            _w.Int(seq);
            _w.Raw(KTime);
            _w.Int(time_ms);
        }

        private int Clamped(int value, int min, int max)
        {
            if (value < min)
            {
                _w.Int(min);
                return CellTelemetry.FlagSaturated;
            }
            if (value > max)
            {
                _w.Int(max);
                return CellTelemetry.FlagSaturated;
            }
            _w.Int(value);
            return 0;
        }

        /// <summary>Wire names of <see cref="AlertKind"/>, indexed by its value.</summary>
        public static readonly byte[][] KindNames = new byte[][]
        {
            Ascii.GetBytes("r_high"), Ascii.GetBytes("r_low"), Ascii.GetBytes("t_high"), Ascii.GetBytes("q_low"), Ascii.GetBytes("sensor"),
        };

        /// <summary>Wire names of <see cref="DecodeStatus"/>, indexed by its value.</summary>
        public static readonly byte[][] ReasonNames = new byte[][]
        {
            Ascii.GetBytes("ok"), Ascii.GetBytes("json"), Ascii.GetBytes("too_large"), Ascii.GetBytes("version"),
            Ascii.GetBytes("monitor"), Ascii.GetBytes("missing"), Ascii.GetBytes("type"), Ascii.GetBytes("range"),
            Ascii.GetBytes("mac_missing"), Ascii.GetBytes("mac_malformed"), Ascii.GetBytes("mac_mismatch"), Ascii.GetBytes("replayed"),
        };

        private static readonly byte[] KHead = Ascii.GetBytes("{\"v\":1,\"mon\":");
        private static readonly byte[] KSeq = Ascii.GetBytes(",\"seq\":");
        private static readonly byte[] KTime = Ascii.GetBytes(",\"t\":");
        private static readonly byte[] KOnlineTrue = Ascii.GetBytes(",\"online\":true");
        private static readonly byte[] KOnlineFalse = Ascii.GetBytes(",\"online\":false");
        private static readonly byte[] KFw = Ascii.GetBytes(",\"fw\":");
        private static readonly byte[] KCells = Ascii.GetBytes(",\"cells\":");
        private static readonly byte[] KCellsArray = Ascii.GetBytes(",\"cells\":[");
        private static readonly byte[] KCurrent = Ascii.GetBytes(",\"i_mA\":");
        private static readonly byte[] KFirstCell = Ascii.GetBytes(",\"c0\":");
        private static readonly byte[] KCell = Ascii.GetBytes(",\"cell\":");
        private static readonly byte[] KKind = Ascii.GetBytes(",\"kind\":");
        private static readonly byte[] KRaised = Ascii.GetBytes(",\"state\":\"raised\"");
        private static readonly byte[] KCleared = Ascii.GetBytes(",\"state\":\"cleared\"");
        private static readonly byte[] KVal = Ascii.GetBytes(",\"val\":");
        private static readonly byte[] KLim = Ascii.GetBytes(",\"lim\":");
        private static readonly byte[] KZ = Ascii.GetBytes(",\"z\":");
        private static readonly byte[] KRe = Ascii.GetBytes(",\"re\":");
        private static readonly byte[] KId = Ascii.GetBytes(",\"id\":");
        private static readonly byte[] KOkTrue = Ascii.GetBytes(",\"ok\":true");
        private static readonly byte[] KOkFalse = Ascii.GetBytes(",\"ok\":false,\"err\":");
        private static readonly byte[] KField = Ascii.GetBytes(",\"field\":\"");
        private static readonly byte[] KAt = Ascii.GetBytes(",\"at\":");
    }
}

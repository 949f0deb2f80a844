using System;
using System.Text.Json;

namespace CellVar.Bms.Service.Protocol
{
    /// <summary>
    /// Parses and validates device → host payloads of protocol v1 against the same rules as the JSON Schemas
    /// (types, ranges, required fields, monitor id matching the topic). Throws <see cref="PayloadException"/>
    /// naming the field; never returns a half-valid message.
    /// </summary>
    public static class PayloadParser
    {
        /// <summary>Largest payload the host accepts (the device's own buffer is 1024 bytes; the margin allows newer fields).</summary>
        public const int MaxPayloadBytes = 4096;

        private static readonly string[] AlertKinds = { "r_high", "r_low", "t_high", "q_low", "sensor" };
        private static readonly string[] StatusErrors = { "json", "too_large", "version", "monitor", "missing", "type", "range",
            "mac_missing", "mac_malformed", "mac_mismatch", "replayed" };
        private static readonly (long Min, long Max)[] CellColumns =
        {
            (0, 9999), (0, 9_999_999), (0, 999_999), (-999, 9999), (-99_999, 99_999), (-99_999, 99_999), (0, 255),
        };

        private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 8 };

        /// <summary>Parses a payload that arrived on <paramref name="topic"/>.</summary>
        /// <exception cref="PayloadException">The payload breaks the protocol.</exception>
        public static DeviceMessage Parse(TopicAddress topic, ReadOnlySpan<byte> payload)
        {
            if (payload.Length > MaxPayloadBytes)
                throw new PayloadException("too_large", null, $"payload is {payload.Length} bytes, limit {MaxPayloadBytes}");
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(payload.ToArray(), ParseOptions);
            }
            catch (JsonException e)
            {
                throw new PayloadException("json", null, $"not JSON: {e.Message}");
            }
            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new PayloadException("type", null, "payload must be a JSON object");
                long v = Int(root, "v", 0, long.MaxValue);
                if (v != 1)
                    throw new PayloadException("version", "v", $"schema version {v} is not supported (expected 1)");
                string mon = Str(root, "mon");
                if (!TopicAddress.IsValidId(mon))
                    throw new PayloadException("range", "mon", $"monitor id '{mon}' is not 1-24 characters of [A-Za-z0-9_.-]");
                if (mon != topic.Monitor)
                    throw new PayloadException("monitor", "mon", $"payload monitor '{mon}' does not match topic monitor '{topic.Monitor}'");
                return topic.Kind switch
                {
                    TopicKind.State => ParseState(root, mon),
                    TopicKind.Telemetry => ParseTelemetry(root, mon),
                    TopicKind.Alert => ParseAlert(root, mon),
                    TopicKind.Status => ParseStatus(root, mon),
                    _ => throw new PayloadException("type", null, $"{TopicAddress.KindName(topic.Kind)} is a host → device topic"),
                };
            }
        }

        private static StateMessage ParseState(JsonElement root, string mon)
        {
            bool online = Bool(root, "online");
            if (!online)
                return new StateMessage(mon, null, null, false, null, null);
            string fw = Str(root, "fw");
            if (!TopicAddress.IsValidId(fw))
                throw new PayloadException("range", "fw", $"firmware version '{fw}' is not 1-24 characters of [A-Za-z0-9_.-]");
            return new StateMessage(mon, Seq(root), Int(root, "t", long.MinValue, long.MaxValue), true, fw, (int)Int(root, "cells", 1, 64));
        }

        private static TelemetryMessage ParseTelemetry(JsonElement root, string mon)
        {
            long seq = Seq(root);
            long t = Int(root, "t", long.MinValue, long.MaxValue);
            int current = (int)Int(root, "i_mA", int.MinValue, int.MaxValue);
            int c0 = (int)Int(root, "c0", 1, 64);
            JsonElement cells = Get(root, "cells");
            if (cells.ValueKind != JsonValueKind.Array)
                throw new PayloadException("type", "cells", "cells must be an array");
            int n = cells.GetArrayLength();
            if (n < 1 || n > 16 || c0 + n - 1 > 64)
                throw new PayloadException("range", "cells", $"a page holds 1-16 cells within 1..64 (c0={c0}, {n} cells)");
            var rows = new int[n][];
            int i = 0;
            foreach (JsonElement cell in cells.EnumerateArray())
            {
                // Field names are only formatted on the error path: this loop runs for every cell of every message.
                if (cell.ValueKind != JsonValueKind.Array)
                    throw new PayloadException("type", $"cells[{i}]", $"cells[{i}] must be an array of 7 integers");
                if (cell.GetArrayLength() != 7)
                    throw new PayloadException("range", $"cells[{i}]", $"cells[{i}] has {cell.GetArrayLength()} values, expected 7");
                var row = new int[7];
                int k = 0;
                foreach (JsonElement x in cell.EnumerateArray())
                {
                    if (x.ValueKind != JsonValueKind.Number || !x.TryGetInt64(out long value))
                        throw new PayloadException("type", $"cells[{i}][{k}]", $"cells[{i}][{k}] must be an integer");
                    if (value < CellColumns[k].Min || value > CellColumns[k].Max)
                        throw new PayloadException("range", $"cells[{i}][{k}]", $"cells[{i}][{k}]={value} outside {CellColumns[k].Min}..{CellColumns[k].Max}");
                    row[k++] = (int)value;
                }
                rows[i++] = row;
            }
            return new TelemetryMessage(mon, seq, t, current, c0, rows, cells.GetRawText());
        }

        private static AlertMessage ParseAlert(JsonElement root, string mon)
        {
            string kind = Str(root, "kind");
            if (Array.IndexOf(AlertKinds, kind) < 0)
                throw new PayloadException("range", "kind", $"unknown alert kind '{kind}'");
            string state = Str(root, "state");
            if (state != "raised" && state != "cleared")
                throw new PayloadException("range", "state", $"alert state '{state}' is neither raised nor cleared");
            return new AlertMessage(mon, Seq(root), Int(root, "t", long.MinValue, long.MaxValue), (int)Int(root, "cell", 1, 64), kind, state == "raised",
                Int(root, "val", int.MinValue, int.MaxValue), Int(root, "lim", int.MinValue, int.MaxValue), Int(root, "z", int.MinValue, int.MaxValue));
        }

        private static StatusMessage ParseStatus(JsonElement root, string mon)
        {
            string re = Str(root, "re");
            if (re != "prior" && re != "config")
                throw new PayloadException("range", "re", $"status regards '{re}', expected prior or config");
            bool ok = Bool(root, "ok");
            string? err = null, field = null;
            long? at = null;
            if (!ok)
            {
                err = Str(root, "err");
                if (Array.IndexOf(StatusErrors, err) < 0)
                    throw new PayloadException("range", "err", $"unknown status error '{err}'");
                if (root.TryGetProperty("field", out _))
                    field = Str(root, "field");
                at = Int(root, "at", 0, int.MaxValue);
            }
            return new StatusMessage(mon, Seq(root), Int(root, "t", long.MinValue, long.MaxValue), re, Int(root, "id", 0, int.MaxValue), ok, err, field, at);
        }

        private static long Seq(JsonElement root) => Int(root, "seq", 0, uint.MaxValue);

        private static JsonElement Get(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out JsonElement e))
                throw new PayloadException("missing", name, $"required field '{name}' is missing");
            return e;
        }

        private static long Int(JsonElement root, string name, long min, long max)
        {
            JsonElement e = Get(root, name);
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long v))
                throw new PayloadException("type", name, $"'{name}' must be an integer, got {e.ValueKind}: {Clip(e.GetRawText())}");
            if (v < min || v > max)
                throw new PayloadException("range", name, $"'{name}'={v} outside {min}..{max}");
            return v;
        }

        private static string Str(JsonElement root, string name)
        {
            JsonElement e = Get(root, name);
            if (e.ValueKind != JsonValueKind.String)
                throw new PayloadException("type", name, $"'{name}' must be a string, got {e.ValueKind}");
            try
            {
                return e.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json validates UTF-8 only when a string is transcoded.
                throw new PayloadException("json", name, $"'{name}' is not valid UTF-8");
            }
        }

        private static bool Bool(JsonElement root, string name)
        {
            JsonElement e = Get(root, name);
            if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new PayloadException("type", name, $"'{name}' must be true or false, got {e.ValueKind}");
            return e.GetBoolean();
        }

        private static string Clip(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "…";
    }
}

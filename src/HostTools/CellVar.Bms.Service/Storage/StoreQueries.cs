using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CellVar.Bms.Service.Storage
{
    public sealed partial class Store
    {
        /// <summary>All monitors, with liveness: stale when offline or not heard from for <paramref name="staleAfter_ms"/>.</summary>
        public async Task<IReadOnlyList<MonitorRow>> MonitorsAsync(long now_ms, long staleAfter_ms, string? monitorId = null, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            string sql = """
                SELECT m.monitor_id, m.site, m.online, m.firmware, m.cell_count, m.first_seen_ms, m.last_seen_ms, m.state_changed_ms, m.max_seq, m.messages,
                  (SELECT COUNT(*) FROM alerts a WHERE a.monitor_id = m.monitor_id AND a.cleared_seq IS NULL),
                  (SELECT COUNT(*) FROM gaps g WHERE g.monitor_id = m.monitor_id)
                FROM monitors m
                """ + (monitorId == null ? "" : " WHERE m.monitor_id = @m") + " ORDER BY m.monitor_id";
            await using DbCommand cmd = Command(c, null, sql, ("m", monitorId));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<MonitorRow>();
            while (await r.ReadAsync(ct))
            {
                bool online = Convert.ToInt64(r.GetValue(2)) != 0;
                long last = Convert.ToInt64(r.GetValue(6));
                list.Add(new MonitorRow(r.GetString(0), r.GetString(1), online, !online || now_ms - last > staleAfter_ms,
                    NullableString(r, 3), NullableInt(r, 4), Convert.ToInt64(r.GetValue(5)), last, NullableLong(r, 7), NullableLong(r, 8),
                    Convert.ToInt64(r.GetValue(9)), Convert.ToInt32(r.GetValue(10)), Convert.ToInt32(r.GetValue(11))));
            }
            return list;
        }

        /// <summary>Latest estimate per cell of one monitor.</summary>
        public async Task<IReadOnlyList<CellRow>> CellsAsync(string monitorId, bool stale, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            await using DbCommand cmd = Command(c, null,
                "SELECT cell, seq, device_ms, received_ms, voltage_mv, resistance_uohm, capacity_mah, temperature_dc, r_score_c, t_score_c, flags FROM cells WHERE monitor_id = @m ORDER BY cell",
                ("m", monitorId));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<CellRow>();
            while (await r.ReadAsync(ct))
            {
                list.Add(new CellRow(monitorId, I(r, 0), L(r, 1), L(r, 2), L(r, 3), I(r, 4), I(r, 5), I(r, 6), I(r, 7), I(r, 8), I(r, 9), I(r, 10), stale));
            }
            return list;
        }

        /// <summary>Telemetry history of one monitor (optionally one cell) between device times, oldest first, at most <paramref name="limit"/> messages.</summary>
        public async Task<IReadOnlyList<TelemetryPoint>> TelemetryAsync(string monitorId, int? cell, long from_ms, long to_ms, int limit, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            await using DbCommand cmd = Command(c, null,
                "SELECT seq, device_ms, received_ms, current_ma, first_cell, cells FROM telemetry WHERE monitor_id = @m AND device_ms >= @f AND device_ms <= @t ORDER BY device_ms, seq LIMIT @n",
                ("m", monitorId), ("f", from_ms), ("t", to_ms), ("n", limit));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<TelemetryPoint>();
            while (await r.ReadAsync(ct))
            {
                long seq = L(r, 0), dev = L(r, 1), rec = L(r, 2);
                int cur = I(r, 3), c0 = I(r, 4);
                using JsonDocument cells = JsonDocument.Parse(r.GetString(5));
                int k = 0;
                foreach (JsonElement row in cells.RootElement.EnumerateArray())
                {
                    int cellNo = c0 + k++;
                    if (cell != null && cellNo != cell)
                        continue;
                    int[] v = new int[7];
                    int j = 0;
                    foreach (JsonElement x in row.EnumerateArray())
                        v[j++] = x.GetInt32();
                    list.Add(new TelemetryPoint(seq, dev, rec, cur, cellNo, v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
                }
            }
            return list;
        }

        /// <summary>Alerts, newest first; <paramref name="openOnly"/> keeps those not cleared yet.</summary>
        public async Task<IReadOnlyList<AlertRow>> AlertsAsync(string? monitorId, bool openOnly, int limit, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            string where = "WHERE 1 = 1" + (monitorId == null ? "" : " AND monitor_id = @m") + (openOnly ? " AND cleared_seq IS NULL" : "");
            await using DbCommand cmd = Command(c, null,
                "SELECT alert_id, monitor_id, cell, kind, raised_seq, raised_device_ms, raised_ms, value, limit_value, score_c, cleared_seq, cleared_ms, cleared_value, acked_ms, acked_by, ack_note FROM alerts "
                + where + " ORDER BY alert_id DESC LIMIT @n", ("m", monitorId), ("n", limit));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<AlertRow>();
            while (await r.ReadAsync(ct))
            {
                list.Add(new AlertRow(L(r, 0), r.GetString(1), I(r, 2), r.GetString(3), r.IsDBNull(10), NullableLong(r, 4), NullableLong(r, 5), NullableLong(r, 6),
                    NullableLong(r, 7), NullableLong(r, 8), NullableLong(r, 9), NullableLong(r, 10), NullableLong(r, 11), NullableLong(r, 12),
                    NullableLong(r, 13), NullableString(r, 14), NullableString(r, 15)));
            }
            return list;
        }

        /// <summary>Acknowledges an alert; false when it does not exist. Acknowledging twice keeps the first acknowledgement.</summary>
        public async Task<bool> AcknowledgeAlertAsync(long alertId, string by, string? note, long now_ms, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            object? exists = await ScalarAsync(c, null, "SELECT alert_id FROM alerts WHERE alert_id = @id", ct, ("id", alertId));
            if (exists == null)
                return false;
            await ExecAsync(c, null, "UPDATE alerts SET acked_ms = @t, acked_by = @b, ack_note = @n WHERE alert_id = @id AND acked_ms IS NULL", ct,
                ("t", now_ms), ("b", by), ("n", note), ("id", alertId));
            return true;
        }

        /// <summary>Records a prior/config about to be sent and returns (downlink id, message id); <paramref name="payloadFor"/> builds the payload for the id.</summary>
        public async Task<(long DownlinkId, long MessageId, string Payload)> CreateDownlinkAsync(string monitorId, string kind, string source, Func<long, string> payloadFor, long now_ms, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            for (int attempt = 0; ; attempt++)
            {
                long id = Convert.ToInt64(await ScalarAsync(c, null, "SELECT COALESCE(MAX(message_id), 0) + 1 FROM downlinks WHERE kind = @k", ct, ("k", kind)));
                string payload = payloadFor(id);
                int n = await ExecAsync(c, null,
                    "INSERT INTO downlinks (monitor_id, kind, message_id, created_ms, source, payload, status) VALUES (@m, @k, @id, @t, @s, @p, 'pending') ON CONFLICT DO NOTHING", ct,
                    ("m", monitorId), ("k", kind), ("id", id), ("t", now_ms), ("s", source), ("p", payload));
                if (n == 1)
                {
                    long did = Convert.ToInt64(await ScalarAsync(c, null, "SELECT downlink_id FROM downlinks WHERE monitor_id = @m AND kind = @k AND message_id = @id", ct,
                        ("m", monitorId), ("k", kind), ("id", id)));
                    return (did, id, payload);
                }
                if (attempt > 10)
                    throw new InvalidOperationException("could not allocate a downlink id");
            }
        }

        /// <summary>Marks a downlink as published to the broker.</summary>
        public async Task MarkSentAsync(long downlinkId, long now_ms, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            await ExecAsync(c, null, "UPDATE downlinks SET sent_ms = @t, status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END WHERE downlink_id = @id", ct,
                ("t", now_ms), ("id", downlinkId));
        }

        /// <summary>Priors/configs sent, newest first.</summary>
        public async Task<IReadOnlyList<DownlinkRow>> DownlinksAsync(string? monitorId, string? kind, int limit, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            string where = "WHERE 1 = 1" + (monitorId == null ? "" : " AND monitor_id = @m") + (kind == null ? "" : " AND kind = @k");
            await using DbCommand cmd = Command(c, null,
                "SELECT downlink_id, monitor_id, kind, message_id, created_ms, source, payload, sent_ms, status, answered_ms, error, field FROM downlinks "
                + where + " ORDER BY downlink_id DESC LIMIT @n", ("m", monitorId), ("k", kind), ("n", limit));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<DownlinkRow>();
            while (await r.ReadAsync(ct))
            {
                list.Add(new DownlinkRow(L(r, 0), r.GetString(1), r.GetString(2), L(r, 3), L(r, 4), NullableString(r, 5), r.GetString(6), NullableLong(r, 7),
                    r.GetString(8), NullableLong(r, 9), NullableString(r, 10), NullableString(r, 11)));
            }
            return list;
        }

        /// <summary>Recorded sequence gaps.</summary>
        public async Task<IReadOnlyList<GapRow>> GapsAsync(string? monitorId, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            await using DbCommand cmd = Command(c, null,
                "SELECT monitor_id, from_seq, to_seq, detected_ms, late_arrivals FROM gaps" + (monitorId == null ? "" : " WHERE monitor_id = @m") + " ORDER BY monitor_id, from_seq",
                ("m", monitorId));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<GapRow>();
            while (await r.ReadAsync(ct))
                list.Add(new GapRow(r.GetString(0), L(r, 1), L(r, 2), L(r, 3), I(r, 4)));
            return list;
        }

        /// <summary>Most recent rejected payloads.</summary>
        public async Task<IReadOnlyList<RejectRow>> RejectsAsync(int limit, CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            await using DbCommand cmd = Command(c, null,
                "SELECT reject_id, received_ms, topic, reason, field, detail, size, excerpt FROM rejects ORDER BY reject_id DESC LIMIT @n", ("n", limit));
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<RejectRow>();
            while (await r.ReadAsync(ct))
                list.Add(new RejectRow(L(r, 0), L(r, 1), r.GetString(2), r.GetString(3), NullableString(r, 4), r.GetString(5), I(r, 6), NullableString(r, 7)));
            return list;
        }

        /// <summary>Row count of each table.</summary>
        public async Task<TableCounts> CountsAsync(CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            var d = new Dictionary<string, long>();
            foreach (string t in new[] { "monitors", "telemetry", "cells", "events", "alerts", "gaps", "downlinks", "rejects" })
                d[t] = Convert.ToInt64(await ScalarAsync(c, null, "SELECT COUNT(*) FROM " + t, ct));
            return new TableCounts(d);
        }

        /// <summary>Latest estimates of every cell of every monitor (input of the population prior update).</summary>
        public async Task<IReadOnlyList<CellRow>> AllCellsAsync(CancellationToken ct = default)
        {
            await using DbConnection c = await ConnectAsync(ct);
            await using DbCommand cmd = Command(c, null,
                "SELECT monitor_id, cell, seq, device_ms, received_ms, voltage_mv, resistance_uohm, capacity_mah, temperature_dc, r_score_c, t_score_c, flags FROM cells ORDER BY monitor_id, cell");
            await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<CellRow>();
            while (await r.ReadAsync(ct))
                list.Add(new CellRow(r.GetString(0), I(r, 1), L(r, 2), L(r, 3), L(r, 4), I(r, 5), I(r, 6), I(r, 7), I(r, 8), I(r, 9), I(r, 10), I(r, 11), false));
            return list;
        }

        private static long L(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i));
        private static int I(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i));
        private static long? NullableLong(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
        private static int? NullableInt(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i));
        private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    }
}

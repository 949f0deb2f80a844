using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Ingest;
using CellVar.Bms.Service.Protocol;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CellVar.Bms.Service.Storage
{
    /// <summary>
    /// The service's database (SQLite or PostgreSQL, one schema). Applies migrations on open, writes ingest
    /// batches in one transaction each (idempotent on (monitor, seq), gaps recorded), and answers the API's queries.
    /// Writes come from one writer task; reads open their own connections (SQLite WAL lets them run concurrently).
    /// </summary>
    public sealed partial class Store : IDisposable
    {
        private readonly string _connectionString;
        private readonly Dictionary<string, long?> _maxSeq = new(StringComparer.Ordinal);
        private DbConnection? _writer;

        private Store(SqlDialect dialect, string connectionString, string description)
        {
            Dialect = dialect;
            _connectionString = connectionString;
            Description = description;
        }

        /// <summary>Which database this is.</summary>
        public SqlDialect Dialect { get; }

        /// <summary>Where the data lives, without passwords.</summary>
        public string Description { get; }

        /// <summary>
        /// Opens <paramref name="db"/>: a file path (SQLite) or <c>postgres://user:password@host:port/database</c>
        /// (also <c>postgresql://</c>), and applies pending migrations.
        /// </summary>
        public static async Task<Store> OpenAsync(string db, CancellationToken ct = default)
        {
            Store store;
            if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            {
                var uri = new Uri(db);
                string[] userInfo = uri.UserInfo.Split(':', 2);
                var b = new NpgsqlConnectionStringBuilder
                {
                    Host = uri.Host,
                    Port = uri.Port > 0 ? uri.Port : 5432,
                    Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
                    Username = Uri.UnescapeDataString(userInfo[0]),
                    Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
                };
                if (string.IsNullOrEmpty(b.Database))
                    throw new ArgumentException($"PostgreSQL URL '{db}' names no database (postgres://user:pw@host:port/database)");
                store = new Store(SqlDialect.Postgres, b.ConnectionString, $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}");
            }
            else
            {
                var b = new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 };
                store = new Store(SqlDialect.Sqlite, b.ConnectionString, "sqlite:" + System.IO.Path.GetFullPath(db));
            }
            await store.MigrateAsync(ct);
            return store;
        }

        /// <summary>Opens a new connection (callers dispose it).</summary>
        public async Task<DbConnection> ConnectAsync(CancellationToken ct = default)
        {
            DbConnection c = Dialect == SqlDialect.Sqlite ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
            await c.OpenAsync(ct);
            if (Dialect == SqlDialect.Sqlite)
            {
                await ExecAsync(c, null, "PRAGMA busy_timeout = 30000", ct);
                await ExecAsync(c, null, "PRAGMA synchronous = FULL", ct); // see MigrateAsync: commits precede acknowledgements
            }
            return c;
        }

        /// <summary>Schema version after migrations.</summary>
        public int SchemaVersion { get; private set; }

        private async Task MigrateAsync(CancellationToken ct)
        {
            await using DbConnection c = await ConnectAsync(ct);
            if (Dialect == SqlDialect.Sqlite)
            {
                // WAL: readers (API) never block the ingest writer. synchronous stays FULL: a batch is acknowledged to the
                // broker only after its commit, so the commit must survive a power cut too.
                await ExecAsync(c, null, "PRAGMA journal_mode = WAL", ct);
            }
            await ExecAsync(c, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)", ct);
            if (Dialect == SqlDialect.Postgres)
            {
                // Several instances may start together against one database: serialise migrations.
                await ExecAsync(c, null, "SELECT pg_advisory_lock(6060606)", ct);
            }
            try
            {
                long current = Convert.ToInt64(await ScalarAsync(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct));
                foreach (var (version, description, statements) in Migrations.All)
                {
                    if (version <= current)
                        continue;
                    await using DbTransaction tx = await c.BeginTransactionAsync(ct);
                    foreach (string s in statements)
                        await ExecAsync(c, tx, Migrations.Render(s, Dialect), ct);
                    await ExecAsync(c, tx, "INSERT INTO schema_version (version, description, applied_ms) VALUES (@v, @d, @t)", ct,
                        ("v", version), ("d", description), ("t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                    await tx.CommitAsync(ct);
                    current = version;
                }
                SchemaVersion = (int)current;
            }
            finally
            {
                if (Dialect == SqlDialect.Postgres)
                    await ExecAsync(c, null, "SELECT pg_advisory_unlock(6060606)", ct);
            }
        }

        /// <summary>Counts of one written batch.</summary>
        public readonly record struct BatchResult(int Stored, int Duplicates, int Rejected, int Gaps, int LateArrivals);

        /// <summary>
        /// Writes one batch in a single transaction. Each message is stored once per (monitor, seq); a jump in
        /// seq records a gap; rejects are logged in <c>rejects</c>. Returns what happened.
        /// </summary>
        public async Task<BatchResult> WriteBatchAsync(IReadOnlyList<IngestItem> items, CancellationToken ct = default)
        {
            _writer ??= await ConnectAsync(ct);
            DbConnection c = _writer;
            await using DbTransaction tx = await c.BeginTransactionAsync(ct);
            var w = new BatchWriter(this, c, tx);
            try
            {
                foreach (IngestItem item in items)
                    await w.WriteAsync(item, ct);
                await w.FinishAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch
            {
                // The cached max-seq values may include this batch's messages: reload them from the database.
                _maxSeq.Clear();
                throw;
            }
            return new BatchResult(w.Stored, w.Duplicates, w.Rejected, w.Gaps, w.Late);
        }

        internal static async Task<int> ExecAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] ps)
        {
            await using DbCommand cmd = Command(c, tx, sql, ps);
            return await cmd.ExecuteNonQueryAsync(ct);
        }

        internal static async Task<object?> ScalarAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] ps)
        {
            await using DbCommand cmd = Command(c, tx, sql, ps);
            object? o = await cmd.ExecuteScalarAsync(ct);
            return o is DBNull ? null : o;
        }

        internal static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] ps)
        {
            DbCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = tx;
            foreach (var (name, value) in ps)
            {
                DbParameter p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                cmd.Parameters.Add(p);
            }
            return cmd;
        }

        /// <summary>Closes the writer connection.</summary>
        public void Dispose()
        {
            _writer?.Dispose();
            _writer = null;
        }

        /// <summary>Writes the items of one transaction; keeps per-batch state (latest cell values, touched monitors).</summary>
        private sealed class BatchWriter
        {
            private readonly Store _s;
            private readonly DbConnection _c;
            private readonly DbTransaction _tx;
            private readonly Dictionary<string, (string Site, long Last_ms, int Count)> _touched = new(StringComparer.Ordinal);
            private readonly Dictionary<(string, int), (TelemetryMessage Msg, int Row, long Received)> _latest = new();
            private DbCommand? _insertTelemetry;

            public BatchWriter(Store s, DbConnection c, DbTransaction tx)
            {
                _s = s;
                _c = c;
                _tx = tx;
            }

            public int Stored, Duplicates, Rejected, Gaps, Late;

            public async Task WriteAsync(IngestItem item, CancellationToken ct)
            {
                if (item.Message == null)
                {
                    PayloadException e = item.Error ?? new PayloadException("json", null, "unparsed");
                    string excerpt = Encoding.UTF8.GetString(item.Payload, 0, Math.Min(item.Payload.Length, 200)).Replace('\0', '?');
                    await ExecAsync(_c, _tx, "INSERT INTO rejects (received_ms, topic, reason, field, detail, size, excerpt) VALUES (@r, @t, @re, @f, @d, @n, @x)", ct,
                        ("r", item.Received_ms), ("t", item.Topic), ("re", e.Reason), ("f", e.Field), ("d", e.Message), ("n", item.Payload.Length), ("x", excerpt));
                    Rejected++;
                    return;
                }
                TopicAddress a = item.Address!;
                await TouchAsync(a, item.Received_ms, ct);
                switch (item.Message)
                {
                    case TelemetryMessage t:
                        _insertTelemetry ??= Command(_c, _tx,
                            "INSERT INTO telemetry (monitor_id, seq, device_ms, received_ms, current_ma, first_cell, cells) VALUES (@m, @s, @d, @r, @i, @c0, @cells) ON CONFLICT DO NOTHING",
                            ("m", ""), ("s", 0L), ("d", 0L), ("r", 0L), ("i", 0), ("c0", 0), ("cells", ""));
                        var p = _insertTelemetry.Parameters;
                        p[0].Value = t.Monitor; p[1].Value = t.Seq; p[2].Value = t.DeviceTime_ms!.Value; p[3].Value = item.Received_ms;
                        p[4].Value = t.Current_mA; p[5].Value = t.FirstCell; p[6].Value = t.CellsJson;
                        if (await _insertTelemetry.ExecuteNonQueryAsync(ct) == 0) { Duplicates++; return; }
                        await SequenceAsync(a.Monitor, t.Sequence, item.Received_ms, ct);
                        for (int k = 0; k < t.Cells.Length; k++)
                        {
                            var key = (t.Monitor, t.FirstCell + k);
                            if (!_latest.TryGetValue(key, out var prev) || prev.Msg.Sequence < t.Sequence)
                                _latest[key] = (t, k, item.Received_ms);
                        }
                        break;
                    case StateMessage st:
                        if (st.Online)
                        {
                            if (!await EventAsync(item, st, "state", ct)) return;
                            await ExecAsync(_c, _tx, "UPDATE monitors SET online = 1, firmware = @f, cell_count = @n, state_changed_ms = @r WHERE monitor_id = @m", ct,
                                ("f", st.Firmware), ("n", st.CellCount), ("r", item.Received_ms), ("m", st.Monitor));
                        }
                        else
                        {
                            await ExecAsync(_c, _tx, "UPDATE monitors SET online = 0, state_changed_ms = @r WHERE monitor_id = @m AND online = 1", ct,
                                ("r", item.Received_ms), ("m", st.Monitor));
                            Stored++;
                        }
                        break;
                    case AlertMessage al:
                        if (!await EventAsync(item, al, "alert", ct)) return;
                        await AlertAsync(al, item.Received_ms, ct);
                        break;
                    case StatusMessage su:
                        if (!await EventAsync(item, su, "status", ct)) return;
                        await ExecAsync(_c, _tx,
                            "UPDATE downlinks SET status = @st, answered_ms = @r, error = @e, field = @f WHERE monitor_id = @m AND kind = @k AND message_id = @id", ct,
                            ("st", su.Ok ? "accepted" : "rejected"), ("r", item.Received_ms), ("e", su.Error), ("f", su.Field), ("m", su.Monitor), ("k", su.Regarding), ("id", su.Id));
                        break;
                }
            }

            private async Task<bool> EventAsync(IngestItem item, DeviceMessage m, string kind, CancellationToken ct)
            {
                int n = await ExecAsync(_c, _tx,
                    "INSERT INTO events (monitor_id, seq, kind, device_ms, received_ms, payload) VALUES (@m, @s, @k, @d, @r, @p) ON CONFLICT DO NOTHING", ct,
                    ("m", m.Monitor), ("s", m.Seq!.Value), ("k", kind), ("d", m.DeviceTime_ms), ("r", item.Received_ms), ("p", Encoding.UTF8.GetString(item.Payload)));
                if (n == 0)
                {
                    Duplicates++;
                    return false;
                }
                await SequenceAsync(m.Monitor, m.Seq.Value, item.Received_ms, ct);
                return true;
            }

            private async Task AlertAsync(AlertMessage al, long received, CancellationToken ct)
            {
                object? open = await ScalarAsync(_c, _tx,
                    "SELECT alert_id FROM alerts WHERE monitor_id = @m AND cell = @c AND kind = @k AND cleared_seq IS NULL ORDER BY alert_id DESC LIMIT 1", ct,
                    ("m", al.Monitor), ("c", al.Cell), ("k", al.Kind));
                if (al.Raised)
                {
                    if (open != null)
                        return; // already open (e.g. re-raised after a device reboot): one alert, not two
                    await ExecAsync(_c, _tx,
                        "INSERT INTO alerts (monitor_id, cell, kind, raised_seq, raised_device_ms, raised_ms, value, limit_value, score_c) VALUES (@m, @c, @k, @s, @d, @r, @v, @l, @z)", ct,
                        ("m", al.Monitor), ("c", al.Cell), ("k", al.Kind), ("s", al.Seq!.Value), ("d", al.DeviceTime_ms), ("r", received), ("v", al.Value), ("l", al.Limit), ("z", al.Score_c));
                }
                else if (open != null)
                {
                    await ExecAsync(_c, _tx,
                        "UPDATE alerts SET cleared_seq = @s, cleared_device_ms = @d, cleared_ms = @r, cleared_value = @v WHERE alert_id = @id", ct,
                        ("s", al.Seq!.Value), ("d", al.DeviceTime_ms), ("r", received), ("v", al.Value), ("id", open));
                }
                else
                {
                    // The raise was lost (a gap): keep the clear so the history shows the alert existed.
                    await ExecAsync(_c, _tx,
                        "INSERT INTO alerts (monitor_id, cell, kind, limit_value, score_c, cleared_seq, cleared_device_ms, cleared_ms, cleared_value) VALUES (@m, @c, @k, @l, @z, @s, @d, @r, @v)", ct,
                        ("m", al.Monitor), ("c", al.Cell), ("k", al.Kind), ("l", al.Limit), ("z", al.Score_c), ("s", al.Seq!.Value), ("d", al.DeviceTime_ms), ("r", received), ("v", al.Value));
                }
            }

            private async Task TouchAsync(TopicAddress a, long received, CancellationToken ct)
            {
                if (_touched.TryGetValue(a.Monitor, out var t))
                {
                    _touched[a.Monitor] = (a.Site, Math.Max(t.Last_ms, received), t.Count + 1);
                    return;
                }
                _touched[a.Monitor] = (a.Site, received, 1);
                await ExecAsync(_c, _tx,
                    "INSERT INTO monitors (monitor_id, site, first_seen_ms, last_seen_ms) VALUES (@m, @s, @r, @r) ON CONFLICT (monitor_id) DO NOTHING", ct,
                    ("m", a.Monitor), ("s", a.Site), ("r", received));
                if (!_s._maxSeq.ContainsKey(a.Monitor))
                {
                    object? o = await ScalarAsync(_c, _tx, "SELECT max_seq FROM monitors WHERE monitor_id = @m", ct, ("m", a.Monitor));
                    _s._maxSeq[a.Monitor] = o == null ? null : Convert.ToInt64(o);
                }
            }

            private async Task SequenceAsync(string monitor, long seq, long received, CancellationToken ct)
            {
                Stored++;
                long? max = _s._maxSeq[monitor];
                if (max == null || seq == max + 1)
                {
                    _s._maxSeq[monitor] = seq;
                }
                else if (seq > max + 1)
                {
                    await ExecAsync(_c, _tx, "INSERT INTO gaps (monitor_id, from_seq, to_seq, detected_ms) VALUES (@m, @f, @t, @r) ON CONFLICT DO NOTHING", ct,
                        ("m", monitor), ("f", max.Value + 1), ("t", seq - 1), ("r", received));
                    Gaps++;
                    _s._maxSeq[monitor] = seq;
                }
                else
                {
                    Late++;
                    await ExecAsync(_c, _tx, "UPDATE gaps SET late_arrivals = late_arrivals + 1 WHERE monitor_id = @m AND from_seq <= @s AND to_seq >= @s", ct,
                        ("m", monitor), ("s", seq));
                }
            }

            public async Task FinishAsync(CancellationToken ct)
            {
                if (_latest.Count > 0)
                {
                    await using DbCommand up = Command(_c, _tx,
                        """
                        INSERT INTO cells (monitor_id, cell, seq, device_ms, received_ms, voltage_mv, resistance_uohm, capacity_mah, temperature_dc, r_score_c, t_score_c, flags)
                        VALUES (@m, @c, @s, @d, @r, @v0, @v1, @v2, @v3, @v4, @v5, @v6)
                        ON CONFLICT (monitor_id, cell) DO UPDATE SET seq = excluded.seq, device_ms = excluded.device_ms, received_ms = excluded.received_ms,
                          voltage_mv = excluded.voltage_mv, resistance_uohm = excluded.resistance_uohm, capacity_mah = excluded.capacity_mah,
                          temperature_dc = excluded.temperature_dc, r_score_c = excluded.r_score_c, t_score_c = excluded.t_score_c, flags = excluded.flags
                        WHERE excluded.seq > cells.seq
                        """,
                        ("m", ""), ("c", 0), ("s", 0L), ("d", 0L), ("r", 0L), ("v0", 0), ("v1", 0), ("v2", 0), ("v3", 0), ("v4", 0), ("v5", 0), ("v6", 0));
                    foreach (var ((mon, cell), (msg, row, received)) in _latest)
                    {
                        var p = up.Parameters;
                        p[0].Value = mon; p[1].Value = cell; p[2].Value = msg.Sequence; p[3].Value = msg.DeviceTime_ms!.Value; p[4].Value = received;
                        for (int k = 0; k < 7; k++)
                            p[5 + k].Value = msg.Cells[row][k];
                        await up.ExecuteNonQueryAsync(ct);
                    }
                }
                foreach (var (mon, (site, last, count)) in _touched)
                {
                    await ExecAsync(_c, _tx,
                        "UPDATE monitors SET site = @site, last_seen_ms = CASE WHEN last_seen_ms > @r THEN last_seen_ms ELSE @r END, max_seq = @max, messages = messages + @n WHERE monitor_id = @m", ct,
                        ("site", site), ("r", last), ("max", _s._maxSeq[mon]), ("n", (long)count), ("m", mon));
                }
                if (_insertTelemetry != null)
                    await _insertTelemetry.DisposeAsync();
            }
        }
    }
}

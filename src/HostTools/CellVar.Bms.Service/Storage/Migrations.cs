using System.Collections.Generic;

namespace CellVar.Bms.Service.Storage
{
    /// <summary>
    /// Versioned schema migrations, applied in order and recorded in <c>schema_version</c>. One schema for both
    /// databases: <c>{ID}</c> becomes an auto-increment primary key in the dialect. Never edit a released
    /// migration; append a new one.
    /// </summary>
    public static class Migrations
    {
        /// <summary>All migrations, oldest first: (version, description, SQL statements).</summary>
        public static IReadOnlyList<(int Version, string Description, string[] Statements)> All { get; } = new[]
        {
            (1, "initial schema: monitors, telemetry, cells, events, alerts, gaps, downlinks, rejects", new[]
            {
                """
                CREATE TABLE monitors (
                  monitor_id TEXT PRIMARY KEY, site TEXT NOT NULL, online INTEGER NOT NULL DEFAULT 0,
                  firmware TEXT, cell_count INTEGER, first_seen_ms BIGINT NOT NULL, last_seen_ms BIGINT NOT NULL,
                  state_changed_ms BIGINT, max_seq BIGINT, messages BIGINT NOT NULL DEFAULT 0)
                """,
                """
                CREATE TABLE telemetry (
                  monitor_id TEXT NOT NULL, seq BIGINT NOT NULL, device_ms BIGINT NOT NULL, received_ms BIGINT NOT NULL,
                  current_ma INTEGER NOT NULL, first_cell INTEGER NOT NULL, cells TEXT NOT NULL,
                  PRIMARY KEY (monitor_id, seq))
                """,
                "CREATE INDEX telemetry_time ON telemetry (monitor_id, device_ms)",
                """
                CREATE TABLE cells (
                  monitor_id TEXT NOT NULL, cell INTEGER NOT NULL, seq BIGINT NOT NULL, device_ms BIGINT NOT NULL,
                  received_ms BIGINT NOT NULL, voltage_mv INTEGER NOT NULL, resistance_uohm INTEGER NOT NULL,
                  capacity_mah INTEGER NOT NULL, temperature_dc INTEGER NOT NULL, r_score_c INTEGER NOT NULL,
                  t_score_c INTEGER NOT NULL, flags INTEGER NOT NULL, PRIMARY KEY (monitor_id, cell))
                """,
                """
                CREATE TABLE events (
                  monitor_id TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, device_ms BIGINT,
                  received_ms BIGINT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (monitor_id, seq))
                """,
                """
                CREATE TABLE alerts (
                  alert_id {ID}, monitor_id TEXT NOT NULL, cell INTEGER NOT NULL, kind TEXT NOT NULL,
                  raised_seq BIGINT, raised_device_ms BIGINT, raised_ms BIGINT, value BIGINT, limit_value BIGINT, score_c BIGINT,
                  cleared_seq BIGINT, cleared_device_ms BIGINT, cleared_ms BIGINT, cleared_value BIGINT,
                  acked_ms BIGINT, acked_by TEXT, ack_note TEXT)
                """,
                "CREATE INDEX alerts_open ON alerts (monitor_id, cell, kind, cleared_seq)",
                """
                CREATE TABLE gaps (
                  monitor_id TEXT NOT NULL, from_seq BIGINT NOT NULL, to_seq BIGINT NOT NULL, detected_ms BIGINT NOT NULL,
                  late_arrivals INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (monitor_id, from_seq))
                """,
                """
                CREATE TABLE downlinks (
                  downlink_id {ID}, monitor_id TEXT NOT NULL, kind TEXT NOT NULL, message_id BIGINT NOT NULL,
                  created_ms BIGINT NOT NULL, source TEXT, payload TEXT NOT NULL, sent_ms BIGINT, status TEXT NOT NULL,
                  answered_ms BIGINT, error TEXT, field TEXT, UNIQUE (monitor_id, kind, message_id))
                """,
                """
                CREATE TABLE rejects (
                  reject_id {ID}, received_ms BIGINT NOT NULL, topic TEXT NOT NULL, reason TEXT NOT NULL, field TEXT,
                  detail TEXT NOT NULL, size INTEGER NOT NULL, excerpt TEXT)
                """,
            }),
        };

        /// <summary>Turns a migration statement into the dialect's SQL.</summary>
        public static string Render(string sql, SqlDialect dialect) => sql.Replace("{ID}",
            dialect == SqlDialect.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    }
}

using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using CellVar.Bms.Service.Storage;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Reads raw sequence numbers straight from the store's tables, duplicates included, so the crash, SIGKILL and
    /// network-cut tests can check "stored exactly once" and "no telemetry invented" below the API's de-duplicated view.
    /// Linked into the VirtualRig tests too.
    /// </summary>
    internal static class StoredSequences
    {
        /// <summary>
        /// The seq of every row of <paramref name="table"/> ("events" or "telemetry") stored for <paramref name="monitorId"/>,
        /// only events of <paramref name="kind"/> when given (e.g. "alert"); in no particular order.
        /// </summary>
        public static async Task<List<long>> ReadAsync(Store store, string table, string monitorId, string? kind = null)
        {
            if (table != "events" && table != "telemetry")
                throw new ArgumentException($"table must be events or telemetry, not '{table}'", nameof(table));
            await using DbConnection c = await store.ConnectAsync();
            await using DbCommand cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT seq FROM {table} WHERE monitor_id = @m" + (kind == null ? "" : " AND kind = @k");
            Add(cmd, "m", monitorId);
            if (kind != null)
                Add(cmd, "k", kind);
            var list = new List<long>();
            await using DbDataReader r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                list.Add(Convert.ToInt64(r.GetValue(0)));
            return list;
        }

        private static void Add(DbCommand cmd, string name, string value)
        {
            DbParameter p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
    }
}

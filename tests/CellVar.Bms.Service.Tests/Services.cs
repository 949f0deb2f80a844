using System;
using System.IO;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using Npgsql;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Access to the real services started by .ci/services.sh. Locally a missing service skips the test with the
    /// reason; in CI (CELLVAR_CI=1) it fails it, so CI can never pass without the integration tests running.
    /// </summary>
    internal static class Services
    {
        public static bool InCi => Environment.GetEnvironmentVariable("CELLVAR_CI") == "1";

        public static string PgAdmin => Environment.GetEnvironmentVariable("CELLVAR_PG")
            ?? "Host=127.0.0.1;Port=5432;Username=cellvar;Password=cellvar;Database=cellvar_test";

        public static void Missing(string what)
        {
            string msg = $"{what} is not available; run `bash .ci/services.sh` (as root) first.";
            if (InCi)
                throw new InvalidOperationException("CELLVAR_CI=1 and " + msg);
            Skip.If(true, msg);
        }

        public static string Mosquitto()
        {
            string? m = MosquittoProcess.Find();
            if (m == null)
                Missing("mosquitto");
            return m!;
        }

        /// <summary>Creates a fresh database and returns its postgres:// URL; dispose the handle to drop it.</summary>
        public static async Task<PgDatabase> PostgresAsync()
        {
            var b = new NpgsqlConnectionStringBuilder(PgAdmin);
            try
            {
                await using var c = new NpgsqlConnection(b.ConnectionString);
                await c.OpenAsync();
                string name = "cellvar_t_" + Guid.NewGuid().ToString("N")[..10];
                await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c))
                    await cmd.ExecuteNonQueryAsync();
                return new PgDatabase(b, name);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                Missing($"PostgreSQL at {b.Host}:{b.Port} ({e.Message})");
                throw;
            }
        }

        public sealed class PgDatabase : IAsyncDisposable
        {
            private readonly NpgsqlConnectionStringBuilder _admin;

            public PgDatabase(NpgsqlConnectionStringBuilder admin, string name)
            {
                _admin = admin;
                Name = name;
                Url = $"postgres://{Uri.EscapeDataString(admin.Username!)}:{Uri.EscapeDataString(admin.Password ?? "")}@{admin.Host}:{admin.Port}/{name}";
            }

            public string Name { get; }
            public string Url { get; }

            public async ValueTask DisposeAsync()
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(_admin.ConnectionString);
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
                await cmd.ExecuteNonQueryAsync();
            }
        }

        public static string TempSqlite()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-svc-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, "cellvar.db");
        }
    }
}

using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>The golden payloads end up as the same rows through both brokers into both databases.</summary>
    public class BrokerAndDatabaseMatrixTests
    {
        [SkippableTheory]
        [InlineData("embedded", "sqlite")]
        [InlineData("embedded", "postgres")]
        [InlineData("mosquitto", "sqlite")]
        [InlineData("mosquitto", "postgres")]
        public async Task GoldenPayloads_BecomeRows(string broker, string database)
        {
            await using Services.PgDatabase? pg = database == "postgres" ? await Services.PostgresAsync() : null;
            await using MosquittoProcess? mosq = broker == "mosquitto" ? await MosquittoProcess.StartAsync(Services.Mosquitto(), "allow_anonymous true\n") : null;
            await using var t = await TestService.StartAsync(database: pg?.Url, brokerUrl: mosq == null ? null : $"mqtt://127.0.0.1:{mosq.Port}");
            int port = mosq?.Port ?? t.MqttPort;
            using var c = mosq == null
                ? await TestService.ClientAsync(port, Golden.Monitor, Golden.Monitor, TestService.Of(Golden.Monitor).Value)
                : await TestService.ClientAsync(port, Golden.Monitor, null, null);
            await EmbeddedIngestTests.PublishGoldenAsync(c);
            await t.WaitStoredAsync(6);
            await EmbeddedIngestTests.AssertGoldenRowsAsync(t.Service);
            Assert.Equal(database == "postgres" ? Storage.SqlDialect.Postgres : Storage.SqlDialect.Sqlite, t.Service.Store.Dialect);
            Assert.Equal(1, t.Service.Store.SchemaVersion);
        }

        [SkippableFact]
        public async Task Migrations_AreRecordedOnce_AndReopeningIsANoOp()
        {
            await using var pg = await Services.PostgresAsync();
            foreach (string db in new[] { pg.Url, Services.TempSqlite() })
            {
                using (var s1 = await Storage.Store.OpenAsync(db)) Assert.Equal(1, s1.SchemaVersion);
                using var s2 = await Storage.Store.OpenAsync(db);
                Assert.Equal(1, s2.SchemaVersion);
                await using var c = await s2.ConnectAsync();
                Assert.Equal(1L, System.Convert.ToInt64(await Storage.Store.ScalarAsync(c, null, "SELECT COUNT(*) FROM schema_version", default)));
            }
        }
    }
}

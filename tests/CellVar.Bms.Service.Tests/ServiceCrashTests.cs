using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Storage;
using MQTTnet;
using MQTTnet.Formatter;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// The host service killed mid-ingest behind Mosquitto while a monitor keeps publishing QoS 1 alerts, then restarted
    /// on the same database (SQLite file and PostgreSQL); plus duplicate and out-of-order delivery and lost QoS 0
    /// telemetry. Every alert the broker acknowledged is stored exactly once; gaps are exactly the lost messages.
    /// </summary>
    public class ServiceCrashTests
    {
        [SkippableTheory]
        [InlineData("sqlite")]
        [InlineData("postgres")]
        public async Task ServiceKilledMidIngest_RestartedOnSameDatabase_EveryAcknowledgedAlertStoredExactlyOnce(string database)
        {
            string bin = Services.Mosquitto();
            await using Services.PgDatabase? pg = database == "postgres" ? await Services.PostgresAsync() : null;
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-crash-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            string db = pg?.Url ?? Path.Combine(dir, "cellvar.db");
            // The same client id across the restart resumes the service's persistent session, so Mosquitto queues
            // QoS 1 messages for it while it is down.
            string clientId = "cellvar-crash-" + Guid.NewGuid().ToString("N")[..6];
            try
            {
                await using var mosq = await MosquittoProcess.StartAsync(bin, "allow_anonymous true\n");
                string url = $"mqtt://127.0.0.1:{mosq.Port}";
                TestService? t = await TestService.StartAsync(database: db, brokerUrl: url, clientId: clientId);

                const int total = 300;               // messages from the monitor (alerts, plus every 10th a telemetry page)
                var capture = new CaptureLink();
                var link = new MonitorLink(capture, "cellvar/v1", Golden.Site, "rig1-m01", 1);
                var cells = new CellTelemetry();
                var ackedAlerts = new HashSet<long>();
                var lostTelemetry = new List<long>();
                var duplicatesSent = 0;
                IMqttClient pub = await RetryingPublisher.ConnectAsync(mosq.Port, "rig1-m01");
                Task? killing = null;
                byte[]? heldBack = null;
                long heldBackSeq = 0;
                int restarts = 0;
                for (int i = 0; i < total; i++)
                {
                    if (i == total / 3)
                        killing = t!.DisposeAsync().AsTask();   // killed while messages are in flight; the monitor keeps going
                    if (i == total / 2)
                    {
                        await killing!;
                        t = await TestService.StartAsync(database: db, brokerUrl: url, clientId: clientId);
                        restarts++;
                    }
                    link.DeviceTime_ms = 1764100000000L + 1000L * i;
                    bool telemetry = i % 10 == 5;
                    if (telemetry)
                        Assert.True(link.PublishTelemetry(0, cells, 1, 1));
                    else
                        Assert.True(link.PublishAlert(1 + i % 16, AlertKind.ResistanceHigh, (i / 16) % 2 == 0, 24000 + i, 23100, 500));
                    long seq = link.NextSequence - 1;
                    string kind = telemetry ? "telemetry" : "alert";
                    if (telemetry && i % 30 == 5)
                    {
                        lostTelemetry.Add(seq);              // a QoS 0 page lost on the way: the host must record it as a gap
                        continue;
                    }
                    if (!telemetry && i % 50 == 7 && heldBack == null)
                    {
                        heldBack = capture.Last;             // delivered after the next message: out of order
                        heldBackSeq = seq;
                        continue;
                    }
                    pub = await RetryingPublisher.PublishUntilAckedAsync(pub, mosq.Port, "rig1-m01", TestService.Topic("rig1-m01", kind), capture.Last!);
                    if (!telemetry)
                        ackedAlerts.Add(seq);
                    if (heldBack != null && seq == heldBackSeq + 1)
                    {
                        pub = await RetryingPublisher.PublishUntilAckedAsync(pub, mosq.Port, "rig1-m01", TestService.Topic("rig1-m01", "alert"), heldBack);
                        ackedAlerts.Add(heldBackSeq);
                        heldBack = null;
                    }
                    if (!telemetry && i % 40 == 11)
                    {
                        pub = await RetryingPublisher.PublishUntilAckedAsync(pub, mosq.Port, "rig1-m01", TestService.Topic("rig1-m01", kind), capture.Last!); // duplicate
                        duplicatesSent++;
                    }
                }
                pub.Dispose();
                Assert.Equal(1, restarts);
                Assert.True(duplicatesSent >= 5);

                Store store = t!.Service.Store;
                Task<List<long>> StoredAlertSeqsAsync() => StoredSequences.ReadAsync(store, "events", "rig1-m01", "alert");
                await TestService.WaitUntilAsync(async () => (await StoredAlertSeqsAsync()).Count >= ackedAlerts.Count,
                    $"all {ackedAlerts.Count} acknowledged alerts stored (have {(await StoredAlertSeqsAsync()).Count})", seconds: 30);
                List<long> stored = await StoredAlertSeqsAsync();
                // Exactly once: same set, no extra rows (the list has one row per stored event).
                Assert.Equal(ackedAlerts.OrderBy(s => s), stored.OrderBy(s => s));

                // Gaps: the lost telemetry pages are recorded; out-of-order arrivals fill theirs; nothing else is invented.
                var gaps = await store.GapsAsync("rig1-m01");
                var open = new HashSet<long>();
                foreach (GapRow g in gaps)
                {
                    long width = g.ToSeq - g.FromSeq + 1;
                    if (g.LateArrivals < width)
                        for (long s = g.FromSeq; s <= g.ToSeq; s++)
                            open.Add(s);
                }
                Assert.Equal(lostTelemetry.OrderBy(s => s), open.OrderBy(s => s));
                await t.DisposeAsync();
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }
    }
}

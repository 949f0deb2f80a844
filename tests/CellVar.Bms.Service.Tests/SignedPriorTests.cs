using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Priors;
using CellVar.Bms.Service.Protocol;
using CellVar.Bms.Service.Simulation;
using CellVar.Bms.Service.Storage;
using Microsoft.Data.Sqlite;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// Signed priors end to end: the service signs what it pushes with each monitor's key (.NET HMACSHA256), monitors
    /// running the device code verify it (integer SHA-256), and forged, replayed and truncated priors sent through the
    /// broker are rejected with a specific status while the previous prior stays in force.
    /// </summary>
    public class SignedPriorTests
    {
        private static string GText(string file) => Encoding.ASCII.GetString(Golden.Bytes(file));

        private static byte[] KeyOf(string monitor) => Encoding.ASCII.GetBytes("test-key-32-bytes-for-" + monitor.PadRight(10, '.'));

        [Fact]
        public void HostSigning_ReproducesTheGoldenSignedPayloads_ByteForByte()
        {
            byte[] key = Convert.FromHexString(GText("prior-signed.key"));
            Assert.Equal(GText("prior-signed.json"), PriorKeys.Sign(key, PriorKeys.PriorLabel, GText("prior.json")));
            Assert.Equal(GText("config-signed.json"), PriorKeys.Sign(key, PriorKeys.ConfigLabel, GText("config.json")));
            var keys = new PriorKeys();
            keys.Add("rig1-m01", key);
            Assert.Equal(GText("prior.json"), keys.SignOrPass("rig1-m02", PriorKeys.PriorLabel, GText("prior.json")));
        }

        [Fact]
        public void KeysFile_ErrorsNameTheLine()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "# keys\nrig1-m01 " + new string('a', 64) + "\n\nrig1-m02 00112233\n");
                var e = Assert.Throws<FormatException>(() => PriorKeys.Load(path));
                Assert.Contains(":4:", e.Message);
                Assert.Contains("16 bytes", e.Message);
                File.WriteAllText(path, "rig1-m01 zz" + new string('a', 62) + "\n");
                Assert.Contains(":1:", Assert.Throws<FormatException>(() => PriorKeys.Load(path)).Message);
                File.WriteAllText(path, "rig1-m01\n");
                Assert.Contains("expected 'monitor-id hexkey'", Assert.Throws<FormatException>(() => PriorKeys.Load(path)).Message);
                File.WriteAllText(path, "rig1-m01 " + new string('a', 64) + "\n");
                Assert.True(PriorKeys.Load(path).Has("rig1-m01"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void HostParser_ReadsTheAuthenticationRejections()
        {
            var m = (StatusMessage)PayloadParser.Parse(TopicAddress.TryParse("cellvar/v1", TestService.Topic("rig1-m01", "status"))!, Golden.Bytes("status-prior-mac-mismatch.json"));
            Assert.Equal(("mac_mismatch", "mac", false), (m.Error, m.Field, m.Ok));
        }

        [Fact]
        public async Task ServiceSignsPriors_ForgedReplayedAndTruncatedThroughTheBroker_AreRejectedAndReported()
        {
            var keys = new PriorKeys();
            foreach (string id in TestService.MonitorIds)
                keys.Add(id, KeyOf(id));
            await using var t = await TestService.StartAsync(priorKeys: keys);
            var m = await SimulatedMonitor.ConnectAsync("127.0.0.1", t.MqttPort, "cellvar/v1", Golden.Site, "rig1-m01", TestService.Of("rig1-m01").Value,
                priorKey: KeyOf("rig1-m01"));
            try
            {
                var rng = new Random(11);
                TestService.ScatterHealthyCells(m, rng);
                m.PublishTelemetry();
                await m.Mqtt.FlushAsync();
                await t.WaitStoredAsync(2);

                // 1. The service's on-demand push is signed and accepted; a second push (newer id) too.
                string oldPayload = await PushAndWaitAcceptedAsync(t, m, expectedAccepted: 1);
                Assert.Contains(",\"mac\":\"", oldPayload);
                string firstPayload = await PushAndWaitAcceptedAsync(t, m, expectedAccepted: 2);
                int firstId = m.Link.Prior!.Id;
                int firstHigh = m.Link.Prior.High[PriorMessage.Resistance_uOhm];
                Assert.Equal(firstId, m.Link.LastSignedPriorId);

                // 2. Forged (newer id, limit changed, MAC kept), truncated (MAC cut in half), unsigned, replayed (the older,
                //    genuinely signed prior) and signed with another monitor's key: published by the service's own client
                //    straight to the monitor's retained topic; all refused, reported, and the prior in force is unchanged.
                string forged = firstPayload.Replace($"\"id\":{firstId}", $"\"id\":{firstId + 100}");
                int hiAt = forged.IndexOf("\"hi\":", StringComparison.Ordinal);
                forged = forged.Insert(hiAt + 5, "9");
                int macAt = firstPayload.IndexOf(",\"mac\":\"", StringComparison.Ordinal) + 8;
                string truncated = firstPayload.Substring(0, macAt + 32) + "\"}";
                string unsigned = firstPayload.Substring(0, macAt - 8) + "}";
                string older = oldPayload;
                string otherMonitorsKey = PriorKeys.Sign(KeyOf("rig1-m02"), PriorKeys.PriorLabel, unsigned.Replace($"\"id\":{firstId}", $"\"id\":{firstId + 200}"));
                var cases = new (string Payload, string Err)[]
                {
                    (forged, "mac_mismatch"), (truncated, "mac_malformed"), (unsigned, "mac_missing"), (older, "replayed"), (otherMonitorsKey, "mac_mismatch"),
                };
                for (int i = 0; i < cases.Length; i++)
                {
                    Assert.True(await t.Service.Client.PublishRetainedAsync(TestService.Topic("rig1-m01", "prior"), Encoding.UTF8.GetBytes(cases[i].Payload)));
                    int want = i + 1;
                    await TestService.WaitUntilAsync(() => Task.FromResult(m.Link.PriorsRejected == want), $"rejection {want} ({cases[i].Err})");
                    // The status answer reaches the host and is stored as an event with the specific reason.
                    string err = cases[i].Err;
                    await TestService.WaitUntilAsync(async () => (await StatusErrorsAsync(t)).Contains(err), $"status '{err}' stored");
                    Assert.Equal(firstId, m.Link.Prior!.Id);
                    Assert.Equal(firstHigh, m.Link.Prior.High[PriorMessage.Resistance_uOhm]);
                }

                // 3. A newer prior from the service (id from downlinks, above every earlier one) is accepted again.
                await PushAndWaitAcceptedAsync(t, m, expectedAccepted: 3);
                Assert.True(m.Link.Prior!.Id > firstId);
                Assert.Equal(m.Link.Prior.Id, m.Link.LastSignedPriorId);
            }
            finally
            {
                await m.DisposeAsync();
            }
        }

        [Fact]
        public async Task DownlinkIds_KeepIncreasingAcrossServiceRestarts()
        {
            string db = Services.TempSqlite();
            try
            {
                long first, second;
                using (var s = await Store.OpenAsync(db))
                    first = (await s.CreateDownlinkAsync("rig1-m01", "prior", "test", i => $"{{\"id\":{i}}}", 1)).MessageId;
                using (var s = await Store.OpenAsync(db))
                    second = (await s.CreateDownlinkAsync("rig1-m01", "prior", "test", i => $"{{\"id\":{i}}}", 2)).MessageId;
                Assert.True(second > first, $"{second} after {first}");
            }
            finally
            {
                File.Delete(db);
            }
        }

        private static async Task<string> PushAndWaitAcceptedAsync(TestService t, SimulatedMonitor m, int expectedAccepted)
        {
            using var resp = await t.Http.PostAsync("/api/priors/publish?monitor=rig1-m01", null);
            resp.EnsureSuccessStatusCode();
            var sent = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement;
            var mine = sent.EnumerateArray().First(s => s.GetProperty("monitor_id").GetString() == "rig1-m01");
            await TestService.WaitUntilAsync(() => Task.FromResult(m.Link.PriorsAccepted == expectedAccepted), $"signed prior {expectedAccepted} accepted");
            long id = mine.GetProperty("prior_id").GetInt64();
            await TestService.WaitUntilAsync(async () =>
                (await t.Service.Store.DownlinksAsync("rig1-m01", "prior", 50)).Any(d => d.MessageId == id && d.Status == "accepted"), "downlink marked accepted");
            return mine.GetProperty("payload").GetString()!;
        }

        // Status answers as stored by ingest (events table), read straight from the service's SQLite file.
        private static async Task<string[]> StatusErrorsAsync(TestService t)
        {
            await using var c = new SqliteConnection("Data Source=" + t.Service.Options.Database);
            await c.OpenAsync();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT payload FROM events WHERE monitor_id = 'rig1-m01' AND kind = 'status'";
            var errs = new System.Collections.Generic.List<string>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var root = JsonDocument.Parse(r.GetString(0)).RootElement;
                if (root.TryGetProperty("err", out var e))
                    errs.Add(e.GetString()!);
            }
            return errs.ToArray();
        }
    }
}

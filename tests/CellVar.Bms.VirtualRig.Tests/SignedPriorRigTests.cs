using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Priors;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// A virtual monitor provisioned with a prior key, behind the service's embedded broker (credentials + ACL): priors the
    /// service signs are accepted; a forged, a truncated and a replayed one published to its retained prior topic are
    /// rejected, answered on status, and the prior in force does not change.
    /// </summary>
    public sealed class SignedPriorRigTests
    {
        [Fact]
        public async Task VirtualMonitorWithKey_AcceptsSignedPriors_RejectsForgedTruncatedReplayed()
        {
            byte[] key = Enumerable.Range(0, 32).Select(i => (byte)(3 * i + 11)).ToArray();
            var creds = new Credentials();
            creds.Add("sig-m01", "pw-sig");
            var keys = new PriorKeys();
            keys.Add("sig-m01", key);
            string db = Path.Combine(Path.GetTempPath(), $"vrig-sig-{Guid.NewGuid():N}.db");
            var so = new ServiceOptions
            {
                Database = db, HttpUrl = "http://127.0.0.1:0", PriorInterval = TimeSpan.Zero, MqttPort = MosquittoProcess.FreePort(),
                Credentials = creds, PriorKeys = keys, ClientId = "vrig-sig-" + Guid.NewGuid().ToString("N")[..8],
            };
            try
            {
                await using var service = await CellVarService.StartAsync(so, NullLoggerFactory.Instance);
                await using var vm = new VirtualMonitor(new VirtualMonitorOptions
                {
                    IdPrefix = "sig-m", Index = 1, Cells = 8, Broker = new BrokerAddress("127.0.0.1", so.MqttPort), Password = "pw-sig", PriorKey = key,
                }, []);
                Assert.True(vm.Link.RequiresSignedMessages);
                vm.Start();
                string topic = "cellvar/v1/virtual/sig-m01/prior";
                var prior = new DevicePrior(new QuantityPrior(20000, 600, 23100, null), new QuantityPrior(2500, 40, null, 2380), new QuantityPrior(0, 10, 50, null), []);

                async Task SendAsync(string payload) => Assert.True(await service.Client.PublishRetainedAsync(topic, Encoding.ASCII.GetBytes(payload)));
                async Task WaitAsync(Func<bool> done, string what)
                {
                    var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
                    while (!done())
                    {
                        Assert.True(DateTime.UtcNow < until, "timed out waiting for " + what);
                        await Task.Delay(20);
                    }
                }

                string p1 = keys.SignOrPass("sig-m01", PriorKeys.PriorLabel, prior.ToPayload("sig-m01", 1));
                await SendAsync(p1);
                await WaitAsync(() => vm.Link.PriorsAccepted == 1, "signed prior 1");
                string p2 = keys.SignOrPass("sig-m01", PriorKeys.PriorLabel, prior.ToPayload("sig-m01", 2));
                await SendAsync(p2);
                await WaitAsync(() => vm.Link.PriorsAccepted == 2, "signed prior 2");

                string forged = p2.Replace("\"id\":2", "\"id\":9").Replace("23100", "99999");
                int mac = p2.IndexOf(",\"mac\":\"", StringComparison.Ordinal) + 8;
                string truncated = p2.Substring(0, mac + 40) + "\"}";
                var cases = new (string Payload, DecodeStatus Expect)[]
                {
                    (forged, DecodeStatus.MacMismatch), (truncated, DecodeStatus.MacMalformed), (p1, DecodeStatus.Replayed),
                };
                for (int i = 0; i < cases.Length; i++)
                {
                    await SendAsync(cases[i].Payload);
                    int want = i + 1;
                    await WaitAsync(() => vm.Link.PriorsRejected == want, cases[i].Expect.ToString());
                    Assert.Equal(cases[i].Expect, vm.Link.LastError.Status);
                    Assert.Equal(2, vm.Link.Prior!.Id);
                    Assert.Equal(23100, vm.Link.Prior.High[PriorMessage.Resistance_uOhm]);
                }

                // The refusals reached the host as status events.
                var until2 = DateTime.UtcNow + TimeSpan.FromSeconds(20);
                while ((await service.Store.CountsAsync()).Rows["events"] < 1 + 5 && DateTime.UtcNow < until2)
                    await Task.Delay(50);
                Assert.True((await service.Store.CountsAsync()).Rows["events"] >= 6, "online state + 5 status answers stored");

                await SendAsync(keys.SignOrPass("sig-m01", PriorKeys.PriorLabel, prior.ToPayload("sig-m01", 3)));
                await WaitAsync(() => vm.Link.PriorsAccepted == 3, "signed prior 3");
                Assert.Equal(3, vm.Link.LastSignedPriorId);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (string f in new[] { db, db + "-wal", db + "-shm" }) try { File.Delete(f); } catch (IOException) { }
            }
        }
    }
}

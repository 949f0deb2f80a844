using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.Service.Storage;
using Xunit;
using Xunit.Abstractions;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// Records every QoS 1 alert the broker acknowledged to a virtual monitor (monitor, seq, when), then checks the host
    /// stored each of them exactly once and nothing the devices did not raise. Shared by the broker-outage and network-cut tests.
    /// </summary>
    internal sealed class AckedAlertLedger
    {
        private readonly ConcurrentBag<(string Monitor, long Seq, DateTime AckedUtc)> _acked = new();

        /// <summary>Hooks every monitor's link of <paramref name="rig"/>.</summary>
        public static AckedAlertLedger Attach(Running.VirtualRig rig)
        {
            var ledger = new AckedAlertLedger();
            foreach (var m in rig.Monitors)
                m.Mqtt!.Acknowledged = (topic, payload) =>
                {
                    if (!topic.EndsWith("/alert", StringComparison.Ordinal)) return;
                    using var j = JsonDocument.Parse(Encoding.UTF8.GetString(payload));
                    ledger._acked.Add((j.RootElement.GetProperty("mon").GetString()!, j.RootElement.GetProperty("seq").GetInt64(), DateTime.UtcNow));
                };
            return ledger;
        }

        /// <summary>Acknowledged alerts so far.</summary>
        public IReadOnlyList<(string Monitor, long Seq, DateTime AckedUtc)> Acked => [.. _acked];

        /// <summary>
        /// Waits (up to 45 s) for the monitors to reconnect and drain, then asserts: every acknowledged alert is stored, no
        /// (monitor, seq) is stored twice, and the stored raise/clear events are exactly the ones the devices published.
        /// </summary>
        public async Task WaitAndAssertStoredExactlyOnceAsync(Running.VirtualRig rig, Store store, ITestOutputHelper output)
        {
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < until && rig.Monitors.Any(m => !m.Mqtt!.IsConnected || m.Mqtt.OutboxCount > 0)) await Task.Delay(100);
            foreach (var m in rig.Monitors) m.Flush();
            int expected = rig.Alerts().Count(a => a.Cell != null);
            var rows = await store.AlertsAsync(null, false, 1000);
            while (DateTime.UtcNow < until + TimeSpan.FromSeconds(15) && rows.Count + rows.Count(r => r.ClearedSeq != null) < expected)
            {
                await Task.Delay(100);
                rows = await store.AlertsAsync(null, false, 1000);
            }
            foreach (var m in rig.Monitors) output.WriteLine($"{m.Options.MonitorId}: {m.Mqtt!.Statistics}");
            var stored = rows.SelectMany(r => new[] { (r.MonitorId, r.RaisedSeq), (r.MonitorId, r.ClearedSeq) }).Where(x => x.Item2 != null)
                .Select(x => (x.MonitorId, x.Item2!.Value)).ToList();
            Assert.Equal(stored.Count, stored.Distinct().Count());   // exactly once: no event stored twice
            Assert.NotEmpty(_acked);
            foreach (var a in _acked) Assert.Contains((a.Monitor, a.Seq), stored);
            Assert.Equal(expected, stored.Count);
            Assert.All(rig.Monitors, m => Assert.Equal(0, m.Mqtt!.Statistics.OutboxDropped));
        }
    }
}

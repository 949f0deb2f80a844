using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Storage;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Running;
using CellVar.Bms.VirtualRig.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CellVar.Bms.VirtualRig.Demo
{
    /// <summary>
    /// The one-command demo: the host service in-process (embedded MQTT broker with per-monitor credentials, SQLite store,
    /// HTTP API) and a virtual rig of a few packs with injected defects publishing to it over real MQTT.
    /// </summary>
    public sealed class DemoSession : IAsyncDisposable
    {
        private DemoSession(CellVarService service, Running.VirtualRig rig, string databasePath, bool deleteDatabase)
        {
            Service = service;
            Rig = rig;
            DatabasePath = databasePath;
            _deleteDatabase = deleteDatabase;
        }

        private readonly bool _deleteDatabase;

        /// <summary>The running host service.</summary>
        public CellVarService Service { get; }
        /// <summary>The virtual rig.</summary>
        public Running.VirtualRig Rig { get; }
        /// <summary>SQLite file.</summary>
        public string DatabasePath { get; }
        /// <summary>HTTP API base URL.</summary>
        public string HttpAddress => Service.HttpAddress;

        /// <summary>The demo's default defects: a step weld, a hot cell and a slowly ramping weld on three of four packs (the fourth stays healthy).</summary>
        public static IReadOnlyList<InjectedDefect> DefaultDefects { get; } =
        [
            new(1, 3, DefectKind.Weld, 300, 0, InjectedDefect.DefaultWeld_mOhm),
            new(2, 6, DefectKind.HotCell, 300, 0, InjectedDefect.DefaultHeat_W),
            new(3, 2, DefectKind.Weld, 400, 300, InjectedDefect.DefaultWeld_mOhm),
        ];

        /// <summary>
        /// Starts the service and connects the rig. <paramref name="rig"/>'s broker and passwords are replaced by the embedded
        /// broker's; <paramref name="httpUrl"/> port 0 picks a free port; <paramref name="database"/> null = a temporary file;
        /// <paramref name="configureHttp"/> mounts more endpoints on the service's web app (the CLI mounts the dashboard).
        /// </summary>
        public static async Task<DemoSession> StartAsync(RigOptions rig, string httpUrl, string? database, int mqttPort = 0,
            ILoggerFactory? logs = null, CancellationToken ct = default,
            Action<Microsoft.AspNetCore.Builder.WebApplication, CellVarService>? configureHttp = null)
        {
            ArgumentNullException.ThrowIfNull(rig);
            int port = mqttPort > 0 ? mqttPort : FreePort();
            var credentials = new Credentials();
            var passwords = new Dictionary<string, string>();
            for (int k = 1; k <= rig.Monitors; k++)
            {
                string id = $"{rig.IdPrefix}{k:00}";
                passwords[id] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
                credentials.Add(id, passwords[id]);
            }
            bool temp = database == null;
            string db = database ?? Path.Combine(Path.GetTempPath(), $"cellvar-demo-{Guid.NewGuid():N}.db");
            var o = new ServiceOptions
            {
                TopicRoot = rig.TopicRoot,
                MqttAddress = IPAddress.Loopback,
                MqttPort = port,
                Credentials = credentials,
                Database = db,
                HttpUrl = httpUrl,
                PriorInterval = TimeSpan.Zero,
                ClientId = "cellvar-demo-" + Guid.NewGuid().ToString("N")[..8],
                ConfigureHttp = configureHttp,
            };
            CellVarService service = await CellVarService.StartAsync(o, logs ?? NullLoggerFactory.Instance, ct);
            Running.VirtualRig? r = null;
            try
            {
                r = new Running.VirtualRig(new RigOptions
                {
                    Monitors = rig.Monitors, Cells = rig.Cells, Seed = rig.Seed, Duration_s = rig.Duration_s, SamplePeriod_s = rig.SamplePeriod_s,
                    Speed = rig.Speed, Profile = rig.Profile, Defects = rig.Defects, Broker = new BrokerAddress("127.0.0.1", port),
                    Passwords = passwords, IdPrefix = rig.IdPrefix, TopicRoot = rig.TopicRoot, Adc = rig.Adc, Record = rig.Record,
                    Welds = rig.Welds, NaturalDefectMargin_mOhm = rig.NaturalDefectMargin_mOhm,
                });
                if (!await r.ConnectAsync(TimeSpan.FromSeconds(20), ct))
                    throw new InvalidOperationException("virtual monitors could not connect to the embedded broker within 20 s");
                return new DemoSession(service, r, db, temp);
            }
            catch
            {
                if (r != null) await r.DisposeAsync();
                await service.DisposeAsync();
                throw;
            }
        }

        /// <summary>Waits until the store holds every alert event the monitors' brokers acknowledged (or <paramref name="timeout"/>).</summary>
        public async Task<IReadOnlyList<AlertRow>> StoredAlertsAsync(TimeSpan timeout, CancellationToken ct = default)
        {
            var until = DateTime.UtcNow + timeout;
            while (true)
            {
                var rows = await Service.Store.AlertsAsync(null, false, 10000, ct);
                int events = rows.Count + rows.Count(r => r.ClearedSeq != null);
                if (events >= Rig.Alerts().Count(a => a.Cell != null) || DateTime.UtcNow > until) return rows;
                await Task.Delay(100, ct);
            }
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await Rig.StopAsync(TimeSpan.FromSeconds(5));
            await Rig.DisposeAsync();
            await Service.DisposeAsync();
            if (_deleteDatabase)
                foreach (string f in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
                    try { File.Delete(f); } catch (IOException) { }
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int p = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return p;
        }
    }
}

using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Benchmarks;
using Microsoft.Extensions.Logging;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar serve</c>: runs the host service (embedded MQTT broker or an external one, SQLite or PostgreSQL,
    /// prior loop, HTTP API) until Ctrl+C. <c>cellvar serve bench</c> runs the ingest/latency benchmark.
    /// </summary>
    internal static class ServeCommand
    {
        public static Command Create()
        {
            var broker = new Option<string?>("--broker") { Description = "External MQTT 5 broker, mqtt://[user:pw@]host:port or mqtts://...; default: embedded broker." };
            var ca = new Option<string?>("--ca-file") { Description = "CA certificate (PEM) of an mqtts:// broker." };
            var share = new Option<string?>("--share-group") { Description = "MQTT 5 shared-subscription group (scale-out behind an external broker)." };
            var mqttPort = new Option<int>("--mqtt-port") { Description = "Port of the embedded broker.", DefaultValueFactory = _ => 1883 };
            var mqttListen = new Option<string>("--mqtt-listen") { Description = "Address of the embedded broker.", DefaultValueFactory = _ => "127.0.0.1" };
            var tlsCert = new Option<string?>("--tls-cert") { Description = "Server certificate for a TLS endpoint of the embedded broker: .pfx/.p12 (no password) or PEM." };
            var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert (when the PEM certificate does not contain it)." };
            var tlsPort = new Option<int>("--tls-port") { Description = "Port of the embedded broker's TLS endpoint.", DefaultValueFactory = _ => 8883 };
            var tlsListen = new Option<string?>("--tls-listen") { Description = "Address of the embedded broker's TLS endpoint (default: --mqtt-listen)." };
            var creds = new Option<string?>("--credentials") { Description = "Monitor credentials for the embedded broker: lines 'monitor-id password'." };
            var keys = new Option<string?>("--prior-keys") { Description = "Per-monitor signing keys for priors/configs: lines 'monitor-id hexkey' (from `cellvar provision`)." };
            var db = new Option<string>("--db") { Description = "SQLite file, or postgres://user:pw@host:port/database.", DefaultValueFactory = _ => "cellvar.db" };
            var http = new Option<string>("--http") { Description = "HTTP API and dashboard listen URL. Any non-loopback address needs an access token in CELLVAR_HTTP_TOKEN (or CELLVAR_DASHBOARD_TOKEN); with a token every request must carry it.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
            var root = new Option<string>("--topic-root") { Description = "MQTT topic root.", DefaultValueFactory = _ => "cellvar/v1" };
            var interval = new Option<double>("--prior-interval") { Description = "Minutes between scheduled prior updates; 0 = only on demand.", DefaultValueFactory = _ => 60 };
            var priors = new Option<string?>("--priors") { Description = "Base prior file (cellvar-priors v1, from `cellvar priors`)." };
            var stale = new Option<double>("--stale-after") { Description = "Seconds of silence after which a monitor is shown stale.", DefaultValueFactory = _ => 120 };
            var clientId = new Option<string?>("--client-id") { Description = "MQTT client id of this instance (unique per instance)." };
            var cmd = new Command("serve", "Run the host service: MQTT ingest, storage, prior push-back and the HTTP API.");
            foreach (Option o in new Option[] { broker, ca, share, mqttPort, mqttListen, tlsCert, tlsKey, tlsPort, tlsListen, creds, keys, db, http, root, interval, priors, stale, clientId })
                cmd.Options.Add(o);
            cmd.SetAction(async (parse, ct) =>
            {
                var err = parse.InvocationConfiguration.Error;
                var output = parse.InvocationConfiguration.Output;
                try
                {
                    if (!IPAddress.TryParse(parse.GetValue(mqttListen), out IPAddress? listen))
                        throw new ArgumentException($"--mqtt-listen '{parse.GetValue(mqttListen)}' is not an IP address");
                    IPAddress? tlsAt = null;
                    if (parse.GetValue(tlsListen) is string tl && !IPAddress.TryParse(tl, out tlsAt))
                        throw new ArgumentException($"--tls-listen '{tl}' is not an IP address");
                    if (parse.GetValue(tlsCert) == null && (parse.GetValue(tlsKey) != null || tlsAt != null))
                        throw new ArgumentException("--tls-key and --tls-listen need --tls-cert");
                    if (parse.GetValue(interval) < 0 || parse.GetValue(stale) <= 0)
                        throw new ArgumentException("--prior-interval must be >= 0 and --stale-after > 0");
                    var o = new ServiceOptions
                    {
                        BrokerUrl = parse.GetValue(broker),
                        CaFile = parse.GetValue(ca),
                        ShareGroup = parse.GetValue(share),
                        MqttPort = parse.GetValue(mqttPort),
                        MqttAddress = listen,
                        TlsCertificateFile = parse.GetValue(tlsCert),
                        TlsKeyFile = parse.GetValue(tlsKey),
                        TlsAddress = tlsAt,
                        TlsPort = parse.GetValue(tlsPort),
                        CredentialsFile = parse.GetValue(creds),
                        PriorKeysFile = parse.GetValue(keys),
                        Database = parse.GetValue(db)!,
                        HttpUrl = parse.GetValue(http)!,
                        // The documented variables are read here, not by the library, so code that builds ServiceOptions is unaffected by the environment.
                        HttpAccessToken = CellVar.Bms.Service.Api.HttpAccessGuard.TokenFromEnvironment(),
                        TopicRoot = parse.GetValue(root)!,
                        PriorInterval = TimeSpan.FromMinutes(parse.GetValue(interval)),
                        PriorsFile = parse.GetValue(priors),
                        StaleAfter = TimeSpan.FromSeconds(parse.GetValue(stale)),
                        ConfigureHttp = (app, svc) => CellVar.Bms.Dashboard.DashboardEndpoints.MapCellVarDashboard(app, svc),
                    };
                    if (parse.GetValue(clientId) is string id)
                        o.ClientId = id;
                    // Program.Main invokes synchronously, so the action handles Ctrl+C / SIGTERM itself and shuts down in order.
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
                    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
                    ct = stop.Token;
                    using ILoggerFactory logs = LoggerFactory.Create(b => b.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; }).SetMinimumLevel(LogLevel.Information));
                    await using CellVarService s = await CellVarService.StartAsync(o, logs, ct);
                    output.WriteLine($"cellvar serve: broker {(s.Broker != null ? $"embedded on {o.MqttAddress}:{o.MqttPort}{(s.Broker.TlsPort is int tp ? $" + TLS on {o.TlsAddress ?? o.MqttAddress}:{tp}" : "")}" : s.Client.Endpoint.ToString())}, " +
                                     $"db {s.Store.Description} (schema v{s.Store.SchemaVersion}), API {s.HttpAddress}/api, dashboard {s.HttpAddress}/dashboard/" +
                                     $"{(string.IsNullOrEmpty(o.HttpAccessToken) ? "" : " (access token required)")} — Ctrl+C to stop");
                    if (s.Broker != null && o.CredentialsFile == null)
                        output.WriteLine("warning: no --credentials file: no monitor can connect to the embedded broker");
                    try { await Task.Delay(Timeout.Infinite, ct); } catch (OperationCanceledException) { }
                    output.WriteLine("cellvar serve: stopping");
                    output.Flush();
                    return 0;
                }
                catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Net.Sockets.SocketException or InvalidOperationException
                                          or System.Data.Common.DbException)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
            });
            cmd.Subcommands.Add(BenchCommand());
            return cmd;
        }

        private static Command BenchCommand()
        {
            var monitors = new Option<int>("--monitors") { Description = "Simulated monitors.", DefaultValueFactory = _ => 8 };
            var messages = new Option<int>("--messages") { Description = "Telemetry messages per monitor.", DefaultValueFactory = _ => 5000 };
            var alerts = new Option<int>("--alerts") { Description = "Alerts for the latency measurement.", DefaultValueFactory = _ => 300 };
            var mosquitto = new Option<string?>("--mosquitto") { Description = "Path of the mosquitto binary for the external-broker run (default: found on PATH); 'none' skips it." };
            var cmd = new Command("bench", "Benchmark: sustained ingest rate into SQLite via the embedded broker and via Mosquitto, and alert latency p50/p99.");
            foreach (Option o in new Option[] { monitors, messages, alerts, mosquitto })
                cmd.Options.Add(o);
            cmd.SetAction(async (parse, ct) =>
            {
                var output = parse.InvocationConfiguration.Output;
                var bench = new IngestBenchmark
                {
                    Monitors = parse.GetValue(monitors),
                    MessagesPerMonitor = parse.GetValue(messages),
                    Alerts = parse.GetValue(alerts),
                    MosquittoPath = parse.GetValue(mosquitto),
                };
                await bench.RunAsync(output, ct);
                return 0;
            });
            return cmd;
        }
    }
}

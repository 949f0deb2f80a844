using System;
using System.CommandLine;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.VirtualRig.Demo;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>
    /// <c>cellvar demo</c>: embedded broker + host service (SQLite, HTTP API, dashboard) + a virtual rig of a few packs with
    /// injected defects, a live summary until the duration ends or Ctrl+C, then which defects were detected, how late, and
    /// false alarms. Without --headless the host stays up afterwards for the dashboard until Ctrl+C.
    /// </summary>
    internal static class DemoCommand
    {
        public static Command Create()
        {
            var cmd = new Command("demo", "One-command demo: embedded broker, host service with SQLite, HTTP API and dashboard, and virtual packs with injected defects.");
            var flags = new RigFlags(cmd, defaultSpeed: 60, defaultDuration: "25m");
            var http = new Option<string>("--http") { Description = "HTTP API listen URL (port 0 = any free port). A non-loopback address needs an access token in CELLVAR_HTTP_TOKEN (or CELLVAR_DASHBOARD_TOKEN).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
            var mqttPort = new Option<int>("--mqtt-port") { Description = "Embedded broker port (default 0 = any free port, printed at start).", DefaultValueFactory = _ => 0 };
            var db = new Option<string?>("--db") { Description = "SQLite file to keep (default: a temporary file deleted at exit)." };
            var headless = new Option<bool>("--headless") { Description = "No live summary and exit when the simulation ends; for scripted runs (exit code 0 only if every defect was detected without false alarms)." };
            foreach (Option o in new Option[] { http, mqttPort, db, headless }) cmd.Options.Add(o);
            flags.Monitors(4);
            cmd.SetAction(async (parse, ct) =>
            {
                var output = parse.InvocationConfiguration.Output;
                var err = parse.InvocationConfiguration.Error;
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
                DemoSession demo;
                try
                {
                    var o = flags.Build(parse, null, null, false, DemoSession.DefaultDefects);
                    demo = await DemoSession.StartAsync(o, parse.GetValue(http)!, parse.GetValue(db), parse.GetValue(mqttPort), null, stop.Token,
                        // CELLVAR_HTTP_TOKEN / CELLVAR_DASHBOARD_TOKEN as for `serve`: handed to the app's access guard through the dashboard options.
                        (app, svc) => CellVar.Bms.Dashboard.DashboardEndpoints.MapCellVarDashboard(app, svc,
                            new CellVar.Bms.Dashboard.DashboardOptions { AccessToken = CellVar.Bms.Service.Api.HttpAccessGuard.TokenFromEnvironment() }));
                }
                catch (Exception e) when (e is FormatException or ArgumentException or System.IO.IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    err.WriteLine("error: " + e.Message);
                    return 2;
                }
                bool ok;
                await using (demo)
                {
                    var r = demo.Rig.Options;
                    output.WriteLine($"CellVar.Bms demo — {r.Monitors} virtual monitors × {r.Cells} cells running the device code, {r.Profile.Description}");
                    output.WriteLine($"Dashboard: {demo.HttpAddress}/dashboard/");
                    output.WriteLine($"HTTP API: {demo.HttpAddress}/api  (alerts: {demo.HttpAddress}/api/alerts, monitors: {demo.HttpAddress}/api/monitors)");
                    output.WriteLine($"MQTT: embedded broker on 127.0.0.1:{demo.Service.Options.MqttPort}, store: SQLite {demo.DatabasePath}");
                    output.WriteLine($"simulating {r.Duration_s:0} s at {(r.Speed > 0 ? r.Speed.ToString("0.##") + "× real time" : "full speed")} — Ctrl+C to stop early");
                    bool live = !parse.GetValue(headless);
                    await demo.Rig.RunAsync(d => output.WriteLine($"[t={d.At_s,6:0} s] injected {d.Describe()}"),
                        live ? t => Summary(output, demo, t) : null, stop.Token);
                    if (stop.IsCancellationRequested) output.WriteLine("stopping (Ctrl+C)…");
                    await demo.Rig.StopAsync(TimeSpan.FromSeconds(5));
                    RigCommand.PrintReport(output, demo.Rig);
                    var rows = await demo.StoredAlertsAsync(TimeSpan.FromSeconds(5));
                    output.WriteLine($"host store: {rows.Count} alerts ({rows.Count(a => a.Open)} open); telemetry rows and gaps via {demo.HttpAddress}/api/stats");
                    var report = VirtualRig.Running.DefectReport.Evaluate(demo.Rig.Truth, demo.Rig.Alerts());
                    ok = report.AllDetectedNoFalseAlarms;
                    if (live && !stop.IsCancellationRequested)
                    {
                        // An interactive demo keeps the host up so the dashboard and API can still be explored.
                        output.WriteLine($"simulation finished; dashboard stays up at {demo.HttpAddress}/dashboard/ — Ctrl+C to exit");
                        try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
                    }
                }
                return ok || stop.IsCancellationRequested ? 0 : 1;
            });
            return cmd;
        }

        private static void Summary(System.IO.TextWriter output, DemoSession demo, double t_s)
        {
            var alerts = demo.Rig.Alerts();
            var stats = demo.Service.Ingest.Stats;
            string active = string.Join(", ", alerts.Where(a => a.Raised && a.Cell != null).Select(a => $"m{a.Monitor:00}/c{a.Cell} {a.Kind}").Distinct());
            output.WriteLine($"[t={t_s,6:0} s] stored {stats.Stored} msgs, gaps {stats.Gaps}; alerts: {(active.Length == 0 ? "none" : active)}");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Dashboard.Alerts;
using CellVar.Bms.Dashboard.Live;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Api;
using CellVar.Bms.Service.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CellVar.Bms.Dashboard
{
    /// <summary>Mounts the dashboard on the service's HTTP app (see README.md for the routes).</summary>
    public static class DashboardEndpoints
    {
        /// <summary>
        /// Maps <c>/</c> (redirect), <c>/dashboard/*</c> (front end), <c>/dashboard/events</c> (server-sent events) and
        /// <c>/dashboard/api/*</c>. Access control is the service's (<see cref="HttpAccessGuard"/>: loopback by default,
        /// token otherwise, on every route of the app); <see cref="DashboardOptions.AccessToken"/>, when set, is handed
        /// to that guard. Throws when it differs from the service's own token.
        /// </summary>
        public static LiveFeed MapCellVarDashboard(this WebApplication app, CellVarService service, DashboardOptions? options = null)
        {
            options ??= new DashboardOptions();
            if (options.AccessToken is { Length: > 0 } token)
                HttpAccessGuard.For(app).RequireToken(token);

            var assets = new StaticAssets();
            var feed = new LiveFeed(service.Ingest, options.FlushInterval);
            // Open event streams never end by themselves: end them when the app stops, or shutdown would wait for them.
            app.Lifetime.ApplicationStopping.Register(() => feed.DisposeAsync().AsTask().GetAwaiter().GetResult());

            app.MapGet("/", () => Results.Redirect("/dashboard/"));
            // "/dashboard" and "/dashboard/" are one route; the page's relative links need the slash.
            app.MapGet("/dashboard", (HttpContext ctx) => ctx.Request.Path.Value!.EndsWith('/') ? assets.Serve(ctx, "index.html") : Results.Redirect("/dashboard/"));
            app.MapGet("/dashboard/{**path}", (HttpContext ctx, string path) => assets.Serve(ctx, path));
            app.MapGet("/dashboard/events", (HttpContext ctx) => StreamAsync(ctx, feed));

            app.MapGet("/dashboard/api/alerts", async (HttpRequest req, CancellationToken ct) =>
            {
                var (filter, error) = AlertFilter.Parse(req.Query);
                if (filter == null)
                    return Results.Json(new { error }, statusCode: 400);
                var rows = filter.Apply(await service.Store.AlertsAsync(filter.Monitor, filter.OpenOnly, 1000, ct));
                return Results.Json(rows.Select(a => new
                {
                    alert_id = a.AlertId, monitor_id = a.MonitorId, cell = a.Cell, kind = a.Kind, severity = AlertSeverity.Of(a.Kind, a.ScoreC),
                    open = a.Open, raised_ms = a.RaisedMs, raised_device_ms = a.RaisedDeviceMs, value = a.Value, limit = a.Limit, score_c = a.ScoreC,
                    cleared_ms = a.ClearedMs, acked_ms = a.AckedMs, acked_by = a.AckedBy, ack_note = a.AckNote,
                }));
            });

            app.MapGet("/dashboard/api/alerts.csv", async (HttpRequest req, HttpResponse res, CancellationToken ct) =>
            {
                var (filter, error) = AlertFilter.Parse(req.Query);
                if (filter == null)
                    return Results.Json(new { error }, statusCode: 400);
                var rows = filter.Apply(await service.Store.AlertsAsync(filter.Monitor, filter.OpenOnly, int.MaxValue, ct));
                res.Headers.ContentDisposition = "attachment; filename=cellvar-alerts.csv";
                return Results.Text(AlertCsv.Write(rows), "text/csv; charset=utf-8");
            });

            app.MapGet("/dashboard/api/population", async (CancellationToken ct) =>
            {
                IReadOnlyList<CellRow> cells = await service.Store.AllCellsAsync(ct);
                IReadOnlyList<DownlinkRow> priors = await service.Store.DownlinksAsync(null, "prior", 2000, ct);
                // Newest first: the first row per monitor is the prior in force (or just sent), the second the one it replaced.
                var latest = new Dictionary<string, JsonElement>();
                DownlinkRow? last = null, before = null;
                foreach (DownlinkRow p in priors.OrderByDescending(p => p.CreatedMs).ThenByDescending(p => p.DownlinkId))
                {
                    if (!latest.ContainsKey(p.MonitorId))
                        latest[p.MonitorId] = Parse(p.Payload);
                    if (last == null)
                        last = p;
                    else if (before == null && p.MonitorId == last.MonitorId)
                        before = p;
                }
                return Results.Json(new
                {
                    cells = cells.Select(c => new object[] { c.MonitorId, c.Cell, c.VoltageMv, c.ResistanceUohm, c.CapacityMah, c.TemperatureDc, c.RScoreC, c.TScoreC, c.Flags, c.ReceivedMs }),
                    priors = latest,
                    last_update = last == null ? null : new
                    {
                        monitor_id = last.MonitorId, created_ms = last.CreatedMs, source = last.Source, status = last.Status,
                        after = Parse(last.Payload), before = before == null ? (JsonElement?)null : Parse(before.Payload),
                    },
                });
            });
            return feed;
        }

        private static JsonElement Parse(string json)
        {
            try { return JsonDocument.Parse(json).RootElement.Clone(); }
            catch (JsonException) { return JsonDocument.Parse("null").RootElement.Clone(); }
        }

        private static async Task StreamAsync(HttpContext ctx, LiveFeed feed)
        {
            ctx.Response.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-cache";
            ctx.Response.Headers["X-Accel-Buffering"] = "no";
            var ch = feed.Subscribe();
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, feed.Stopping);
            CancellationToken ct = both.Token;
            try
            {
                // retry: reconnect quickly after a service restart; the page reloads its state on "open".
                await ctx.Response.WriteAsync("retry: 2000\n: connected\n\n", ct);
                await ctx.Response.Body.FlushAsync(ct);
                while (true)
                {
                    using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    beat.CancelAfter(TimeSpan.FromSeconds(15));
                    string? msg = null;
                    try
                    {
                        if (!await ch.Reader.WaitToReadAsync(beat.Token))
                            break;
                        ch.Reader.TryRead(out msg);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // Heartbeat keeps proxies from closing an idle stream.
                        await ctx.Response.WriteAsync(": beat\n\n", ct);
                        await ctx.Response.Body.FlushAsync(ct);
                        continue;
                    }
                    if (msg != null)
                    {
                        await ctx.Response.WriteAsync("data: " + msg + "\n\n", ct);
                        await ctx.Response.Body.FlushAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                feed.Unsubscribe(ch);
            }
        }
    }
}

using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Priors;
using CellVar.Bms.Service.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CellVar.Bms.Service.Api
{
    /// <summary>
    /// The HTTP JSON API (snake_case fields, times in Unix ms, values in wire units). Endpoints are listed at
    /// <c>GET /api</c> and documented in the service README. Bad parameters get 400 with <c>{"error": ...}</c>.
    /// </summary>
    public static class HttpApi
    {
        /// <summary>Endpoint list served at <c>GET /api</c>.</summary>
        public static readonly string[] Endpoints =
        {
            "GET  /api/health",
            "GET  /api/stats",
            "GET  /api/monitors",
            "GET  /api/monitors/{id}",
            "GET  /api/monitors/{id}/cells",
            "GET  /api/monitors/{id}/telemetry?cell=&from_ms=&to_ms=&limit=",
            "GET  /api/monitors/{id}/telemetry.csv?cell=&from_ms=&to_ms=&limit=",
            "GET  /api/monitors/{id}/gaps",
            "GET  /api/alerts?monitor=&open=true|false&limit=",
            "POST /api/alerts/{alert_id}/ack   body {\"by\": \"name\", \"note\": \"...\"}",
            "GET  /api/priors?monitor=&limit=",
            "POST /api/priors/publish?monitor=",
            "GET  /api/rejects?limit=",
            "POST /api/monitors/{id}/config   body {\"tele_s\": 10, \"cells\": 16, \"hold_s\": 60}",
            "GET  /api/configs?monitor=&limit=",
        };

        /// <summary>
        /// Starts Kestrel on <paramref name="url"/> behind the <see cref="HttpAccessGuard"/> and returns the app and the
        /// bound address. Throws <see cref="InvalidOperationException"/> when the app would listen beyond loopback without
        /// an access token (<see cref="ServiceOptions.HttpAccessToken"/>): before binding when the listen URL says so, and
        /// after binding (the app is stopped again) when configuration made Kestrel bind other addresses.
        /// </summary>
        public static async Task<(WebApplication App, string Address)> StartAsync(CellVarService s, string url, CancellationToken ct)
        {
            var guard = new HttpAccessGuard(s.Options.HttpAccessToken);
            WebApplicationBuilder b = WebApplication.CreateSlimBuilder();
            b.Services.AddSingleton(guard);
            b.WebHost.UseUrls(url);
            b.Logging.ClearProviders();
            // The service owns shutdown (Ctrl+C reaches `cellvar serve`, which disposes everything in order);
            // the default console lifetime would swallow SIGINT/SIGTERM.
            b.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, PassiveLifetime>();
            b.Services.ConfigureHttpJsonOptions(o =>
            {
                o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                o.SerializerOptions.DictionaryKeyPolicy = null;
            });
            WebApplication app = b.Build();
            try
            {
                // First in the pipeline, so it covers the API and whatever ConfigureHttp mounts (e.g. the dashboard).
                app.Use(next => ctx => guard.InvokeAsync(ctx, next));
                Map(app, s);
                s.Options.ConfigureHttp?.Invoke(app, s);
                // After mounted components could add a token (DashboardOptions.AccessToken), before anything is bound.
                guard.Seal(url);
                await app.StartAsync(ct);
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
                // Kestrel configuration (e.g. Kestrel__Endpoints__* variables) can override the listen URL: check what was bound.
                guard.CheckBound(addresses);
                return (app, addresses.First());
            }
            catch
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
                throw;
            }
        }

        private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        private static void Map(WebApplication app, CellVarService s)
        {
            long staleMs = (long)s.Options.StaleAfter.TotalMilliseconds;
            ILogger log = s.Logger("cellvar.api");

            app.MapGet("/api", () => Results.Json(new { protocol = "cellvar/v1", topic_root = s.Options.TopicRoot, endpoints = Endpoints }));

            app.MapGet("/api/health", () => Results.Json(new
            {
                status = s.Client.IsConnected ? "ok" : "degraded",
                broker = s.Client.Endpoint.ToString(),
                broker_connected = s.Client.IsConnected,
                embedded_broker = s.Broker != null,
                database = s.Store.Description,
                schema_version = s.Store.SchemaVersion,
                // Read-only figures of this process for operators and the soak test's memory-growth check; reading
                // them never triggers a collection.
                memory = new
                {
                    gc_heap_bytes = GC.GetTotalMemory(false),
                    gc_heap_after_last_gc_bytes = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes,
                    gc_collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
                },
            }));

            app.MapGet("/api/stats", () =>
            {
                var st = s.Ingest.Stats;
                return Results.Json(new
                {
                    received = st.Received, stored = st.Stored, duplicates = st.Duplicates, rejected = st.Rejected,
                    rejected_by_reason = st.RejectedByReason, gaps = st.Gaps, late_arrivals = st.LateArrivals, batches = st.Batches,
                    write_errors = st.WriteErrors, ignored = st.Ignored, reconnects = s.Client.Reconnects,
                    refused_connections = s.Broker?.RefusedConnections, refused_publishes = s.Broker?.RefusedPublishes,
                    refused_subscriptions = s.Broker?.RefusedSubscriptions,
                });
            });

            app.MapGet("/api/monitors", async (CancellationToken ct) => Results.Json(await s.Store.MonitorsAsync(Now, staleMs, null, ct)));

            app.MapGet("/api/monitors/{id}", async (string id, CancellationToken ct) =>
            {
                var m = await s.Store.MonitorsAsync(Now, staleMs, id, ct);
                return m.Count == 0 ? NotFound($"monitor '{id}' is unknown") : Results.Json(m[0]);
            });

            app.MapGet("/api/monitors/{id}/cells", async (string id, CancellationToken ct) =>
            {
                var m = await s.Store.MonitorsAsync(Now, staleMs, id, ct);
                if (m.Count == 0)
                    return NotFound($"monitor '{id}' is unknown");
                return Results.Json(await s.Store.CellsAsync(id, m[0].Stale, ct));
            });

            app.MapGet("/api/monitors/{id}/telemetry", async (string id, HttpRequest req, CancellationToken ct) =>
            {
                var (ok, error, cell, from, to, limit) = HistoryQuery(req);
                if (!ok)
                    return BadRequest(error!);
                return Results.Json(await s.Store.TelemetryAsync(id, cell, from, to, limit, ct));
            });

            app.MapGet("/api/monitors/{id}/telemetry.csv", async (string id, HttpRequest req, CancellationToken ct) =>
            {
                var (ok, error, cell, from, to, limit) = HistoryQuery(req);
                if (!ok)
                    return BadRequest(error!);
                var rows = await s.Store.TelemetryAsync(id, cell, from, to, limit, ct);
                var sb = new StringBuilder("monitor_id,seq,device_ms,received_ms,current_ma,cell,voltage_mv,resistance_uohm,capacity_mah,temperature_dc,r_score_c,t_score_c,flags\n");
                foreach (var r in rows)
                {
                    sb.Append(id).Append(',').Append(r.Seq).Append(',').Append(r.DeviceMs).Append(',').Append(r.ReceivedMs).Append(',').Append(r.CurrentMa)
                      .Append(',').Append(r.Cell).Append(',').Append(r.VoltageMv).Append(',').Append(r.ResistanceUohm).Append(',').Append(r.CapacityMah)
                      .Append(',').Append(r.TemperatureDc).Append(',').Append(r.RScoreC).Append(',').Append(r.TScoreC).Append(',').Append(r.Flags).Append('\n');
                }
                return Results.Text(sb.ToString(), "text/csv; charset=utf-8");
            });

            app.MapGet("/api/monitors/{id}/gaps", async (string id, CancellationToken ct) => Results.Json(await s.Store.GapsAsync(id, ct)));

            app.MapGet("/api/alerts", async (HttpRequest req, CancellationToken ct) =>
            {
                string? monitor = req.Query["monitor"];
                string? open = req.Query["open"];
                if (open != null && open != "true" && open != "false")
                    return BadRequest("open must be true or false");
                if (!Limit(req, 100, out int limit, out string? err))
                    return BadRequest(err!);
                return Results.Json(await s.Store.AlertsAsync(monitor, open == "true", limit, ct));
            });

            app.MapPost("/api/alerts/{alertId}/ack", async (string alertId, HttpRequest req, CancellationToken ct) =>
            {
                if (!long.TryParse(alertId, NumberStyles.None, CultureInfo.InvariantCulture, out long idValue))
                    return BadRequest($"alert id '{alertId}' is not a number");
                string by = "api";
                string? note = null;
                if (req.ContentLength > 0)
                {
                    try
                    {
                        using JsonDocument body = await JsonDocument.ParseAsync(req.Body, cancellationToken: ct);
                        if (body.RootElement.ValueKind != JsonValueKind.Object)
                            return BadRequest("body must be a JSON object {\"by\": ..., \"note\": ...}");
                        if (body.RootElement.TryGetProperty("by", out var b))
                            by = b.ValueKind == JsonValueKind.String ? b.GetString()! : throw new FormatException("by must be a string");
                        if (body.RootElement.TryGetProperty("note", out var n))
                            note = n.ValueKind == JsonValueKind.String ? n.GetString() : throw new FormatException("note must be a string");
                    }
                    catch (Exception e) when (e is JsonException or FormatException)
                    {
                        return BadRequest("bad body: " + e.Message);
                    }
                }
                bool found = await s.Store.AcknowledgeAlertAsync(idValue, by, note, Now, ct);
                if (!found)
                    return NotFound($"alert {idValue} does not exist");
                log.LogInformation("alert {Id} acknowledged by {By}", idValue, by);
                var a = (await s.Store.AlertsAsync(null, false, int.MaxValue, ct)).First(x => x.AlertId == idValue);
                return Results.Json(a);
            });

            app.MapGet("/api/priors", async (HttpRequest req, CancellationToken ct) =>
            {
                if (!Limit(req, 100, out int limit, out string? err))
                    return BadRequest(err!);
                return Results.Json(await s.Store.DownlinksAsync(req.Query["monitor"], "prior", limit, ct));
            });

            app.MapPost("/api/priors/publish", async (HttpRequest req, CancellationToken ct) =>
            {
                string? monitor = req.Query["monitor"];
                var sent = await s.Priors.RunOnceAsync(monitor, "api", ct);
                return Results.Json(sent.Select(x => new { monitor_id = x.MonitorId, prior_id = x.PriorId, published = x.Published, payload = x.Payload }));
            });

            app.MapPost("/api/monitors/{id}/config", async (string id, HttpRequest req, CancellationToken ct) =>
            {
                var m = await s.Store.MonitorsAsync(Now, staleMs, id, ct);
                if (m.Count == 0)
                    return NotFound($"monitor '{id}' is unknown");
                int tele, cells, hold = 60;
                try
                {
                    using JsonDocument body = await JsonDocument.ParseAsync(req.Body, cancellationToken: ct);
                    JsonElement r = body.RootElement;
                    if (r.ValueKind != JsonValueKind.Object)
                        return BadRequest("body must be a JSON object {\"tele_s\": .., \"cells\": .., \"hold_s\": ..}");
                    tele = ConfigField(r, "tele_s", 1, 3600, null);
                    cells = ConfigField(r, "cells", 1, 64, null);
                    hold = ConfigField(r, "hold_s", 0, 86400, 60);
                }
                catch (Exception e) when (e is JsonException or FormatException)
                {
                    return BadRequest(e.Message);
                }
                var (downlinkId, configId, payload) = await s.Store.CreateDownlinkAsync(id, "config", "api",
                    i => s.Keys.SignOrPass(id, PriorKeys.ConfigLabel, $"{{\"v\":1,\"mon\":\"{id}\",\"id\":{i},\"tele_s\":{tele},\"cells\":{cells},\"hold_s\":{hold}}}"), Now, ct);
                bool ok = await s.Client.PublishRetainedAsync($"{s.Options.TopicRoot}/{m[0].Site}/{id}/config", Encoding.UTF8.GetBytes(payload), ct);
                if (ok)
                    await s.Store.MarkSentAsync(downlinkId, Now, ct);
                return Results.Json(new { monitor_id = id, config_id = configId, published = ok, payload });
            });

            app.MapGet("/api/configs", async (HttpRequest req, CancellationToken ct) =>
            {
                if (!Limit(req, 100, out int limit, out string? err))
                    return BadRequest(err!);
                return Results.Json(await s.Store.DownlinksAsync(req.Query["monitor"], "config", limit, ct));
            });

            app.MapGet("/api/rejects", async (HttpRequest req, CancellationToken ct) =>
            {
                if (!Limit(req, 100, out int limit, out string? err))
                    return BadRequest(err!);
                return Results.Json(await s.Store.RejectsAsync(limit, ct));
            });
        }

        private sealed class PassiveLifetime : Microsoft.Extensions.Hosting.IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }

        private static int ConfigField(JsonElement r, string name, int min, int max, int? def)
        {
            if (!r.TryGetProperty(name, out JsonElement e))
                return def ?? throw new FormatException($"{name} is required");
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v))
                throw new FormatException($"{name} must be an integer");
            if (v < min || v > max)
                throw new FormatException($"{name} = {v} outside {min}..{max}");
            return v;
        }

        private static IResult BadRequest(string error) => Results.Json(new { error }, statusCode: 400);

        private static IResult NotFound(string error) => Results.Json(new { error }, statusCode: 404);

        private static bool Limit(HttpRequest req, int def, out int limit, out string? error)
        {
            limit = def;
            error = null;
            string? s = req.Query["limit"];
            if (s == null)
                return true;
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 1_000_000)
            {
                error = $"limit '{s}' must be an integer 1..1000000";
                return false;
            }
            return true;
        }

        private static (bool Ok, string? Error, int? Cell, long From, long To, int Limit) HistoryQuery(HttpRequest req)
        {
            int? cell = null;
            string? c = req.Query["cell"];
            if (c != null)
            {
                if (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int cv) || cv < 1 || cv > 64)
                    return (false, $"cell '{c}' must be an integer 1..64", null, 0, 0, 0);
                cell = cv;
            }
            long from = long.MinValue, to = long.MaxValue;
            string? f = req.Query["from_ms"], t = req.Query["to_ms"];
            if (f != null && !long.TryParse(f, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out from))
                return (false, $"from_ms '{f}' must be an integer (Unix ms)", null, 0, 0, 0);
            if (t != null && !long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out to))
                return (false, $"to_ms '{t}' must be an integer (Unix ms)", null, 0, 0, 0);
            if (!Limit(req, 10_000, out int limit, out string? err))
                return (false, err, null, 0, 0, 0);
            return (true, null, cell, from, to, limit);
        }
    }
}

using System.Net;
using System.Text;
using CellVar.Bms.Service;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Mqtt;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// HTTP API inputs (query parameters, path ids, JSON bodies) against a real running service (embedded broker, SQLite):
/// every request is answered 200, 400 or 404 (415 for a POST whose body is not declared JSON) — never a 5xx — and every
/// 400 says what is wrong.
/// </summary>
public class HttpApiFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Values =
    {
        "", "0", "1", "-1", "16", "64", "65", "99", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "1.5", "1e3", "NaN", "true", "false", "TRUE", "rig1-m01", "nope", "%00", "%ff", "%C3%A9", "%22", "a%20b", "..", "%2F", "'", "--", "%7B%7D",
        new string('9', 40), new string('x', 300),
    };

    private static readonly string[] Params = { "cell", "from", "to", "limit", "monitor", "open", "x" };

    private static readonly string[] Bodies =
    {
        "", "{}", "[]", "null", "1", "\"s\"", "{\"by\":\"tech\",\"note\":\"n\"}", "{\"by\":1}", "{\"note\":[]}", "{\"by\":\"\\u0000\"}",
        "{\"tele_s\":10,\"cells\":16}", "{\"tele_s\":\"10\"}", "{\"tele_s\":1e400}", "{\"cells\":9223372036854775808}", "{", "\u00ff\u00fe",
    };

    // Mostly JSON, as real clients send; the others are what HTML forms and no-cors fetches send (the guard answers 415).
    private static readonly string?[] ContentTypes = { "application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", null };

    private sealed record Request(string Method, string Path, string? Body, string? ContentType = "application/json");

    private static readonly Gen<string> Value = Gen.OneOf(Values);

    private static readonly Gen<string> Query = Gen.Select(Gen.OneOf(Params), Value).Array[0, 4]
        .Select(ps => ps.Length == 0 ? "" : "?" + string.Join("&", ps.Select(p => p.Item1 + "=" + p.Item2)));

    private static readonly Gen<Request> Requests = Gen.Frequency(
        (3, Gen.Select(Value, Query, (id, q) => new Request("GET", $"/api/monitors/{Id(id)}/telemetry{q}", null))),
        (2, Gen.Select(Value, Query, (id, q) => new Request("GET", $"/api/monitors/{Id(id)}/telemetry.csv{q}", null))),
        (1, Gen.Select(Value, Query, (id, q) => new Request("GET", $"/api/monitors/{Id(id)}{q}", null))),
        (1, Gen.Select(Value, Query, (id, q) => new Request("GET", $"/api/monitors/{Id(id)}/cells{q}", null))),
        (1, Gen.Select(Value, Query, (id, q) => new Request("GET", $"/api/monitors/{Id(id)}/gaps{q}", null))),
        (3, Query.Select(q => new Request("GET", "/api/alerts" + q, null))),
        (1, Query.Select(q => new Request("GET", "/api/priors" + q, null))),
        (1, Query.Select(q => new Request("GET", "/api/configs" + q, null))),
        (1, Query.Select(q => new Request("GET", "/api/rejects" + q, null))),
        (3, Gen.Select(Value, Gen.OneOf(Bodies), Gen.OneOf(ContentTypes), (id, b, ct) => new Request("POST", $"/api/alerts/{Id(id)}/ack", b, ct))),
        (2, Gen.Select(Value, Gen.OneOf(Bodies), Gen.OneOf(ContentTypes), (id, b, ct) => new Request("POST", $"/api/monitors/{Id(id)}/config", b, ct))));

    // An empty path segment would route elsewhere; keep the id non-empty but otherwise hostile.
    private static string Id(string v) => v.Length == 0 ? "%20" : v;

    [Fact]
    public async Task HttpApi_AnswersEveryGeneratedRequestWith200_400_Or404_NeverA5xx()
    {
        string dir = Path.Combine(Path.GetTempPath(), "cellvar-fuzz-http-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var creds = new Credentials();
        creds.Add("rig1-m01", "pw-rig1-m01");
        var options = new ServiceOptions
        {
            Database = Path.Combine(dir, "cellvar.db"),
            MqttPort = MosquittoProcess.FreePort(),
            Credentials = creds,
            HttpUrl = "http://127.0.0.1:0",
            PriorInterval = TimeSpan.Zero,
            ClientId = "cellvar-fuzz-" + Guid.NewGuid().ToString("N")[..6],
        };
        await using (var service = await CellVarService.StartAsync(options, NullLoggerFactory.Instance))
        {
            using var http = new HttpClient { BaseAddress = new Uri(service.HttpAddress), Timeout = TimeSpan.FromSeconds(20) };
            var r = FuzzHarness.Run(output, "host HTTP API", Requests, q => $"{q.Method} {q.Path} body={q.Body} type={q.ContentType}", q =>
            {
                using var msg = new HttpRequestMessage(new HttpMethod(q.Method), q.Path);
                if (q.Body != null)
                {
                    msg.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(q.Body));
                    if (q.ContentType != null)
                        msg.Content.Headers.TryAddWithoutValidation("Content-Type", q.ContentType);
                }
                using HttpResponseMessage resp = http.Send(msg);
                int code = (int)resp.StatusCode;
                string body = resp.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                bool json = q.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
                bool bodyless = q.Body is null or "" && q.ContentType == null;
                if (code == 415)
                    return json || bodyless ? throw new FuzzFailure($"415 for a JSON or bodyless request: {q.Method} {q.Path} type={q.ContentType}: {body}", null) : "415";
                if (!json && !bodyless && q.Method == "POST")
                    throw new FuzzFailure($"HTTP {code} (not 415) for {q.Method} {q.Path} with Content-Type {q.ContentType ?? "none"} and a body", null);
                if (code >= 500 || (code != 200 && code != 400 && code != 404))
                    throw new FuzzFailure($"HTTP {code} for {q.Method} {q.Path} body={q.Body}: {body}", null);
                if (code == 400 && body.Trim().Length < 5)
                {
                    // Kestrel itself refuses a NUL in the decoded path (empty 400) before routing: not the API's answer.
                    if (q.Path.Contains("%00", StringComparison.Ordinal))
                        return "400-kestrel";
                    throw new FuzzFailure($"400 without a reason for {q.Method} {q.Path}: '{body}'", null);
                }
                return code.ToString();
            }, FuzzHarness.Iterations(600), 51);
            Assert.True(r.Count("200") > 0);
            Assert.True(r.Count("400") > 0);
            Assert.True(r.Count("404") > 0);
            Assert.True(r.Count("415") > 0);
        }
        try { Directory.Delete(dir, true); } catch (IOException) { /* SQLite may still hold the file briefly */ }
    }
}

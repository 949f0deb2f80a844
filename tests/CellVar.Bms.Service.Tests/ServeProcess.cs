using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// `cellvar serve` as a separate process, started from the CLI's build output next to the test assembly (the
    /// ProjectReference copies cellvar.dll there) the same way the VirtualRig SIGKILL test starts it, so its memory is
    /// the service's alone. Reads the API address from the start-up line.
    /// </summary>
    internal sealed partial class ServeProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _log;

        private ServeProcess(Process p, ConcurrentQueue<string> log, string apiAddress)
        {
            _process = p;
            _log = log;
            ApiAddress = apiAddress;
            Http = new HttpClient { BaseAddress = new Uri(apiAddress), Timeout = TimeSpan.FromSeconds(10) };
        }

        /// <summary>Process id of the service.</summary>
        public int Pid => _process.Id;

        /// <summary>Base address of the HTTP API, e.g. http://127.0.0.1:41234.</summary>
        public string ApiAddress { get; }

        /// <summary>Client for the API.</summary>
        public HttpClient Http { get; }

        /// <summary>The last lines the process wrote (stdout and stderr).</summary>
        public string Tail(int lines = 10) => string.Join(" | ", _log.TakeLast(lines));

        [GeneratedRegex(@"API (http://\S+?)/api\b")]
        private static partial Regex ApiLine();

        /// <summary>Starts <c>cellvar serve</c> with <paramref name="serveArgs"/> (after the verb) and waits for its start-up line.</summary>
        public static async Task<ServeProcess> StartAsync(IEnumerable<string> serveArgs, TimeSpan timeout)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "cellvar.dll");
            if (!File.Exists(dll))
                throw new FileNotFoundException("cellvar.dll is not next to the test assembly; the test project must reference the CLI project", dll);
            var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(dll);
            psi.ArgumentList.Add("serve");
            foreach (string a in serveArgs)
                psi.ArgumentList.Add(a);
            var api = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new ConcurrentQueue<string>();
            var p = new Process { StartInfo = psi };
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                Keep(log, e.Data);
                Match m = ApiLine().Match(e.Data);
                if (e.Data.StartsWith("cellvar serve: broker", StringComparison.Ordinal) && m.Success)
                    api.TrySetResult(m.Groups[1].Value);
            };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) Keep(log, e.Data); };
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            Task done = await Task.WhenAny(api.Task, p.WaitForExitAsync(), Task.Delay(timeout));
            if (done != api.Task)
            {
                try { p.Kill(true); } catch (InvalidOperationException) { }
                p.Dispose();
                throw new InvalidOperationException($"cellvar serve did not start within {timeout.TotalSeconds:F0} s: " + string.Join(" | ", log.TakeLast(10)));
            }
            return new ServeProcess(p, log, await api.Task);
        }

        // Bounded so a chatty service cannot make the test process itself grow.
        private static void Keep(ConcurrentQueue<string> log, string line)
        {
            log.Enqueue(line);
            while (log.Count > 200 && log.TryDequeue(out _)) { }
        }

        /// <summary>GET <c>/api/health</c>; null when the service does not answer in time (counted, not invented, by callers).</summary>
        public async Task<JsonElement?> HealthAsync(CancellationToken ct)
        {
            try
            {
                using HttpResponseMessage r = await Http.GetAsync("/api/health", ct);
                if (!r.IsSuccessStatusCode)
                    return null;
                return JsonDocument.Parse(await r.Content.ReadAsStringAsync(ct)).RootElement.Clone();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return null;
            }
        }

        /// <summary>Stops the service with SIGTERM (it shuts down in order), killing it if it has not exited after 15 s.</summary>
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            try
            {
                if (!_process.HasExited)
                {
                    using (Process? kill = Process.Start("kill", $"-TERM {_process.Id}"))
                        if (kill != null)
                            await kill.WaitForExitAsync();
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                    try { await _process.WaitForExitAsync(wait.Token); }
                    catch (OperationCanceledException) { _process.Kill(true); await _process.WaitForExitAsync(); }
                }
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CellVar.Bms.Service.Api;
using CellVar.Bms.Service.Benchmarks;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// The documented token variables reach the service through <c>cellvar serve</c> (the library itself never reads the
    /// environment). Each case is a real process with its own environment, so the test process's variables stay untouched.
    /// </summary>
    public sealed partial class HttpAccessCliTests
    {
        [Theory]
        [InlineData(HttpAccessGuard.TokenVariable)]
        [InlineData(HttpAccessGuard.LegacyTokenVariable)]
        public async Task Serve_TakesTheTokenFromTheEnvironment(string variable)
        {
            const string token = "cli-env-token-5d1e";
            using var serve = await ServeAsync(variable, token);
            Assert.Contains("(access token required)", serve.StartLine);
            using var http = new HttpClient { BaseAddress = new Uri(serve.Api), Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/health")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
        }

        [Fact]
        public async Task Serve_WithoutTheVariables_RunsWithoutToken()
        {
            using var serve = await ServeAsync(null, null);
            Assert.DoesNotContain("access token", serve.StartLine);
            using var http = new HttpClient { BaseAddress = new Uri(serve.Api), Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
        }

        [Fact]
        public async Task Demo_TakesTheTokenFromTheEnvironment_SoItMayListenBeyondLoopback()
        {
            // Without a token a wildcard listener is refused; with CELLVAR_HTTP_TOKEN the demo starts on it.
            var (refusedCode, refusedOut) = await DemoAsync(null, TimeSpan.FromSeconds(60));
            Assert.Equal(2, refusedCode);
            Assert.Contains("not loopback", refusedOut);
            var (code, output) = await DemoAsync("demo-env-token", TimeSpan.FromSeconds(120));
            Assert.True(output.Contains("Dashboard: http://0.0.0.0:", StringComparison.Ordinal), $"exit {code}: {output}");
            Assert.DoesNotContain("not loopback", output);
        }

        /// <summary>Runs <c>cellvar demo</c> headless for one simulated second on a wildcard listener; returns the exit code (-1 when killed) and the output.</summary>
        private static async Task<(int Code, string Output)> DemoAsync(string? token, TimeSpan timeout)
        {
            var psi = Cli("demo", "--headless", "--speed", "0", "--duration", "1", "--http", "http://0.0.0.0:0");
            if (token != null)
                psi.Environment[HttpAccessGuard.TokenVariable] = token;
            var log = new ConcurrentQueue<string>();
            using var p = new Process { StartInfo = psi };
            p.OutputDataReceived += (_, e) => { if (e.Data != null) log.Enqueue(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) log.Enqueue(e.Data); };
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            Task exited = p.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
            {
                try { p.Kill(true); } catch (InvalidOperationException) { }
                await p.WaitForExitAsync();
                return (-1, string.Join("\n", log));
            }
            return (p.ExitCode, string.Join("\n", log));
        }

        /// <summary>The CLI next to the test assembly, with neither token variable inherited from the test run.</summary>
        private static ProcessStartInfo Cli(params string[] args)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "cellvar.dll");
            Assert.True(File.Exists(dll), "cellvar.dll is not next to the test assembly (the test project references the CLI)");
            var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(dll);
            foreach (string a in args)
                psi.ArgumentList.Add(a);
            psi.Environment.Remove(HttpAccessGuard.TokenVariable);
            psi.Environment.Remove(HttpAccessGuard.LegacyTokenVariable);
            return psi;
        }

        [GeneratedRegex(@"API (http://\S+?)/api\b")]
        private static partial Regex ApiLine();

        private sealed class Running(Process p, string dir, string line, string api) : IDisposable
        {
            public string StartLine => line;
            public string Api => api;

            public void Dispose()
            {
                try { p.Kill(true); p.WaitForExit(10_000); } catch (InvalidOperationException) { }
                p.Dispose();
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        /// <summary>Starts <c>cellvar serve</c> on free loopback ports with exactly <paramref name="variable"/> set among the token variables.</summary>
        private static async Task<Running> ServeAsync(string? variable, string? value)
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-cli-token-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            ProcessStartInfo psi = Cli("serve", "--http", "http://127.0.0.1:0", "--mqtt-port", MosquittoProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--db", Path.Combine(dir, "cellvar.db"), "--prior-interval", "0", "--client-id", "cellvar-cli-token-" + Guid.NewGuid().ToString("N")[..6]);
            if (variable != null)
                psi.Environment[variable] = value;
            var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new ConcurrentQueue<string>();
            var p = new Process { StartInfo = psi };
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                log.Enqueue(e.Data);
                if (e.Data.StartsWith("cellvar serve: broker", StringComparison.Ordinal))
                    started.TrySetResult(e.Data);
            };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) log.Enqueue(e.Data); };
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            Task done = await Task.WhenAny(started.Task, p.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            if (done != started.Task)
            {
                try { p.Kill(true); } catch (InvalidOperationException) { }
                p.Dispose();
                throw new InvalidOperationException("cellvar serve did not start: " + string.Join(" | ", log.TakeLast(10)));
            }
            string line = await started.Task;
            Match m = ApiLine().Match(line);
            Assert.True(m.Success, "no API address in the start-up line: " + line);
            return new Running(p, dir, line, m.Groups[1].Value);
        }
    }
}

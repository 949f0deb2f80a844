using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace CellVar.Bms.Service.Benchmarks
{
    /// <summary>
    /// Runs a real Mosquitto broker on a loopback port with a generated configuration (tests and the benchmark).
    /// Persistence is on (in a temp directory) so a restart keeps queued QoS 1 messages of persistent sessions.
    /// </summary>
    public sealed class MosquittoProcess : IAsyncDisposable
    {
        private Process? _process;

        private MosquittoProcess(string binary, string dir, int port, string extraConfig)
        {
            Binary = binary;
            Directory = dir;
            Port = port;
            ConfigFile = Path.Combine(dir, "mosquitto.conf");
            File.WriteAllText(ConfigFile,
                $"listener {port} 127.0.0.1\n" +
                $"persistence true\npersistence_location {dir}/\nautosave_interval 1\n" +
                "max_inflight_messages 0\nmax_queued_messages 0\nmax_keepalive 300\n" +
                $"log_dest file {dir}/mosquitto.log\n" + extraConfig);
        }

        /// <summary>The binary: CELLVAR_MOSQUITTO, else mosquitto on PATH, else /usr/sbin/mosquitto; null when none exists.</summary>
        public static string? Find()
        {
            string? env = Environment.GetEnvironmentVariable("CELLVAR_MOSQUITTO");
            if (!string.IsNullOrEmpty(env))
                return File.Exists(env) ? env : null;
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            {
                string p = Path.Combine(dir, "mosquitto");
                if (dir.Length > 0 && File.Exists(p))
                    return p;
            }
            return File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : null;
        }

        /// <summary>Path of the binary.</summary>
        public string Binary { get; }
        /// <summary>Working directory (config, persistence, log).</summary>
        public string Directory { get; }
        /// <summary>Configuration file.</summary>
        public string ConfigFile { get; }
        /// <summary>Loopback port.</summary>
        public int Port { get; }

        /// <summary>Starts a broker on a free port; <paramref name="extraConfig"/> is appended (e.g. <c>allow_anonymous true</c>, ACL lines).</summary>
        public static async Task<MosquittoProcess> StartAsync(string binary, string extraConfig)
        {
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-mosq-" + Guid.NewGuid().ToString("N")[..8]);
            System.IO.Directory.CreateDirectory(dir);
            // Started as root, mosquitto drops to its own user: it must still be able to write persistence and log here.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
            var m = new MosquittoProcess(binary, dir, FreePort(), extraConfig);
            await m.StartAgainAsync();
            return m;
        }

        /// <summary>(Re)starts the process on the same port and waits until it accepts connections.</summary>
        public async Task StartAgainAsync()
        {
            var psi = new ProcessStartInfo(Binary, $"-c {ConfigFile}") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Binary);
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}; log: {Log()}");
                try
                {
                    using var c = new TcpClient();
                    await c.ConnectAsync(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }
            throw new TimeoutException($"mosquitto did not listen on {Port} within 10 s; log: {Log()}");
        }

        /// <summary>Stops the broker with SIGTERM (it saves its persistence file) and waits for it to exit.</summary>
        public async Task StopAsync()
        {
            if (_process == null || _process.HasExited)
                return;
            using (var kill = Process.Start("kill", $"-TERM {_process.Id}"))
                await kill!.WaitForExitAsync();
            if (!_process.WaitForExit(10_000))
                _process.Kill();
            _process.Dispose();
            _process = null;
        }

        /// <summary>The broker's log so far.</summary>
        public string Log()
        {
            string f = Path.Combine(Directory, "mosquitto.log");
            try { return File.Exists(f) ? File.ReadAllText(f) : "(no log)"; } catch (IOException) { return "(log busy)"; }
        }

        /// <summary>A TCP port that was free a moment ago on loopback.</summary>
        public static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>Stops the broker and deletes its directory.</summary>
        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
        }
    }
}

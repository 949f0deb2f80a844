using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>
    /// A throw-away Mosquitto on a free loopback port (no persistence). Locally a missing binary skips the test;
    /// with CELLVAR_CI=1 it fails it, so CI cannot pass without the broker test running (.ci/services.sh installs it).
    /// </summary>
    internal sealed class Broker : IDisposable
    {
        private readonly Process _process;
        private readonly string _dir;

        private Broker(Process process, string dir, int port)
        {
            _process = process;
            _dir = dir;
            Port = port;
        }

        public int Port { get; }

        public static async Task<Broker> StartAsync()
        {
            string binary = Environment.GetEnvironmentVariable("CELLVAR_MOSQUITTO");
            if (string.IsNullOrEmpty(binary))
                binary = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "/usr/bin/mosquitto";
            if (!File.Exists(binary))
            {
                string msg = "mosquitto is not installed; run `bash .ci/services.sh` (as root) first.";
                if (Environment.GetEnvironmentVariable("CELLVAR_CI") == "1")
                    throw new InvalidOperationException("CELLVAR_CI=1 and " + msg);
                Skip.If(true, msg);
            }
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-fw-mosq-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            string conf = Path.Combine(dir, "mosquitto.conf");
            File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
            var psi = new ProcessStartInfo(binary, $"-c {conf}") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + binary);
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (p.HasExited)
                    throw new InvalidOperationException($"mosquitto exited with {p.ExitCode}");
                try
                {
                    using var c = new TcpClient();
                    await c.ConnectAsync(IPAddress.Loopback, port);
                    return new Broker(p, dir, port);
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }
            p.Kill();
            throw new TimeoutException($"mosquitto did not listen on {port} within 10 s");
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                    _process.WaitForExit(5000);
                }
            }
            finally
            {
                _process.Dispose();
                try { Directory.Delete(_dir, true); } catch (IOException) { }
            }
        }
    }
}

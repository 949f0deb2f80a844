using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Mqtt;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>Runs alone: it sets a process-wide environment variable that every HTTP app started meanwhile would read.</summary>
    [CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
    }

    /// <summary>
    /// ASP.NET Core configuration (here a <c>Kestrel__Endpoints__*</c> variable) can make Kestrel bind an address other
    /// than <see cref="ServiceOptions.HttpUrl"/>. The service checks what was actually bound and refuses to run an
    /// unguarded non-loopback listener.
    /// </summary>
    [Collection(nameof(ProcessEnvironmentCollection))]
    public sealed class HttpAccessConfigOverrideTests
    {
        [Fact]
        public void ServiceOptions_NeverReadTheTokenVariables_OnlyTheCliDoes()
        {
            // Library code and tests build ServiceOptions freely; a token exported in the developer's shell must not
            // silently switch them to token mode (the CLI path is tested in HttpAccessCliTests).
            string? before = Environment.GetEnvironmentVariable(Api.HttpAccessGuard.TokenVariable);
            string? beforeLegacy = Environment.GetEnvironmentVariable(Api.HttpAccessGuard.LegacyTokenVariable);
            Environment.SetEnvironmentVariable(Api.HttpAccessGuard.TokenVariable, "from-the-shell");
            Environment.SetEnvironmentVariable(Api.HttpAccessGuard.LegacyTokenVariable, "older-from-the-shell");
            try
            {
                Assert.Null(new ServiceOptions().HttpAccessToken);
                Assert.Equal("from-the-shell", Api.HttpAccessGuard.TokenFromEnvironment());
            }
            finally
            {
                Environment.SetEnvironmentVariable(Api.HttpAccessGuard.TokenVariable, before);
                Environment.SetEnvironmentVariable(Api.HttpAccessGuard.LegacyTokenVariable, beforeLegacy);
            }
        }

        [Fact]
        public async Task ConfiguredKestrelEndpointBeyondLoopback_WithoutToken_IsRefusedAndClosed()
        {
            int port = MosquittoProcess.FreePort();
            string variable = "Kestrel__Endpoints__H3Override__Url";
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-access-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            var o = new ServiceOptions
            {
                Database = Path.Combine(dir, "cellvar.db"),
                MqttPort = MosquittoProcess.FreePort(),
                Credentials = new Credentials(),
                HttpUrl = "http://127.0.0.1:0",
                HttpAccessToken = null,
                PriorInterval = TimeSpan.Zero,
                ClientId = "cellvar-access-" + Guid.NewGuid().ToString("N")[..6],
            };
            Environment.SetEnvironmentVariable(variable, $"http://0.0.0.0:{port}");
            try
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => CellVarService.StartAsync(o, NullLoggerFactory.Instance));
                Assert.Contains($"http://0.0.0.0:{port} is not loopback", e.Message);
                using var tcp = new TcpClient();
                await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, port));
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, null);
                SqliteConnection.ClearAllPools();
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }
    }
}

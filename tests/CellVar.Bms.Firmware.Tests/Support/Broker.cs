using System.Threading.Tasks;
using CellVar.Bms.Service.Benchmarks;
using CellVar.Bms.Service.Tests;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>
    /// A throw-away anonymous Mosquitto on a free loopback port, run by the service's <see cref="MosquittoProcess"/>
    /// (the same runner the host tests and the ingest benchmark use). A missing binary skips the test locally and
    /// fails it with CELLVAR_CI=1 (<see cref="Services.Mosquitto"/>), so CI cannot pass without the broker test running.
    /// </summary>
    internal static class Broker
    {
        public static Task<MosquittoProcess> StartAsync() => MosquittoProcess.StartAsync(Services.Mosquitto(), "allow_anonymous true\n");
    }
}

using BenchmarkDotNet.Attributes;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;

namespace CellVar.Bms.Dfn.Benchmarks
{
    /// <summary>BenchmarkDotNet: one DFN solve of a 1-hour 1C discharge from SOC 1 (stops at 2.5 V near 3555 s).</summary>
    [MemoryDiagnoser]
    public class DfnSolveBenchmarks
    {
        private readonly DfnModel _model = new();
        private readonly CellParameters _p = new();
        private readonly CurrentProfile _oneC = CurrentProfile.Constant(5.0, 3600);
        private readonly SimulationOptions _options = new() { InitialSoc = 1.0, TimeStep_s = 1e9, RecordTrace = false, RecordInternals = false };

        [Benchmark(Description = "DFN 1C discharge, default mesh, adaptive")]
        public double OneCDischarge() => _model.Simulate(_p, _oneC, _options).TerminationTime_s;
    }
}

using BenchmarkDotNet.Attributes;
using CellVar.Bms.Model.Ecm;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Model.Spme;

namespace CellVar.Bms.Model.Benchmarks
{
    /// <summary>One cell-run: a 1C discharge from SOC 1 for up to 1 h (it ends at the 2.5 V cut-off), setup included.</summary>
    [MemoryDiagnoser]
    public class CellRunBenchmarks
    {
        private readonly CellParameters _p = ParameterSets.Chen2020;
        private readonly CurrentProfile _profile = CurrentProfile.Constant(5.0, 3600);
        private readonly SpmeModel _spme = new();
        private readonly EcmModel _ecm = new();
        private EcmParameters _ecmParameters = null!;

        /// <summary>Integrator step [s].</summary>
        [Params(1.0, 10.0, 30.0)]
        public double Step_s { get; set; }

        [GlobalSetup]
        public void Setup() => _ecmParameters = EcmDerivation.FromPhysical(_p);

        [Benchmark(Baseline = true, Description = "SPMe 1C discharge (incl. eSOH + setup)")]
        public double Spme() =>
            _spme.Simulate(_p, _profile, new SimulationOptions { TimeStep_s = Step_s, RecordTrace = false, RecordInternals = false }).DischargedCharge_Ah;

        [Benchmark(Description = "ECM 1C discharge (tables given)")]
        public double Ecm() =>
            CellSimulator.Run("ecm", new EcmStepper(_ecmParameters, 1.0), _p, _profile,
                new SimulationOptions { TimeStep_s = Step_s, RecordTrace = false, RecordInternals = false }).DischargedCharge_Ah;

        [Benchmark(Description = "ECM derivation from physics")]
        public double EcmDerivationOnly() => EcmDerivation.FromPhysical(_p).Tau1_s;
    }
}

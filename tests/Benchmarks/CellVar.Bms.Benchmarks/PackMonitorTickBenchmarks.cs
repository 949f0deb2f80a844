using BenchmarkDotNet.Attributes;
using CellVar.Bms.OnDevice;

namespace CellVar.Bms.Benchmarks
{
    /// <summary>
    /// One <see cref="PackMonitor.Tick"/> (acquire → validate → estimate → compare → alert) for 8, 16 and 32 cells,
    /// one temperature sensor per cell, on the host JIT, with 1 conversion per channel and with the firmware's 16 (trimmed
    /// mean: the lowest and highest dropped). Allocated bytes must be 0 (no allocation in the sampling loop).
    /// </summary>
    [MemoryDiagnoser]
    public class PackMonitorTickBenchmarks
    {
        private PackMonitor _monitor = null!;
        private SyntheticPackAdc _adc = null!;
        private int _time_ms;

        /// <summary>Series cells.</summary>
        [Params(8, 16, 32)]
        public int Cells { get; set; }

        /// <summary>Conversions averaged per channel per tick (<see cref="MonitorConfig.AveragingCount"/>).</summary>
        [Params(1, 16)]
        public int Conversions { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            MonitorConfig cfg = MonitorConfig.CreateVirtual(Cells, Cells);
            // A 60 s rest counts as relaxed so the 90 s rests in the cycle exercise the capacity path too.
            cfg.RestTime_ms = 60000;
            cfg.MinSocSwing_cPct = 100;
            cfg.AveragingCount = Conversions;
            _adc = new SyntheticPackAdc(Cells, seed: 1);
            _monitor = new PackMonitor(cfg, _adc);
            // Reach steady state (estimators warmed up, medians valid) before measuring.
            for (int k = 0; k < 5 * SyntheticPackAdc.CycleTicks; k++) Step();
        }

        [Benchmark(Description = "PackMonitor.Tick")]
        public void Tick() => Step();

        private void Step()
        {
            _adc.Advance();
            _time_ms += 1000;
            _monitor.Tick(_time_ms);
        }
    }
}

using System.Collections.Generic;
using CellVar.Bms.VirtualRig.Adc;
using CellVar.Bms.VirtualRig.Mqtt;
using CellVar.Bms.VirtualRig.Simulation;

namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>What a <see cref="VirtualRig"/> runs.</summary>
    public sealed class RigOptions
    {
        /// <summary>Number of monitors (packs).</summary>
        public int Monitors { get; init; } = 3;
        /// <summary>Cells per pack (3..32; hot-cell detection needs ≥ 3 sensors).</summary>
        public int Cells { get; init; } = 8;
        /// <summary>Base seed; monitor k uses seed + k.</summary>
        public int Seed { get; init; } = 1;
        /// <summary>Simulated duration.</summary>
        public double Duration_s { get; init; } = 1500;
        /// <summary>Device sample period (simulated).</summary>
        public double SamplePeriod_s { get; init; } = 1.0;
        /// <summary>Simulated seconds per wall-clock second; 0 = as fast as possible.</summary>
        public double Speed { get; init; } = 60;
        /// <summary>Pack current.</summary>
        public LoadProfile Profile { get; init; } = LoadProfile.Drive();
        /// <summary>Injected defects.</summary>
        public IReadOnlyList<InjectedDefect> Defects { get; init; } = [];
        /// <summary>Broker, or null to run without MQTT.</summary>
        public BrokerAddress? Broker { get; init; }
        /// <summary>Password per monitor id (null = anonymous).</summary>
        public IReadOnlyDictionary<string, string>? Passwords { get; init; }
        /// <summary>Monitor id prefix.</summary>
        public string IdPrefix { get; init; } = "vrig-m";
        /// <summary>Topic root.</summary>
        public string TopicRoot { get; init; } = "cellvar/v1";
        /// <summary>ADC model.</summary>
        public AdcModelOptions Adc { get; init; } = new();
        /// <summary>Draw every cell's tab weld from this population model (hierarchical, heavy-tailed), or null for ideal welds.</summary>
        public PopulationWelds? Welds { get; init; }
        /// <summary>A drawn weld this far above the population median counts as a defect the monitor should find (0.3 mΩ ≈ 1.7 % of R0, 10 σ of healthy welds).</summary>
        public double NaturalDefectMargin_mOhm { get; init; } = 0.3;
        /// <summary>Keep measured values for recording.</summary>
        public bool Record { get; init; }
    }
}

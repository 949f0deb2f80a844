using CellVar.Bms.VirtualRig.Adc;
using CellVar.Bms.VirtualRig.Mqtt;

namespace CellVar.Bms.VirtualRig.Running
{
    /// <summary>How one virtual monitor is built and connected.</summary>
    public sealed class VirtualMonitorOptions
    {
        /// <summary>1-based index (monitor id <c>{IdPrefix}{Index:00}</c>).</summary>
        public int Index { get; init; } = 1;
        /// <summary>Monitor id prefix.</summary>
        public string IdPrefix { get; init; } = "vrig-m";
        /// <summary>Site id in the topic.</summary>
        public string Site { get; init; } = "virtual";
        /// <summary>Topic root.</summary>
        public string TopicRoot { get; init; } = "cellvar/v1";
        /// <summary>Series cells (1..32).</summary>
        public int Cells { get; init; } = 8;
        /// <summary>Seed of the pack's scatter and the ADC's errors and noise.</summary>
        public int Seed { get; init; } = 1;
        /// <summary>ADC model.</summary>
        public AdcModelOptions Adc { get; init; } = new();
        /// <summary>Broker, or null to run without MQTT (e.g. only recording).</summary>
        public BrokerAddress? Broker { get; init; }
        /// <summary>Password for the monitor id, or null for anonymous.</summary>
        public string? Password { get; init; }
        /// <summary>Per-monitor prior-signing key (as provisioned into a real monitor), or null to accept unsigned priors.</summary>
        public byte[]? PriorKey { get; init; }
        /// <summary>QoS 1 messages kept until acknowledged.</summary>
        public int OutboxCapacity { get; init; } = 64;
        /// <summary>Per-cell tab-weld contact resistance (e.g. drawn from a population spec), or null for none.</summary>
        public double[]? Contact_Ohm { get; init; }
        /// <summary>Keep every tick's measured values for <see cref="VirtualMonitor.RecordedLog"/>.</summary>
        public bool Record { get; init; }

        /// <summary>The monitor id.</summary>
        public string MonitorId => $"{IdPrefix}{Index:00}";
    }
}

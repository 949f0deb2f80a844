using System.Collections.Generic;
using System.Text;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>An <see cref="IFirmwareLink"/> that records what the main loop publishes and feeds it received messages.</summary>
    internal sealed class FakeLink : IFirmwareLink
    {
        public readonly List<(string Topic, string Payload, int Qos, bool Retain)> Published = new();
        public readonly List<string> Subscriptions = new();
        private readonly Queue<(string Topic, byte[] Payload)> _inbox = new();

        public bool Connected;
        public int Connections;
        /// <summary>Set to make the outbox report no room (earlier messages still waiting for their PUBACK).</summary>
        public bool OutboxFull;

        public bool IsConnected => Connected;
        public int ConnectionCount => Connections;
        public int OutboxDropped => 0;
        public bool HasRoomFor(int qos) => !OutboxFull;

        public void Connect()
        {
            Connected = true;
            Connections++;
        }

        public void Deliver(string topic, string payload) => _inbox.Enqueue((topic, Encoding.ASCII.GetBytes(payload)));

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!Connected)
                return false;
            Published.Add((topic, Encoding.ASCII.GetString(payload, 0, length), qos, retain));
            return true;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            Subscriptions.Add(topicFilter);
            return true;
        }

        public int DispatchReceived(IMqttMessageHandler handler, int max)
        {
            int n = 0;
            while (n < max && _inbox.Count > 0)
            {
                var (t, p) = _inbox.Dequeue();
                handler.OnMessage(t, p, p.Length);
                n++;
            }
            return n;
        }
    }

    /// <summary>An in-memory <see cref="IDeviceStore"/> counting writes; writes can be made to fail and files to read as damaged.</summary>
    internal sealed class FakeStore : IDeviceStore
    {
        public byte[] Prior;
        public byte[] Config;
        public uint Sequence;
        public int PriorWrites;
        public int ConfigWrites;
        public int SequenceWrites;
        /// <summary>Every prior/config write fails (flash worn out or full) and leaves the stored copy as it was.</summary>
        public bool FailWrites;
        /// <summary>The persisted config exists but cannot be read (what <see cref="Hardware.FlashDeviceStore"/> returns as −2).</summary>
        public bool ConfigUnreadable;

        public int LoadPrior(byte[] buffer) => Load(Prior, buffer);

        public bool SavePrior(byte[] payload, int length)
        {
            PriorWrites++;
            if (FailWrites)
                return false;
            Prior = payload[..length];
            return true;
        }

        public int LoadConfig(byte[] buffer) => ConfigUnreadable ? -2 : Load(Config, buffer);

        public bool SaveConfig(byte[] payload, int length)
        {
            ConfigWrites++;
            if (FailWrites)
                return false;
            Config = payload[..length];
            return true;
        }

        private static int Load(byte[] stored, byte[] buffer)
        {
            if (stored == null)
                return -1;
            stored.CopyTo(buffer, 0);
            return stored.Length;
        }

        public uint LoadSequence() => Sequence;

        public bool SaveSequence(uint reservedUpTo)
        {
            Sequence = reservedUpTo;
            SequenceWrites++;
            return true;
        }
    }

    /// <summary>A virtual-ADC reader with settable counts per channel.</summary>
    internal sealed class FakeAdc : CellVar.Bms.OnDevice.Measurement.IAdcChannelReader
    {
        public readonly int[] Counts = new int[16];
        public int ReadRaw(int channel) => channel >= 0 && channel < Counts.Length ? Counts[channel] : -1;
    }
}

using System;
using System.Threading.Tasks;
using CellVar.Bms.Service.Protocol;

namespace CellVar.Bms.Service.Ingest
{
    /// <summary>One received MQTT message on its way to the database, parsed (or rejected) before the writer sees it.</summary>
    public sealed class IngestItem
    {
        /// <summary>Creates an item for a message received on <paramref name="topic"/>.</summary>
        public IngestItem(string topic, byte[] payload, long received_ms, Func<Task>? acknowledge)
        {
            Topic = topic;
            Payload = payload;
            Received_ms = received_ms;
            Acknowledge = acknowledge;
        }

        /// <summary>Topic the message arrived on.</summary>
        public string Topic { get; }
        /// <summary>Raw payload.</summary>
        public byte[] Payload { get; }
        /// <summary>Host receive time, Unix ms.</summary>
        public long Received_ms { get; }
        /// <summary>Sends the MQTT acknowledgement; called only after the batch holding this item is committed.</summary>
        public Func<Task>? Acknowledge { get; }
        /// <summary>Parsed topic, when it is a v1 topic.</summary>
        public TopicAddress? Address { get; set; }
        /// <summary>Validated message, or null when rejected.</summary>
        public DeviceMessage? Message { get; set; }
        /// <summary>Why the message was rejected, or null.</summary>
        public PayloadException? Error { get; set; }
        /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp at receipt (latency measurement).</summary>
        public long ReceivedTicks { get; init; }
    }
}

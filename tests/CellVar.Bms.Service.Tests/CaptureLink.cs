using System;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>
    /// An <see cref="IMqttLink"/> that keeps the last payload the real device encoder produced, so a test can publish
    /// those exact bytes itself (e.g. with <see cref="RetryingPublisher"/>). Linked into the VirtualRig tests too.
    /// </summary>
    internal sealed class CaptureLink : IMqttLink
    {
        public byte[]? Last;
        public bool IsConnected => true;
        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            Last = payload.AsSpan(0, length).ToArray();
            return true;
        }
        public bool Subscribe(string topicFilter, int qos) => true;
    }
}

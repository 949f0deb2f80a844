using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Protocol.Tests
{
    /// <summary>An <see cref="IMqttLink"/> that copies the last publish into a preallocated buffer (so allocation tests stay honest).</summary>
    internal sealed class RecordingLink : IMqttLink
    {
        public readonly byte[] Last = new byte[4096];
        public int LastLength;
        public string? LastTopic;
        public int LastQos;
        public bool LastRetain;
        public int Published;
        public int Subscriptions;
        public bool Connected = true;

        public bool IsConnected => Connected;

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            System.Array.Copy(payload, Last, length);
            LastLength = length;
            LastTopic = topic;
            LastQos = qos;
            LastRetain = retain;
            Published++;
            return true;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            Subscriptions++;
            return true;
        }

        public string LastText => System.Text.Encoding.ASCII.GetString(Last, 0, LastLength);
    }
}

using System.Text;
using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>An always-connected link that keeps the last message published, so tests can read the device's status answer.</summary>
internal sealed class RecordingLink : IMqttLink
{
    public string LastTopic { get; private set; } = "";
    public string LastPayload { get; private set; } = "";
    public bool IsConnected => true;

    public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        LastTopic = topic;
        LastPayload = Encoding.ASCII.GetString(payload, 0, length);
        return true;
    }

    public bool Subscribe(string topicFilter, int qos) => true;
}

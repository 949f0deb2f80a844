namespace CellVar.Bms.VirtualRig.Mqtt
{
    /// <summary>Counters of one <see cref="MqttNetDeviceLink"/> (snapshot).</summary>
    /// <param name="Connects">Successful connects, the first one included.</param>
    /// <param name="FailedConnects">Connect attempts that failed (each followed by a back-off).</param>
    /// <param name="Acknowledged">QoS 1 messages the broker acknowledged (PUBACK).</param>
    /// <param name="Resent">QoS 1 messages sent again after a connection loss.</param>
    /// <param name="OutboxDropped">QoS 1 messages dropped because the outbox was full (oldest first).</param>
    /// <param name="Qos0Sent">QoS 0 messages handed to the client.</param>
    public sealed record LinkStatistics(long Connects, long FailedConnects, long Acknowledged, long Resent, long OutboxDropped, long Qos0Sent);
}

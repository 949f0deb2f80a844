namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// What an <see cref="IMqttClientPort"/> reports back to <see cref="MqttSession"/>. Called on the client's own
    /// threads; every method is thread-safe and returns quickly.
    /// </summary>
    public interface IMqttClientEvents
    {
        /// <summary>
        /// A QoS 1 publish of <paramref name="connection"/> was acknowledged (<paramref name="published"/> true, the PUBACK)
        /// or given up by the client (false).
        /// </summary>
        void OnPublished(int connection, int messageId, bool published);

        /// <summary>A SUBACK arrived.</summary>
        void OnSubscribed();

        /// <summary>A message arrived on a subscribed topic (copied before returning).</summary>
        void OnReceived(string topic, byte[] payload, int length, int qos, bool retain);

        /// <summary>The client noticed that connection <paramref name="connection"/> closed (a late report of an older one is ignored).</summary>
        void OnConnectionClosed(int connection);
    }
}

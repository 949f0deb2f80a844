namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// The MQTT client under <see cref="MqttSession"/>, reduced to what the session's network thread needs. Firmware
    /// implements it over nanoFramework.M2Mqtt (<c>Hardware/M2MqttLink</c>), the host tests over MQTTnet; neither holds
    /// any queueing, reconnect or watchdog logic. Every method is called on the session's network thread only; the
    /// client reports what comes back from the broker through the <see cref="IMqttClientEvents"/> it was given at
    /// <see cref="Connect"/>, on whatever thread it likes.
    /// </summary>
    public interface IMqttClientPort
    {
        /// <summary>
        /// Opens a new connection (clean session, the retained QoS 1 last will, MQTT 3.1.1), dropping any previous one.
        /// Answers of this connection are reported to <paramref name="events"/> tagged with <paramref name="connection"/>.
        /// False when the broker refused or could not be reached; may also throw for the same reasons.
        /// </summary>
        bool Connect(IMqttClientEvents events, int connection);

        /// <summary>True while the current connection is open as far as the client knows.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Hands one message to the client without waiting for the broker; returns the message id this connection gave
        /// it (QoS 1: reported later through <see cref="IMqttClientEvents.OnPublished"/>). Throws when the connection is dead.
        /// </summary>
        int Publish(string topic, byte[] payload, int length, int qos, bool retain);

        /// <summary>Subscribes to the first <paramref name="count"/> filters without waiting for the SUBACK.</summary>
        void Subscribe(string[] topicFilters, int[] qos, int count);

        /// <summary>Drops the current connection without waiting (and without throwing); a no-op when there is none.</summary>
        void Close();
    }
}

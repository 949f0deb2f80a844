namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// The device's view of an MQTT connection. Firmware implements it over nanoFramework.M2Mqtt,
    /// tests and the virtual rig over MQTTnet. Kept tiny so that neither side drags the other's types in.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>True while the link has a live session with the broker.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Publishes the first <paramref name="length"/> bytes of <paramref name="payload"/>.
        /// The implementation must copy what it needs before returning: the caller reuses the buffer.
        /// </summary>
        /// <param name="topic">Full topic name.</param>
        /// <param name="payload">Reusable buffer holding the payload.</param>
        /// <param name="length">Number of valid bytes in <paramref name="payload"/>.</param>
        /// <param name="qos">MQTT quality of service, 0 or 1.</param>
        /// <param name="retain">Whether the broker keeps the message as the topic's retained value.</param>
        /// <returns>False when the message could not be handed to the client (not connected, queue full).</returns>
        bool Publish(string topic, byte[] payload, int length, int qos, bool retain);

        /// <summary>Subscribes to one topic filter; received messages go to the registered <see cref="IMqttMessageHandler"/>.</summary>
        /// <returns>False when the subscription could not be sent.</returns>
        bool Subscribe(string topicFilter, int qos);
    }
}

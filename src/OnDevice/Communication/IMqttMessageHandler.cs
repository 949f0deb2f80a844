namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>Receives messages delivered by an <see cref="IMqttLink"/> (an interface rather than a delegate keeps the call flat and generic-free).</summary>
    public interface IMqttMessageHandler
    {
        /// <summary>Handles one received message; the payload buffer may be reused after the call returns.</summary>
        /// <param name="topic">Topic the message arrived on.</param>
        /// <param name="payload">Buffer holding the payload.</param>
        /// <param name="length">Number of valid bytes in <paramref name="payload"/>.</param>
        void OnMessage(string topic, byte[] payload, int length);
    }
}

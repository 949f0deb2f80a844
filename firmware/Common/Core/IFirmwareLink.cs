using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Firmware
{
    /// <summary>
    /// The MQTT link as the firmware's main loop sees it: H7's <see cref="IMqttLink"/> plus the hand-over of received
    /// messages to the measurement thread (M2Mqtt raises them on its own thread, and <see cref="MonitorLink"/> is
    /// single-threaded) and a counter of completed connections so the loop can announce itself after each reconnect.
    /// </summary>
    public interface IFirmwareLink : IMqttLink
    {
        /// <summary>Incremented after each successful (re)connect, once subscriptions have been renewed.</summary>
        int ConnectionCount { get; }

        /// <summary>Messages refused by the bounded outbox since start.</summary>
        int OutboxDropped { get; }

        /// <summary>
        /// True when the outbox would take a message of this QoS now. The main loop asks before it takes an alert out of
        /// the library's queue, so alerts wait there (bounded, drops counted) instead of being dropped by a full outbox
        /// while the link holds earlier ones until their PUBACK.
        /// </summary>
        bool HasRoomFor(int qos);

        /// <summary>Delivers up to <paramref name="max"/> received messages to <paramref name="handler"/> on the caller's thread.</summary>
        int DispatchReceived(IMqttMessageHandler handler, int max);
    }
}

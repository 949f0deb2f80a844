// Declaration-only reference stub: package nanoFramework.M2Mqtt 5.1.220 (assembly nanoFramework.M2Mqtt.Core),
// mirroring nanoframework/nanoFramework.m2mqtt nanoFramework.M2Mqtt.Core/Messages/{MqttQoSLevel,MqttReasonCode,
// MqttMsgPublishEventArgs,MqttMsgPublishedEventArgs,MqttMsgSubscribedEventArgs,MqttMsgUnsubscribedEventArgs}.cs @ 8208787.
// Property setters are internal upstream, so they are get-only here.
using System;

namespace nanoFramework.M2Mqtt.Messages
{
    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    public enum MqttReasonCode
    {
        Success = 0x00,
        NormalDisconnection = 0x00,
        DisconnectWithWillMessage = 0x04,
        NoMatchingSubscribers = 0x10,
        NoSubscriptionExisted = 0x11,
        ContinueAuthentication = 0x18,
        ReAuthenticate = 0x19,
        UnspecifiedError = 0x80,
        MalformedPacket = 0x81,
        ProtocolError = 0x82,
        ImplementationSpecificError = 0x83,
        UnsupportedProtocolVersion = 0x84,
        ClientIdentifierNotValid = 0x85,
        BadUserNameOrPassword = 0x86,
        NotAuthorized = 0x87,
        ServerUnavailable = 0x88,
        ServerBusy = 0x89,
        Banned = 0x8A,
        ServeShuttingDown = 0x8B,
        BadAuthenticationMethod = 0x8C,
        KeepAliveTimeout = 0x8D,
        SessionTakenOver = 0x8E,
        TopicFilterInvalid = 0x8F,
        TopicNameInvalid = 0x90,
        PacketIdentifierInUse = 0x91,
        PacketIdentifierNotFound = 0x92,
        ReceiveMaximumExceeded = 0x93,
        TopicAliasInvalid = 0x94,
        PacketTooLarge = 0x95,
        MessageRateTooHigh = 0x96,
        QuotaExceeded = 0x97,
        AdministrativeAction = 0x98,
        PayloadFormatInvalid = 0x99,
        RetainNotSupported = 0x9A,
        QoSNotSupported = 0x9B,
        UseAnotherServer = 0x9C,
        ServerMoved = 0x9D,
        SharedSubscriptionsNotSupported = 0x9E,
        ConnectionRateExceeded = 0x9F,
        MaximumConnectTime = 0xA0,
        SubscriptionIdentifiersNotSupported = 0xA1,
        WildcardSubscriptionsNotSupported = 0xA2,
        ConnectionRefusedUnacceptableProtocolVersion = 0x01,
        ConnectionRefusedIdentifierRejected = 0x02,
        ConnectionRefusedServerUnavailable = 0x03,
        ConnectionRefusedBadUserNameOrPassword = 0x04,
        ConnectionRefusedNotAuthorized = 0x05,
    }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) { throw new NotImplementedException(); }
        public string Topic { get { throw new NotImplementedException(); } }
        public byte[] Message { get { throw new NotImplementedException(); } }
        public bool DupFlag { get { throw new NotImplementedException(); } }
        public MqttQoSLevel QosLevel { get { throw new NotImplementedException(); } }
        public bool Retain { get { throw new NotImplementedException(); } }
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public ushort MessageId { get { throw new NotImplementedException(); } }
        public bool IsPublished { get { throw new NotImplementedException(); } }
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public ushort MessageId { get { throw new NotImplementedException(); } }
    }

    public class MqttMsgUnsubscribedEventArgs : EventArgs
    {
        public ushort MessageId { get { throw new NotImplementedException(); } }
    }
}

// Declaration-only reference stub: package nanoFramework.M2Mqtt 5.1.220 (assembly nanoFramework.M2Mqtt.Core),
// mirroring nanoframework/nanoFramework.m2mqtt nanoFramework.M2Mqtt.Core/IMqttClient.cs @ 8208787.
using System;
using System.Collections;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public interface IMqttClient
    {
        bool IsConnected { get; }
        void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol);
        MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod);
        void Disconnect();
        ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);
        ushort Unsubscribe(string[] topics);
        ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain);
        ushort Publish(string topic, byte[] message, string contentType);
        ushort Publish(string topic, byte[] message);
        void Close();

        delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);
        event MqttMsgPublishEventHandler MqttMsgPublishReceived;
        delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);
        event MqttMsgPublishedEventHandler MqttMsgPublished;
        delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);
        event MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);
        event MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;
        delegate void ConnectionClosedEventHandler(object sender, EventArgs e);
        event ConnectionClosedEventHandler ConnectionClosed;
    }

    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

// Declaration-only reference stub: package nanoFramework.M2Mqtt 5.1.220 (assembly nanoFramework.M2Mqtt),
// mirroring nanoframework/nanoFramework.m2mqtt M2Mqtt/MqttClient.cs @ 8208787 (public surface the firmware may call).
// Bodies throw: this file exists only so tests/FirmwareStubs/CellVar.Bms.Firmware.CompileCheck.csproj can compile
// firmware/ against the upstream signatures. Never copy implementation here.
using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public class MqttClient : IMqttClient, IDisposable
    {
        public MqttClient(string brokerHostName) { throw new NotImplementedException(); }
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { throw new NotImplementedException(); }

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived { add { } remove { } }
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished { add { } remove { } }
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed { add { } remove { } }
        public event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed { add { } remove { } }
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed { add { } remove { } }

        public bool IsConnected { get { throw new NotImplementedException(); } }
        public string ClientId { get { throw new NotImplementedException(); } }
        public bool CleanSession { get { throw new NotImplementedException(); } }
        public bool WillFlag { get { throw new NotImplementedException(); } }
        public MqttQoSLevel WillQosLevel { get { throw new NotImplementedException(); } }
        public string WillTopic { get { throw new NotImplementedException(); } }
        public string WillMessage { get { throw new NotImplementedException(); } }
        public MqttProtocolVersion ProtocolVersion { get { throw new NotImplementedException(); } set { } }
        public uint SessionExpiryInterval { get { throw new NotImplementedException(); } set { } }
        public ushort ReceiveMaximum { get { throw new NotImplementedException(); } set { } }
        public uint MaximumPacketSize { get { throw new NotImplementedException(); } set { } }
        public ArrayList UserProperties { get { throw new NotImplementedException(); } }
        public MqttSettings Settings { get { throw new NotImplementedException(); } }

        public void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol) { throw new NotImplementedException(); }
        public MqttReasonCode Connect(string clientId) { throw new NotImplementedException(); }
        public MqttReasonCode Connect(string clientId, bool cleanSession) { throw new NotImplementedException(); }
        public MqttReasonCode Connect(string clientId, string username, string password) { throw new NotImplementedException(); }
        public MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod) { throw new NotImplementedException(); }
        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) { throw new NotImplementedException(); }
        public void Disconnect() { throw new NotImplementedException(); }
        public void Close() { throw new NotImplementedException(); }
        public void Dispose() { throw new NotImplementedException(); }
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) { throw new NotImplementedException(); }
        public ushort Unsubscribe(string[] topics) { throw new NotImplementedException(); }
        public ushort Publish(string topic, byte[] message) { throw new NotImplementedException(); }
        public ushort Publish(string topic, byte[] message, string contentType) { throw new NotImplementedException(); }
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties) { throw new NotImplementedException(); }
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) { throw new NotImplementedException(); }
    }

    public enum MqttProtocolVersion
    {
        Version_3_1 = 0x03,
        Version_3_1_1 = 0x04,
        Version_5 = 0x05,
    }
}

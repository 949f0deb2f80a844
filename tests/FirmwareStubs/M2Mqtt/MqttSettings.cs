// Declaration-only reference stub: package nanoFramework.M2Mqtt 5.1.220 (assembly nanoFramework.M2Mqtt),
// mirroring nanoframework/nanoFramework.m2mqtt M2Mqtt/MqttSettings.cs @ 8208787. Timeouts and retries have
// internal setters upstream, so they are get-only here: assigning them must fail to compile, as it would upstream.
using System;

namespace nanoFramework.M2Mqtt
{
    public class MqttSettings
    {
        public const int BrokerDefaultPort = 1883;
        public const int BrokerDefaultSslPort = 8883;
        public const int DefaultTimeout = 30000;
        public const int MaximumAttemptsRetry = 3;
        public const int DefaultDelayRetry = 1000;
        public const int ConnectTimeout = 30000;
        public const int DefaultInflightQueueSize = int.MaxValue;

        public int Port { get { throw new NotImplementedException(); } }
        public int SslPort { get { throw new NotImplementedException(); } }
        public int TimeoutOnConnection { get { throw new NotImplementedException(); } }
        public int TimeoutOnReceiving { get { throw new NotImplementedException(); } }
        public int AttemptsOnRetry { get { throw new NotImplementedException(); } }
        public int DelayOnRetry { get { throw new NotImplementedException(); } }
        public int InflightQueueSize { get { throw new NotImplementedException(); } set { } }
        public bool ValidateServerCertificate { get { throw new NotImplementedException(); } set { } }
        public static MqttSettings Instance { get { throw new NotImplementedException(); } }
    }
}

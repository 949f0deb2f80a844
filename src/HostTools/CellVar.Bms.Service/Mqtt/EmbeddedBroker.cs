using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CellVar.Bms.Service.Mqtt
{
    /// <summary>
    /// The MQTTnet broker that <c>cellvar serve</c> runs by default: loopback only unless told otherwise, every
    /// connection authenticated against <see cref="Credentials"/>, every publish and subscribe checked by
    /// <see cref="TopicAcl"/>. A monitor's client id must equal its user name, so one monitor cannot take over
    /// another's session or last will.
    /// </summary>
    public sealed class EmbeddedBroker : IAsyncDisposable
    {
        private readonly MqttServer _server;
        private readonly Credentials _credentials;
        private readonly TopicAcl _acl;
        private readonly ILogger _log;
        private readonly string _root;
        private long _refusedConnections, _refusedPublishes, _refusedSubscriptions;

        /// <summary>
        /// Creates (does not start) a broker on <paramref name="address"/>:<paramref name="port"/>, plus a TLS endpoint
        /// when <paramref name="tls"/> is given (same credentials and ACL on both).
        /// </summary>
        public EmbeddedBroker(IPAddress address, int port, Credentials credentials, TopicAcl acl, string topicRoot, ILogger log, TlsListener? tls = null)
        {
            _root = topicRoot;
            _credentials = credentials;
            _acl = acl;
            _log = log;
            MqttServerOptionsBuilder builder = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(address)
                .WithDefaultEndpointPort(port)
                .WithPersistentSessions(true)
                .WithMaxPendingMessagesPerClient(100_000);
            if (tls != null)
            {
                builder = builder.WithEncryptedEndpoint()
                    .WithEncryptedEndpointBoundIPAddress(tls.Address)
                    .WithEncryptedEndpointPort(tls.Port)
                    .WithEncryptionCertificate(tls.Certificate)
                    .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                TlsPort = tls.Port;
            }
            MqttServerOptions options = builder.Build();
            _server = new MqttServerFactory().CreateMqttServer(options);
            _server.ValidatingConnectionAsync += ValidateAsync;
            _server.InterceptingPublishAsync += InterceptPublishAsync;
            _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
            Port = port;
        }

        /// <summary>
        /// When set, device → host messages that pass the ACL are handed straight to ingest from inside the broker
        /// (no second MQTT hop to the service's own client). The returned task completes when the message may be
        /// acknowledged to the device: for QoS 1 after its batch is committed.
        /// </summary>
        public Func<string, byte[], bool, Task>? DirectIngest { get; set; }

        /// <summary>TCP port the broker listens on.</summary>
        public int Port { get; }

        /// <summary>TCP port of the TLS endpoint, or null when there is none.</summary>
        public int? TlsPort { get; }

        /// <summary>Connections refused (bad or missing credentials, client id not the user name).</summary>
        public long RefusedConnections => Interlocked.Read(ref _refusedConnections);
        /// <summary>Publishes refused by the topic ACL.</summary>
        public long RefusedPublishes => Interlocked.Read(ref _refusedPublishes);
        /// <summary>Subscriptions refused by the topic ACL.</summary>
        public long RefusedSubscriptions => Interlocked.Read(ref _refusedSubscriptions);

        /// <summary>Starts listening.</summary>
        public Task StartAsync() => _server.StartAsync();

        /// <summary>Stops listening and disconnects every client (their last wills fire).</summary>
        public Task StopAsync() => _server.StopAsync(new MqttServerStopOptions());

        private Task ValidateAsync(ValidatingConnectionEventArgs e)
        {
            bool ok = _credentials.Check(e.UserName, e.RawPassword);
            if (!ok)
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }
            else if (e.UserName != Credentials.ServiceUser && e.ClientId != e.UserName)
            {
                ok = false;
                e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            }
            if (!ok)
            {
                Interlocked.Increment(ref _refusedConnections);
                _log.LogWarning("refused MQTT connection from {Endpoint}: client '{ClientId}', user '{User}': {Reason}", e.RemoteEndPoint, e.ClientId, e.UserName, e.ReasonCode);
                return Task.CompletedTask;
            }
            e.SessionItems["user"] = e.UserName!;
            return Task.CompletedTask;
        }

        private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
        {
            await CheckPublishAsync(e);
            var ingest = DirectIngest;
            if (ingest != null && e.ProcessPublish && !string.IsNullOrEmpty(e.ClientId)
                && Protocol.TopicAddress.TryParse(_root, e.ApplicationMessage.Topic) is { Kind: not (Protocol.TopicKind.Prior or Protocol.TopicKind.Config) })
            {
                byte[] payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
                await ingest(e.ApplicationMessage.Topic, payload, e.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce);
            }
        }

        private Task CheckPublishAsync(InterceptingPublishEventArgs e)
        {
            // Last wills pass through here too, under the session of the client that died, so the ACL covers them.
            string? user = e.SessionItems?["user"] as string ?? e.UserName;
            if (string.IsNullOrEmpty(e.ClientId))
                return Task.CompletedTask; // injected by the server itself
            if (user == null || !_acl.MayPublish(user, e.ApplicationMessage.Topic))
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
                Interlocked.Increment(ref _refusedPublishes);
                _log.LogWarning("refused publish by '{User}' to '{Topic}'", user, e.ApplicationMessage.Topic);
            }
            return Task.CompletedTask;
        }

        private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
        {
            string? user = e.SessionItems?["user"] as string ?? e.UserName;
            if (user == null || !_acl.MaySubscribe(user, e.TopicFilter.Topic))
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
                Interlocked.Increment(ref _refusedSubscriptions);
                _log.LogWarning("refused subscription by '{User}' to '{Filter}'", user, e.TopicFilter.Topic);
            }
            return Task.CompletedTask;
        }

        /// <summary>Stops and disposes the server.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_server.IsStarted)
                await StopAsync();
            _server.Dispose();
        }
    }
}

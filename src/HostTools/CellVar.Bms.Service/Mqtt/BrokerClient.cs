using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Ingest;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Mqtt
{
    /// <summary>
    /// The service's MQTT 5 client: a persistent session (clean start off, 1 h expiry) so the broker queues QoS 1
    /// messages while the service reconnects; subscribes to the device → host topics (optionally through a shared
    /// subscription group); hands every message to the <see cref="IngestPipeline"/> and acknowledges it only after
    /// it is committed; reconnects on its own after any disconnect; publishes retained priors and configs.
    /// </summary>
    public sealed class BrokerClient : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly MqttClientOptions _options;
        private readonly IngestPipeline _ingest;
        private readonly string _root;
        private readonly string? _shareGroup;
        private readonly bool _subscribe;
        private readonly ILogger _log;
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _connectLock = new(1, 1);
        private Task? _reconnectLoop;
        private long _reconnects;

        /// <summary>Creates the client (does not connect); <paramref name="subscribe"/> false makes it publish-only.</summary>
        public BrokerClient(BrokerEndpoint endpoint, string clientId, string topicRoot, string? shareGroup, IngestPipeline ingest, ILogger log, bool subscribe = true)
        {
            _subscribe = subscribe;
            _ingest = ingest;
            _root = topicRoot;
            _shareGroup = shareGroup;
            _log = log;
            Endpoint = endpoint;
            var b = new MqttClientOptionsBuilder()
                .WithTcpServer(endpoint.Host, endpoint.Port)
                .WithClientId(clientId)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(false)
                .WithSessionExpiryInterval(3600)
                .WithReceiveMaximum(ushort.MaxValue)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
                .WithTimeout(TimeSpan.FromSeconds(10));
            if (endpoint.User != null)
                b = b.WithCredentials(endpoint.User, endpoint.Password ?? "");
            if (endpoint.Tls)
            {
                b = b.WithTlsOptions(o =>
                {
                    o.UseTls(true);
                    if (endpoint.CaFile != null)
                    {
                        var ca = X509Certificate2.CreateFromPem(System.IO.File.ReadAllText(endpoint.CaFile));
                        o.WithTrustChain(new X509Certificate2Collection(ca));
                    }
                });
            }
            _options = b.Build();
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += OnMessageAsync;
            _client.DisconnectedAsync += OnDisconnectedAsync;
        }

        /// <summary>The broker.</summary>
        public BrokerEndpoint Endpoint { get; }

        /// <summary>True while connected.</summary>
        public bool IsConnected => _client.IsConnected;

        /// <summary>Successful reconnects after a lost connection.</summary>
        public long Reconnects => Interlocked.Read(ref _reconnects);

        /// <summary>Connects (retrying until <paramref name="timeout"/>) and subscribes.</summary>
        public async Task ConnectAsync(TimeSpan timeout, CancellationToken ct = default)
        {
            DateTime until = DateTime.UtcNow + timeout;
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    await ConnectOnceAsync(ct);
                    return;
                }
                catch (Exception e) when (DateTime.UtcNow < until && e is not OperationCanceledException)
                {
                    _log.LogWarning("connecting to {Broker} failed ({Error}); retrying", Endpoint, e.Message);
                    await Task.Delay(Math.Min(2000, 100 * (attempt + 1)), ct);
                }
            }
        }

        private async Task ConnectOnceAsync(CancellationToken ct)
        {
            await _connectLock.WaitAsync(ct);
            try
            {
                if (_client.IsConnected)
                    return;
                MqttClientConnectResult r = await _client.ConnectAsync(_options, ct);
                if (r.ResultCode != MqttClientConnectResultCode.Success)
                    throw new InvalidOperationException($"broker refused the connection: {r.ResultCode} {r.ReasonString}");
                if (!_subscribe)
                {
                    _log.LogInformation("connected to {Broker} (publishing only; the embedded broker hands messages to ingest directly)", Endpoint);
                    return;
                }
                string share = _shareGroup == null ? "" : $"$share/{_shareGroup}/";
                var sub = new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter($"{_root}/+/+/state", MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter($"{share}{_root}/+/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter($"{share}{_root}/+/+/alert", MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter($"{share}{_root}/+/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                MqttClientSubscribeResult s = await _client.SubscribeAsync(sub, ct);
                foreach (MqttClientSubscribeResultItem item in s.Items)
                {
                    if ((int)item.ResultCode > 2)
                        throw new InvalidOperationException($"broker refused subscription {item.TopicFilter.Topic}: {item.ResultCode}");
                }
                _log.LogInformation("connected to {Broker} (session present: {Present})", Endpoint, r.IsSessionPresent);
            }
            finally
            {
                _connectLock.Release();
            }
        }

        private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
        {
            MqttApplicationMessage m = e.ApplicationMessage;
            byte[] payload = m.Payload.ToArray();
            Func<Task>? ack = null;
            if (m.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
            {
                e.AutoAcknowledge = false;
                ack = () => e.AcknowledgeAsync(CancellationToken.None);
            }
            await _ingest.EnqueueAsync(m.Topic, payload, ack, _stop.Token);
        }

        private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
        {
            if (_stop.IsCancellationRequested)
                return Task.CompletedTask;
            _log.LogWarning("disconnected from {Broker}: {Reason}; reconnecting", Endpoint, e.ReasonString ?? e.Reason.ToString());
            if (_reconnectLoop == null || _reconnectLoop.IsCompleted)
                _reconnectLoop = Task.Run(ReconnectLoopAsync);
            return Task.CompletedTask;
        }

        private async Task ReconnectLoopAsync()
        {
            int attempt = 0;
            while (!_stop.IsCancellationRequested && !_client.IsConnected)
            {
                try
                {
                    await Task.Delay(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5))), _stop.Token);
                    await ConnectOnceAsync(_stop.Token);
                    Interlocked.Increment(ref _reconnects);
                    return;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e)
                {
                    attempt++;
                    _log.LogDebug("reconnect attempt {Attempt} to {Broker} failed: {Error}", attempt, Endpoint, e.Message);
                }
            }
        }

        /// <summary>Publishes a retained QoS 1 message (priors, configs); false when not connected or refused.</summary>
        public async Task<bool> PublishRetainedAsync(string topic, byte[] payload, CancellationToken ct = default)
        {
            if (!_client.IsConnected)
                return false;
            MqttApplicationMessage msg = new MqttApplicationMessageBuilder()
                .WithTopic(topic).WithPayload(payload).WithRetainFlag(true)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            MqttClientPublishResult r = await _client.PublishAsync(msg, ct);
            if (!r.IsSuccess)
                _log.LogWarning("publishing {Topic} was refused: {Reason}", topic, r.ReasonCode);
            return r.IsSuccess;
        }

        /// <summary>Disconnects cleanly.</summary>
        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            try
            {
                if (_client.IsConnected)
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }
            catch (Exception e)
            {
                _log.LogDebug(e, "disconnect failed");
            }
            _client.Dispose();
            _stop.Dispose();
        }
    }
}

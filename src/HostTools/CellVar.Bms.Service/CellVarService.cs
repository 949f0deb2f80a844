using System;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.Service.Api;
using CellVar.Bms.Service.Ingest;
using CellVar.Bms.Service.Mqtt;
using CellVar.Bms.Service.Priors;
using CellVar.Bms.Service.Protocol;
using CellVar.Bms.Service.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CellVar.Bms.Service
{
    /// <summary>
    /// The running service: database, ingest pipeline, broker (embedded or external), the service's MQTT client,
    /// the prior loop and the HTTP API, started in that order and stopped in reverse.
    /// </summary>
    public sealed class CellVarService : IAsyncDisposable
    {
        private readonly ILoggerFactory _logs;
        private WebApplication? _http;

        private CellVarService(ServiceOptions options, ILoggerFactory logs, Store store, IngestPipeline ingest)
        {
            Options = options;
            _logs = logs;
            Store = store;
            Ingest = ingest;
        }

        /// <summary>Options in use.</summary>
        public ServiceOptions Options { get; }
        /// <summary>The database.</summary>
        public Store Store { get; }
        /// <summary>The ingest pipeline (counters in <see cref="IngestPipeline.Stats"/>).</summary>
        public IngestPipeline Ingest { get; }
        /// <summary>The embedded broker, or null with an external broker.</summary>
        public EmbeddedBroker? Broker { get; private set; }
        /// <summary>The service's MQTT client.</summary>
        public BrokerClient Client { get; private set; } = null!;
        /// <summary>The prior loop.</summary>
        public PriorLoop Priors { get; private set; } = null!;
        /// <summary>Keys the service signs priors and configs with (empty: everything unsigned).</summary>
        public PriorKeys Keys { get; private set; } = new();
        /// <summary>Credentials of the embedded broker (null with an external broker).</summary>
        public Credentials? Credentials { get; private set; }
        /// <summary>Base URL the HTTP API listens on, e.g. <c>http://127.0.0.1:8080</c>.</summary>
        public string HttpAddress { get; private set; } = "";

        /// <summary>Starts everything; throws with a clear message when a part cannot start.</summary>
        public static async Task<CellVarService> StartAsync(ServiceOptions o, ILoggerFactory logs, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(o.TopicRoot) || o.TopicRoot.Contains('#') || o.TopicRoot.Contains('+') || o.TopicRoot.EndsWith('/'))
                throw new ArgumentException($"topic root '{o.TopicRoot}' must be a plain topic prefix without wildcards or trailing '/'");
            DevicePrior? basePrior = o.PriorsFile == null ? null : PriorsFile.Load(o.PriorsFile);
            PriorKeys keys = o.PriorKeysFile != null ? PriorKeys.Load(o.PriorKeysFile) : o.PriorKeys ?? new PriorKeys();
            Store store = await Store.OpenAsync(o.Database, ct);
            var ingest = new IngestPipeline(store, o.TopicRoot, logs.CreateLogger("cellvar.ingest"));
            var s = new CellVarService(o, logs, store, ingest);
            s.Keys = keys;
            try
            {
                BrokerEndpoint endpoint;
                if (o.BrokerUrl == null)
                {
                    s.Credentials = o.CredentialsFile != null ? Mqtt.Credentials.Load(o.CredentialsFile) : o.Credentials ?? new Credentials();
                    TlsListener? tls = o.TlsCertificateFile == null ? null
                        : new TlsListener(TlsListener.LoadCertificate(o.TlsCertificateFile, o.TlsKeyFile), o.TlsAddress ?? o.MqttAddress, o.TlsPort);
                    s.Broker = new EmbeddedBroker(o.MqttAddress, o.MqttPort, s.Credentials, new TopicAcl(o.TopicRoot), o.TopicRoot, logs.CreateLogger("cellvar.broker"), tls);
                    if (o.EmbeddedDirectIngest)
                        s.Broker.DirectIngest = (topic, payload, needsAck) => DirectAsync(ingest, topic, payload, needsAck);
                    await s.Broker.StartAsync();
                    string host = o.MqttAddress.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : o.MqttAddress.ToString();
                    endpoint = new BrokerEndpoint(host, o.MqttPort, false, null, Mqtt.Credentials.ServiceUser, s.Credentials.ServicePassword);
                }
                else
                {
                    if (o.TlsCertificateFile != null)
                        throw new ArgumentException("--tls-cert configures the embedded broker; with --broker use an mqtts:// URL and --ca-file instead");
                    endpoint = BrokerEndpoint.Parse(o.BrokerUrl, o.CaFile);
                }
                s.Client = new BrokerClient(endpoint, o.ClientId, o.TopicRoot, o.ShareGroup, ingest, logs.CreateLogger("cellvar.mqtt"),
                    subscribe: s.Broker == null || !o.EmbeddedDirectIngest);
                await s.Client.ConnectAsync(TimeSpan.FromSeconds(30), ct);
                s.Priors = new PriorLoop(store, s.Client, o.TopicRoot, basePrior, new PopulationUpdate(), o.PriorInterval, logs.CreateLogger("cellvar.priors"), keys);
                (s._http, s.HttpAddress) = await HttpApi.StartAsync(s, o.HttpUrl, ct);
                return s;
            }
            catch
            {
                await s.DisposeAsync();
                throw;
            }
        }

        private static async Task DirectAsync(IngestPipeline ingest, string topic, byte[] payload, bool needsAck)
        {
            if (!needsAck)
            {
                await ingest.EnqueueAsync(topic, payload, null);
                return;
            }
            // The broker sends the device's PUBACK when this returns: only after the message is committed.
            var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await ingest.EnqueueAsync(topic, payload, () => { committed.TrySetResult(); return Task.CompletedTask; });
            await committed.Task;
        }

        /// <summary>Stops the API, the prior loop, the client, the broker and the ingest writer (flushing what is queued).</summary>
        public async ValueTask DisposeAsync()
        {
            if (_http != null)
            {
                await _http.StopAsync();
                await _http.DisposeAsync();
            }
            if (Priors != null)
                await Priors.DisposeAsync();
            if (Client != null)
                await Client.DisposeAsync();
            if (Broker != null)
                await Broker.DisposeAsync();
            await Ingest.DisposeAsync();
            Store.Dispose();
        }

        internal ILogger Logger(string name) => _logs.CreateLogger(name);
    }
}

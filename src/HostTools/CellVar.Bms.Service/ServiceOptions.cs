using System;
using System.Net;
using CellVar.Bms.Service.Mqtt;

namespace CellVar.Bms.Service
{
    /// <summary>Everything <c>cellvar serve</c> can be told; defaults give a working loopback service with no setup.</summary>
    public sealed class ServiceOptions
    {
        /// <summary>Topic root (protocol v1 default <c>cellvar/v1</c>).</summary>
        public string TopicRoot { get; set; } = "cellvar/v1";

        /// <summary>External broker URL (<c>mqtt://host:port</c>, <c>mqtts://host:port</c>); null runs the embedded broker.</summary>
        public string? BrokerUrl { get; set; }

        /// <summary>CA certificate (PEM) for an <c>mqtts://</c> broker.</summary>
        public string? CaFile { get; set; }

        /// <summary>MQTT 5 shared-subscription group for scaling out behind an external broker; null = plain subscriptions.</summary>
        public string? ShareGroup { get; set; }

        /// <summary>Address the embedded broker listens on.</summary>
        public IPAddress MqttAddress { get; set; } = IPAddress.Loopback;

        /// <summary>Port of the embedded broker.</summary>
        public int MqttPort { get; set; } = 1883;

        /// <summary>
        /// Server certificate for a TLS endpoint of the embedded broker: <c>.pfx</c>/<c>.p12</c> (no password) or PEM
        /// (key in <see cref="TlsKeyFile"/> or in the same file); null = no TLS endpoint.
        /// </summary>
        public string? TlsCertificateFile { get; set; }

        /// <summary>PEM private key of <see cref="TlsCertificateFile"/> when that is a PEM certificate without its key.</summary>
        public string? TlsKeyFile { get; set; }

        /// <summary>Address of the embedded broker's TLS endpoint; null = same as <see cref="MqttAddress"/>.</summary>
        public IPAddress? TlsAddress { get; set; }

        /// <summary>Port of the embedded broker's TLS endpoint.</summary>
        public int TlsPort { get; set; } = 8883;

        /// <summary>Monitor credentials of the embedded broker (file lines <c>monitor-id password</c>).</summary>
        public string? CredentialsFile { get; set; }

        /// <summary>Per-monitor signing keys for priors/configs (file lines <c>monitor-id hexkey</c>); monitors without a key get unsigned messages.</summary>
        public string? PriorKeysFile { get; set; }

        /// <summary>Signing keys given in code (tests); used when <see cref="PriorKeysFile"/> is null.</summary>
        public Priors.PriorKeys? PriorKeys { get; set; }

        /// <summary>Credentials given in code (tests); used when <see cref="CredentialsFile"/> is null.</summary>
        public Credentials? Credentials { get; set; }

        /// <summary>SQLite file path, or <c>postgres://user:password@host:port/database</c>.</summary>
        public string Database { get; set; } = "cellvar.db";

        /// <summary>HTTP API listen URL (loopback by default; port 0 picks a free port).</summary>
        public string HttpUrl { get; set; } = "http://127.0.0.1:8080";

        /// <summary>
        /// Access token every HTTP request (API and mounted components such as the dashboard) must carry when set:
        /// <c>Authorization: Bearer &lt;token&gt;</c>, or <c>?token=</c> once (sets an HttpOnly cookie). Mandatory when
        /// <see cref="HttpUrl"/> is not loopback — the service refuses to start otherwise. Null (the default) = none
        /// (loopback only). The library never reads the environment; <c>cellvar serve</c>/<c>demo</c> fill this from
        /// <c>CELLVAR_HTTP_TOKEN</c> / <c>CELLVAR_DASHBOARD_TOKEN</c> (<see cref="Api.HttpAccessGuard.TokenFromEnvironment"/>).
        /// </summary>
        public string? HttpAccessToken { get; set; }

        /// <summary>Period of the scheduled prior update; zero turns the schedule off.</summary>
        public TimeSpan PriorInterval { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Base prior file (cellvar-priors v1), or null.</summary>
        public string? PriorsFile { get; set; }

        /// <summary>A monitor not heard from for this long is shown as stale.</summary>
        public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>
        /// With the embedded broker, take device messages straight from the broker's publish hook instead of through a
        /// subscription of the service's own client (half the MQTT work per message; same validation, batching and
        /// ack-after-commit). False routes them through the client as with an external broker.
        /// </summary>
        public bool EmbeddedDirectIngest { get; set; } = true;

        /// <summary>Client id of the service's MQTT session (must be unique per instance; keeps its queue across restarts).</summary>
        public string ClientId { get; set; } = "cellvar-service-" + Environment.MachineName.ToLowerInvariant();

        /// <summary>Extra endpoints/middleware mounted on the HTTP app after the API (e.g. the dashboard); null = none.</summary>
        public Action<Microsoft.AspNetCore.Builder.WebApplication, CellVarService>? ConfigureHttp { get; set; }
    }
}

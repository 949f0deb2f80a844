using CellVar.Bms.Service.Protocol;

namespace CellVar.Bms.Service.Mqtt
{
    /// <summary>
    /// Topic permissions of the embedded broker (the same rules as the Mosquitto ACL in Protocol/PROTOCOL.md):
    /// a monitor publishes only its own state/telemetry/alert/status and subscribes only to its own prior/config;
    /// the service reads everything under the root and writes priors and configs.
    /// </summary>
    public sealed class TopicAcl
    {
        private readonly string _root;

        /// <summary>Creates the rules for topics under <paramref name="topicRoot"/>.</summary>
        public TopicAcl(string topicRoot)
        {
            _root = topicRoot;
        }

        /// <summary>May <paramref name="user"/> publish to <paramref name="topic"/>?</summary>
        public bool MayPublish(string user, string topic)
        {
            TopicAddress? a = TopicAddress.TryParse(_root, topic);
            if (a == null)
                return false;
            if (user == Credentials.ServiceUser)
                return a.Kind is TopicKind.Prior or TopicKind.Config;
            return a.Monitor == user && a.Kind is TopicKind.State or TopicKind.Telemetry or TopicKind.Alert or TopicKind.Status;
        }

        /// <summary>May <paramref name="user"/> subscribe to <paramref name="filter"/>? Monitors get exact topics only (no wildcards).</summary>
        public bool MaySubscribe(string user, string filter)
        {
            if (user == Credentials.ServiceUser)
                return filter == _root + "/#" || filter.StartsWith(_root + "/", System.StringComparison.Ordinal);
            TopicAddress? a = TopicAddress.TryParse(_root, filter);
            return a != null && a.Monitor == user && a.Kind is TopicKind.Prior or TopicKind.Config;
        }
    }
}

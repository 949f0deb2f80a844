using System;

namespace CellVar.Bms.Service.Protocol
{
    /// <summary>A parsed topic <c>&lt;root&gt;/&lt;site&gt;/&lt;monitor&gt;/&lt;kind&gt;</c>.</summary>
    /// <param name="Site">Site id.</param>
    /// <param name="Monitor">Monitor id.</param>
    /// <param name="Kind">Message kind.</param>
    public sealed record TopicAddress(string Site, string Monitor, TopicKind Kind)
    {
        /// <summary>Builds the full topic under <paramref name="root"/>.</summary>
        public string ToTopic(string root) => $"{root}/{Site}/{Monitor}/{KindName(Kind)}";

        /// <summary>Wire name of a kind.</summary>
        public static string KindName(TopicKind k) => k switch
        {
            TopicKind.State => "state", TopicKind.Telemetry => "telemetry", TopicKind.Alert => "alert",
            TopicKind.Status => "status", TopicKind.Prior => "prior", TopicKind.Config => "config",
            _ => throw new ArgumentOutOfRangeException(nameof(k)),
        };

        /// <summary>Parses <paramref name="topic"/> under <paramref name="root"/>; null when it is not a v1 topic.</summary>
        public static TopicAddress? TryParse(string root, string topic)
        {
            if (!topic.StartsWith(root + "/", StringComparison.Ordinal))
                return null;
            string[] parts = topic.Substring(root.Length + 1).Split('/');
            if (parts.Length != 3 || !IsValidId(parts[0]) || !IsValidId(parts[1]))
                return null;
            TopicKind? kind = parts[2] switch
            {
                "state" => TopicKind.State, "telemetry" => TopicKind.Telemetry, "alert" => TopicKind.Alert,
                "status" => TopicKind.Status, "prior" => TopicKind.Prior, "config" => TopicKind.Config, _ => null,
            };
            return kind == null ? null : new TopicAddress(parts[0], parts[1], kind.Value);
        }

        /// <summary>Same rule as the device: 1–24 characters of <c>[A-Za-z0-9_.-]</c>.</summary>
        public static bool IsValidId(string s)
        {
            if (string.IsNullOrEmpty(s) || s.Length > 24)
                return false;
            foreach (char c in s)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' || c == '.'))
                    return false;
            }
            return true;
        }
    }
}

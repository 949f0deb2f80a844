using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace CellVar.Bms.Tests.Common
{
    /// <summary>
    /// The golden payloads of protocol v1 in tests/golden/mqtt and their manifest, shared by the device-side
    /// (Protocol.Tests) and host-side (Service.Tests) checks so both read the same files the same way.
    /// </summary>
    internal static class Golden
    {
        /// <summary>tests/golden/mqtt.</summary>
        public static string Dir => Path.Combine(RepoPaths.Tests, "golden", "mqtt");

        /// <summary>The protocol's JSON Schemas, which every golden payload must satisfy.</summary>
        public static string Schemas => Path.Combine(RepoPaths.Root, "src", "HostTools", "CellVar.Bms.Service", "Protocol", "schemas");

        /// <summary>Site of the golden topics (manifest "site").</summary>
        public const string Site = "lab";

        /// <summary>Monitor of the golden topics and payloads (manifest "monitor").</summary>
        public const string Monitor = "rig1-m01";

        /// <summary>The exact bytes on the wire.</summary>
        public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Dir, file));

        /// <summary>The payload as text (the protocol is ASCII JSON).</summary>
        public static string Text(string file) => Encoding.ASCII.GetString(Bytes(file));

        /// <summary>The payload parsed as JSON.</summary>
        public static JsonElement Json(string file) => JsonDocument.Parse(Bytes(file)).RootElement;

        /// <summary>One manifest entry: the file, its topic suffix, "ok" or the expected rejection, and the field it must name.</summary>
        public sealed record Case(string File, string Topic, string Expect, string? Field);

        /// <summary>Every case of the manifest, in its order.</summary>
        public static IReadOnlyList<Case> Cases()
        {
            var root = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Dir, "manifest.json"))).RootElement;
            var list = new List<Case>();
            foreach (var c in root.GetProperty("cases").EnumerateArray())
                list.Add(new Case(c.GetProperty("file").GetString()!, c.GetProperty("topic").GetString()!, c.GetProperty("expect").GetString()!,
                    c.TryGetProperty("field", out var f) ? f.GetString() : null));
            return list;
        }

        /// <summary>Whether a topic suffix is published by the monitor (the rest are host to device).</summary>
        public static bool DeviceToHost(string topic) => topic is "state" or "telemetry" or "alert" or "status";
    }
}

using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Protocol.Tests
{
    /// <summary>Reads tests/golden/mqtt and its manifest.</summary>
    internal static class Golden
    {
        public static string Dir => Path.Combine(RepoPaths.Tests, "golden", "mqtt");

        public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Dir, file));

        public static string Text(string file) => Encoding.ASCII.GetString(Bytes(file));

        public static JsonElement Json(string file) => JsonDocument.Parse(Bytes(file)).RootElement;

        public sealed record Case(string File, string Topic, string Expect, string? Field);

        public static IReadOnlyList<Case> Cases()
        {
            var root = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Dir, "manifest.json"))).RootElement;
            var list = new List<Case>();
            foreach (var c in root.GetProperty("cases").EnumerateArray())
                list.Add(new Case(c.GetProperty("file").GetString()!, c.GetProperty("topic").GetString()!, c.GetProperty("expect").GetString()!,
                    c.TryGetProperty("field", out var f) ? f.GetString() : null));
            return list;
        }
    }
}

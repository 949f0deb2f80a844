using System.Security.Cryptography;
using System.Text;
using CellVar.Bms.OnDevice.Security;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Security.Tests;

/// <summary>Builds signed payloads the way README.md specifies, with .NET's HMACSHA256 (independent of the device code).</summary>
internal static class SignedPayloads
{
    public static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(0xa0 + i)).ToArray();
    public static readonly byte[] OtherKey = Enumerable.Range(0, 32).Select(i => (byte)(0x10 + i)).ToArray();

    public static string GoldenPrior() =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "golden", "mqtt", "prior.json"));

    public static string GoldenConfig() =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "golden", "mqtt", "config.json"));

    /// <summary>Golden prior with its id replaced, so tests can make older/newer versions.</summary>
    public static string PriorWithId(int id) => GoldenPrior().Replace("\"id\":17,", $"\"id\":{id},");

    public static byte[] Sign(string json, string label = PriorAuthenticator.PriorLabel, byte[]? key = null)
    {
        if (!json.EndsWith('}'))
            throw new ArgumentException("not an object");
        string body = json[..^1];
        byte[] mac = HMACSHA256.HashData(key ?? Key, Encoding.ASCII.GetBytes(label + "\n" + body));
        return Encoding.ASCII.GetBytes(body + ",\"mac\":\"" + Convert.ToHexString(mac).ToLowerInvariant() + "\"}");
    }
}

using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Input generators: mutants of valid golden inputs (bit flips, interesting bytes, deletions, insertions of
/// grammar tokens and extreme numbers, duplicated ranges, truncation), token soups and raw random bytes.
/// A mutant is fully determined by the generated (seed index, mutation count, RNG seed), so a failure reproduces.
/// </summary>
internal static partial class Inputs
{
    private static readonly string[] JsonBase =
    {
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "-", "0", "-0", "1.5", "1e9", "1E-9", ".5", "+1",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999", "1e309", "NaN", "Infinity", "\"\"", "[]", "{}", "\\", "\\\"", "\\u0000", " ", "\n", "\t",
        "\u00e9", "\u0000", "[[[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":", "\"\u00ff\"", "/*", "//",
    };

    private static readonly string[] CsvBase =
    {
        ",", ",,", "\n", "\r\n", "\r", "\"", "#", "NaN", "-", "1e309", "-1e309", "Infinity", "-Infinity", "0", "-0", "1.5", "1,5",
        "99999999999999999999", "1e-400", " ", "\t", "\u00e9", "\u0000", "abc", "\ufeff",
    };

    private static readonly byte[] Interesting =
        "{}[]\":,-09.eE\\ \n\tntfx"u8.ToArray().Concat(new byte[] { 0x00, 0x7f, 0x80, 0xc3, 0xff }).ToArray();

    public static string Golden(string file) => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "golden", "mqtt", file));

    public static string Example(string file) => File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "HostTools", "examples", file));

    public static string Seed(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", file));

    /// <summary>The first <paramref name="lines"/> lines of a text (rig logs are MBs; the grammar is in the first lines).</summary>
    public static string Head(string text, int lines) => string.Join("\n", text.Split('\n').Take(lines)) + "\n";

    /// <summary>JSON grammar tokens plus every quoted key/value found in the seeds (so mutants hit real field names).</summary>
    public static byte[][] JsonTokens(params string[] seeds) =>
        JsonBase.Concat(seeds.SelectMany(s => QuotedString().Matches(s).Select(m => m.Value))).Distinct()
            .Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>CSV tokens plus the header names of the seeds.</summary>
    public static byte[][] CsvTokens(params string[] seeds) =>
        CsvBase.Concat(seeds.SelectMany(s => s.Split('\n').Where(l => !l.StartsWith('#')).Take(1).SelectMany(l => l.Split(','))))
            .Distinct().Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Mutants of the seeds (weight 8), token soups (1) and random bytes (1).</summary>
    public static Gen<byte[]> Mixed(string[] seeds, byte[][] tokens)
    {
        byte[][] seedBytes = seeds.Select(Encoding.UTF8.GetBytes).ToArray();
        Gen<byte[]> mutants = Gen.Select(Gen.Int[0, seedBytes.Length - 1], Gen.Frequency((4, Gen.Const(1)), (3, Gen.Int[2, 6])), Gen.Int,
            (s, n, r) => Mutate(seedBytes[s], n, new Random(r), tokens));
        Gen<byte[]> soup = Gen.Int[0, tokens.Length - 1].Array[0, 60].Select(ix => ix.SelectMany(i => tokens[i]).ToArray());
        Gen<byte[]> random = Gen.Byte.Array[0, 400];
        return Gen.Frequency((8, mutants), (1, soup), (1, random));
    }

    public static byte[] Mutate(byte[] seed, int mutations, Random rng, byte[][] tokens)
    {
        var b = new List<byte>(seed);
        for (int m = 0; m < mutations; m++)
        {
            int at = b.Count == 0 ? 0 : rng.Next(b.Count);
            switch (rng.Next(9))
            {
                case 0 when b.Count > 0:
                    b[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when b.Count > 0:
                    b[at] = Interesting[rng.Next(Interesting.Length)];
                    break;
                case 2 when b.Count > 0:
                    b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(16)));
                    break;
                case 3:
                case 4:
                    b.InsertRange(at, tokens[rng.Next(tokens.Length)]);
                    break;
                case 5 when b.Count > 0:
                    int len = Math.Min(b.Count - at, 1 + rng.Next(48));
                    b.InsertRange(rng.Next(b.Count + 1), b.GetRange(at, len));
                    break;
                case 6:
                    b.RemoveRange(at, b.Count - at);
                    break;
                case 7:
                    ReplaceNumber(b, rng);
                    break;
                default:
                    if (b.Count > 1)
                        (b[at], b[rng.Next(b.Count)]) = (b[rng.Next(b.Count)], b[at]);
                    break;
            }
        }
        return b.ToArray();
    }

    private static readonly string[] Numbers =
    {
        "0", "-1", "1", "-0", "2147483647", "2147483648", "-2147483648", "9223372036854775807", "18446744073709551616",
        "1e308", "1e309", "-1e309", "4.9e-324", "1.5", "NaN", "00", "0x10", "1000000000",
    };

    /// <summary>Replaces one run of digits (a number field) by an extreme or malformed number.</summary>
    private static void ReplaceNumber(List<byte> b, Random rng)
    {
        int start = rng.Next(b.Count + 1);
        while (start < b.Count && (b[start] < '0' || b[start] > '9'))
            start++;
        if (start >= b.Count)
            return;
        int end = start;
        while (end < b.Count && b[end] >= '0' && b[end] <= '9')
            end++;
        b.RemoveRange(start, end - start);
        b.InsertRange(start, Encoding.ASCII.GetBytes(Numbers[rng.Next(Numbers.Length)]));
    }

    [GeneratedRegex("\"[^\"\\\\]{1,30}\"")]
    private static partial Regex QuotedString();
}

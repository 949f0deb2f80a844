namespace CellVar.Bms.Security.Tests;

internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex);

    public static string Of(byte[] bytes, int count = -1) =>
        Convert.ToHexString(bytes, 0, count < 0 ? bytes.Length : count).ToLowerInvariant();

    public static byte[] Repeat(byte value, int count)
    {
        var b = new byte[count];
        Array.Fill(b, value);
        return b;
    }
}

using CsCheck;
namespace CellVar.Bms.Fuzz.Tests;
internal static class Probe
{
    public static int X()
    {
        var pcg = new PCG(1, 42);
        int v = Gen.Int[0, 10].Generate(pcg, null, out _);
        return v;
    }
}

using System.Collections.Concurrent;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Collects "harness → inputs run" across the test run and appends it to fuzz-counts.txt in the test output folder,
/// so the number of generated inputs per harness can be read after a CI run without verbose logging.
/// </summary>
internal static class FuzzLedger
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();

    public static void Record(string harness, int inputs)
    {
        Counts[harness] = inputs;
        try
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-counts.txt"), $"{DateTime.UtcNow:O}\t{harness}\t{inputs}\n");
        }
        catch (IOException)
        {
            // The ledger is a convenience; the counts are also in the test output.
        }
    }
}

using System.Diagnostics;
using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace CellVar.Bms.Fuzz.Tests;

/// <summary>
/// Runs one property over generated inputs from a fixed seed (so CI sees the same inputs every run), on one thread
/// (the CI machine has 2 cores), with a watchdog: if the decoder does not return, the test fails naming the input.
/// Each property returns an outcome label ("accepted", "rejected:range", …); the tally goes to the test output.
/// </summary>
internal static class FuzzHarness
{
    /// <summary>Per-harness iterations in CI; CELLVAR_FUZZ_ITER overrides it (e.g. 1000000 for a local night run).</summary>
    public static int Iterations(int ciDefault)
    {
        string? env = Environment.GetEnvironmentVariable("CELLVAR_FUZZ_ITER");
        return int.TryParse(env, out int n) && n > 0 ? n : ciDefault;
    }

    // A linear decoder on ≤ 8 KB takes microseconds; 5 s leaves room for GC pauses and a busy shared 2-core machine,
    // while anything quadratic-or-worse on these sizes, or a loop, still trips it.
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);

    public sealed record Result(int Inputs, IReadOnlyDictionary<string, int> Outcomes, double MaxMillisecondsPerInput)
    {
        public int Count(string prefix) => Outcomes.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(kv => kv.Value);
    }

    public static Result Run<T>(ITestOutputHelper output, string name, Gen<T> gen, Func<T, string> describe, Func<T, string> property,
        int iterations, ulong seed, Func<Exception, string?>? knownBug = null)
    {
        var outcomes = new Dictionary<string, int>();
        int done = 0;
        double maxMs = 0;
        string current = "";
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            var pcg = new PCG(7, seed);
            try
            {
                for (int i = 0; i < iterations; i++)
                {
                    T input = gen.Generate(pcg, null, out _);
                    Volatile.Write(ref current, describe(input));
                    long t0 = Stopwatch.GetTimestamp();
                    string outcome;
                    try
                    {
                        outcome = property(input);
                    }
                    catch (Exception e) when (e is not FuzzFailure && knownBug?.Invoke(e) is string bugId)
                    {
                        // A finding kept as a skipped test while its decoder is being fixed: count it, keep fuzzing the rest.
                        outcome = "known-bug:" + bugId;
                    }
                    catch (Exception e)
                    {
                        throw new FuzzFailure($"{name}: input #{i} failed: {e.GetType().Name}: {e.Message}\ninput: {Volatile.Read(ref current)}", e);
                    }
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (ms > PerInputLimit.TotalMilliseconds)
                        throw new FuzzFailure($"{name}: input #{i} took {ms:F0} ms (limit {PerInputLimit.TotalMilliseconds} ms)\ninput: {current}", null);
                    maxMs = Math.Max(maxMs, ms);
                    outcomes[outcome] = outcomes.TryGetValue(outcome, out int c) ? c + 1 : 1;
                    done++;
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "fuzz " + name };
        worker.Start();
        // Generous: in CI a healthy harness takes seconds; CELLVAR_FUZZ_ITER runs get 20 ms per input on top.
        var watchdog = TimeSpan.FromSeconds(90) + TimeSpan.FromMilliseconds(20.0 * iterations);
        if (!worker.Join(watchdog))
            throw new FuzzFailure($"{name}: no answer after {watchdog.TotalSeconds:F0} s — a decoder is probably looping on input #{done}: {Volatile.Read(ref current)}", null);
        if (failure != null)
            throw failure is FuzzFailure ? failure : new FuzzFailure($"{name}: harness error", failure);
        var sb = new StringBuilder();
        sb.Append($"{name}: {done} generated inputs, max {maxMs:F2} ms per input; outcomes:");
        foreach (var kv in outcomes.OrderByDescending(kv => kv.Value))
            sb.Append($" {kv.Key}={kv.Value}");
        output.WriteLine(sb.ToString());
        FuzzLedger.Record(name, done);
        return new Result(done, outcomes, maxMs);
    }

    /// <summary>Printable form of an input for failure messages: ASCII as is, everything else as \xNN, capped.</summary>
    public static string Show(byte[] b)
    {
        var sb = new StringBuilder();
        foreach (byte x in b.Take(3000))
            sb.Append(x >= 0x20 && x < 0x7f && x != '\\' ? ((char)x).ToString() : $"\\x{x:x2}");
        if (b.Length > 3000)
            sb.Append($"…(+{b.Length - 3000} bytes)");
        return $"[{b.Length} bytes] " + sb;
    }

    public static string Show(string s) => Show(Encoding.UTF8.GetBytes(s));
}

/// <summary>A property violation found by the fuzzer (carries the offending input in its message).</summary>
public sealed class FuzzFailure(string message, Exception? inner) : Exception(message, inner);

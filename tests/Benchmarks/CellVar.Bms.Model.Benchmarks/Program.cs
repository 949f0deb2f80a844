using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;

namespace CellVar.Bms.Model.Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release -- --population 10000 [--threads 2] [--step 10]</c> runs the population harness;
    /// anything else goes to BenchmarkDotNet (e.g. <c>--filter *</c>).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            int i = Array.IndexOf(args, "--population");
            if (i >= 0)
            {
                int cells = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                int threads = Value(args, "--threads", 2);
                double step = Value(args, "--step", 10.0);
                PopulationHarness.Run(cells, threads, step);
                return;
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }

        private static T Value<T>(string[] args, string name, T fallback) where T : IParsable<T>
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? T.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}

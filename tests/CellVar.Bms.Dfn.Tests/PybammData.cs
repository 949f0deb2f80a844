using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Dfn.Tests
{
    /// <summary>Reads the PyBaMM Chen2020 reference traces in ../shared/data/pybamm_chen2020.</summary>
    internal sealed class PybammData
    {
        public required double[] Time_s { get; init; }
        public required double[] Current_A { get; init; }
        public required double[] Voltage_V { get; init; }

        public static PybammData Load(string fileName)
        {
            string path = Path.Combine(RepoPaths.SharedData, "pybamm_chen2020", fileName);
            var t = new List<double>(); var i = new List<double>(); var v = new List<double>();
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("Time", System.StringComparison.Ordinal) || line.Length == 0) continue;
                string[] f = line.Split(',');
                t.Add(double.Parse(f[0], CultureInfo.InvariantCulture));
                i.Add(double.Parse(f[1], CultureInfo.InvariantCulture));
                v.Add(double.Parse(f[2], CultureInfo.InvariantCulture));
            }
            return new PybammData { Time_s = t.ToArray(), Current_A = i.ToArray(), Voltage_V = v.ToArray() };
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Model.Tests
{
    /// <summary>A PyBaMM trace from shared/data/pybamm_chen2020 (time, current, voltage).</summary>
    internal sealed class ReferenceTrace
    {
        public List<double> Time_s { get; } = new();
        public List<double> Current_A { get; } = new();
        public List<double> Voltage_V { get; } = new();

        public static ReferenceTrace Load(string fileName)
        {
            var t = new ReferenceTrace();
            string path = Path.Combine(RepoPaths.SharedData, "pybamm_chen2020", fileName);
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("Time")) continue;
                var f = line.Split(',');
                t.Time_s.Add(double.Parse(f[0], CultureInfo.InvariantCulture));
                t.Current_A.Add(double.Parse(f[1], CultureInfo.InvariantCulture));
                t.Voltage_V.Add(double.Parse(f[2], CultureInfo.InvariantCulture));
            }
            return t;
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Population.Physics;
using CellVar.Bms.Tests.Common;
using Xunit.Abstractions;

namespace CellVar.Bms.Population.Tests
{
    /// <summary>How far the fast population cell ("spm-fast") is from PyBaMM on the shared Chen2020 reference traces.</summary>
    public class FastCellAccuracyTests
    {
        private readonly ITestOutputHelper _out;
        public FastCellAccuracyTests(ITestOutputHelper o) { _out = o; }

        private static double Rms(string file, out double max, out double meanError)
        {
            var rows = File.ReadAllLines(Path.Combine(RepoPaths.SharedData, "pybamm_chen2020", file)).Skip(1)
                .Select(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var p = ParameterSets.Chen2020;
            var cell = new ReducedSpmStepper(p, 0.75);
            double se = 0, sum = 0; max = 0; int n = 0;
            for (int k = 0; k < rows.Length; k++)
            {
                if (k > 0) cell.Step(rows[k - 1][1], rows[k][0] - rows[k - 1][0]);
                cell.SetCurrent(rows[k][1]);
                double e = cell.Voltage_V - rows[k][2];
                sum += e; se += e * e; max = Math.Max(max, Math.Abs(e)); n++;
            }
            meanError = sum / n;
            return Math.Sqrt(se / n);
        }

        [Fact]
        public void FastCellTracksPyBaMMWithinItsStatedAccuracy()
        {
            double rmsSpme = Rms("spme_charge_discharge_75.csv", out double maxSpme, out double biasSpme);
            double rmsDfn = Rms("dfn_charge_discharge_75.csv", out double maxDfn, out _);
            _out.WriteLine($"spm-fast vs PyBaMM SPMe: rms {rmsSpme * 1000:F1} mV, max {maxSpme * 1000:F1} mV, bias {biasSpme * 1000:F1} mV; vs DFN: rms {rmsDfn * 1000:F1} mV, max {maxDfn * 1000:F1} mV");
            // One time constant per particle and for the electrolyte cannot follow the √t response in the first ~20 s after a
            // current step, so the max error sits there; the README states "≤ 10 mV rms, ≤ 40 mV max vs PyBaMM SPMe/DFN at 0.5C".
            Assert.True(rmsSpme < 0.010, $"rms {rmsSpme * 1000:F1} mV");
            Assert.True(maxSpme < 0.040, $"max {maxSpme * 1000:F1} mV");
            Assert.True(rmsDfn < 0.010, $"rms vs DFN {rmsDfn * 1000:F1} mV");
        }
    }
}

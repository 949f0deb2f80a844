using System;
using System.Linq;
using CellVar.Bms.Model.Parameters;
using CellVar.Bms.Model.Profiles;
using CellVar.Bms.Model.Simulation;
using CellVar.Bms.Model.Spme;
using Xunit.Abstractions;

namespace CellVar.Bms.Model.Tests
{
    /// <summary>SPMe against PyBaMM's SPMe and DFN traces (SOC 0.75, 2 s rest, 0.5C discharge 40 min, 0.5C charge 20 min).</summary>
    public sealed class SpmeAccuracyTests
    {
        private readonly ITestOutputHelper _out;
        public SpmeAccuracyTests(ITestOutputHelper output) => _out = output;

        // The experiment as PyBaMM ran it (pybop's discharge_charge_data_gen): the file's current column is sampled at the end
        // of each 20 s interval, so the profile is rebuilt from the protocol rather than from that column.
        private static CurrentProfile Experiment() => CurrentProfile.Steps((2, 0.0), (2400, 2.5), (1200, -2.5));

        private static (double Rms, double Max) Compare(string file, double step)
        {
            var reference = ReferenceTrace.Load(file);
            var result = new SpmeModel().Simulate(ParameterSets.Chen2020, Experiment(),
                new SimulationOptions { InitialSoc = 0.75, TimeStep_s = step, OutputTimes_s = reference.Time_s });
            Assert.Equal(TerminationReason.ProfileCompleted, result.Termination);
            Assert.Equal(reference.Time_s.Count, result.Count);
            double sum = 0, max = 0;
            for (int i = 0; i < result.Count; i++)
            {
                Assert.Equal(reference.Time_s[i], result.Time_s[i], 9);
                double e = result.Voltage_V[i] - reference.Voltage_V[i];
                sum += e * e;
                max = Math.Max(max, Math.Abs(e));
            }
            return (Math.Sqrt(sum / result.Count), max);
        }

        [Fact]
        public void Matches_PyBaMM_SPMe_within_5_mV_rms()
        {
            var (rms, max) = Compare("spme_charge_discharge_75.csv", 1.0);
            _out.WriteLine($"SPMe vs PyBaMM SPMe: rms {rms * 1e3:F3} mV, max {max * 1e3:F3} mV");
            // Issue target; the reference carries 0.5 mV Gaussian noise, so ~0.5 mV rms is the floor.
            Assert.True(rms < 5e-3, $"rms {rms * 1e3:F3} mV");
        }

        [Fact]
        public void Matches_PyBaMM_DFN_within_8_mV_max()
        {
            var (rms, max) = Compare("dfn_charge_discharge_75.csv", 1.0);
            _out.WriteLine($"SPMe vs PyBaMM DFN: rms {rms * 1e3:F3} mV, max {max * 1e3:F3} mV");
            // Issue target; PyBaMM's own SPMe is 3.8 mV max from its DFN on this experiment.
            Assert.True(max < 8e-3, $"max {max * 1e3:F3} mV");
        }
    }
}

using System;
using System.IO;
using System.Linq;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Replay;
using CellVar.Bms.Rig.Simulation;

namespace CellVar.Bms.Rig.Tests
{
    /// <summary>
    /// The shipped example logs, replayed through the device library with its default prior, give the outcomes their
    /// ground truth calls for: the weld cell alone gets a resistance alert, the hot cell alone a hot-cell alert, and the
    /// healthy pack no cell-defect alert at all.
    /// </summary>
    public class ReplayOutcomeTests
    {
        private static readonly string[] DefectKinds = ["resistance_outlier", "hot_cell", "capacity_outlier", "drift"];

        private static ReplayResult Replay(string scenario) =>
            ReplayRunner.Run(ExampleLogs.Load(scenario), new MonitorSettings(), null, Path.GetFileName(ExampleLogs.PathOf(scenario)));

        /// <summary>The defect cell the example's "# truth:" line names (the file states its own ground truth).</summary>
        private static int TruthCell(string scenario)
        {
            string truth = File.ReadLines(ExampleLogs.PathOf(scenario)).First(l => l.StartsWith("# truth:", StringComparison.Ordinal));
            string[] words = truth.Split(' ');
            int i = Array.IndexOf(words, "cell");
            return i < 0 ? 0 : int.Parse(words[i + 1]);
        }

        private static (int? Cell, string Kind)[] RaisedDefects(ReplayResult r) =>
            r.Alerts.Where(a => a.Raised && DefectKinds.Contains(a.Kind)).Select(a => (a.Cell, a.Kind)).Distinct().ToArray();

        [Fact]
        public void Weld_Log_Raises_A_Resistance_Alert_On_The_Weld_Cell_Only()
        {
            int weld = TruthCell("weld");
            Assert.Equal(new PackSimulationOptions { Scenario = RigScenario.Weld }.EffectiveDefectCell, weld);
            ReplayResult r = Replay("weld");
            Assert.Equal(new (int?, string)[] { (weld, "resistance_outlier") }, RaisedDefects(r));
            Assert.DoesNotContain(r.Alerts, a => a.Kind == "sensor_fault");
            // The estimate itself separates the weld cell by about its 3.6 mΩ contact (truth line): ≥ 2.5 mΩ above the median.
            CellSummary c = r.Cells[weld - 1];
            Assert.True(c.R0_mOhm - r.R0Median_mOhm >= 2.5, $"weld cell R0 {c.R0_mOhm} vs median {r.R0Median_mOhm}");
            Assert.Contains("resistance_outlier", c.ActiveAlerts);
        }

        [Fact]
        public void Hot_Log_Raises_A_Hot_Cell_Alert_On_The_Hot_Cell_Only()
        {
            int hot = TruthCell("hot");
            Assert.Equal(new PackSimulationOptions { Scenario = RigScenario.Hot }.EffectiveDefectCell, hot);
            ReplayResult r = Replay("hot");
            Assert.Equal(new (int?, string)[] { (hot, "hot_cell") }, RaisedDefects(r));
            Assert.DoesNotContain(r.Alerts, a => a.Kind == "sensor_fault");
            Assert.Contains("hot_cell", r.Cells[hot - 1].ActiveAlerts);
        }

        [Fact]
        public void Healthy_Log_Raises_No_Alerts()
        {
            ReplayResult r = Replay("healthy");
            Assert.Empty(r.Alerts);
            Assert.All(r.Cells, c => Assert.Equal(0, c.FlaggedSamples));
        }

        [Fact]
        public void Healthy_Log_Estimates_Match_The_Simulators_Truth()
        {
            // The host simulator's ground truth for the same seed; the device's estimates from the log must agree.
            CellParameters[] truth = PackSimulator.DrawCells(new PackSimulationOptions { Scenario = RigScenario.Healthy, Seed = 1 });
            ReplayResult r = Replay("healthy");
            foreach (CellSummary c in r.Cells)
            {
                CellParameters t = truth[c.Cell - 1];
                // Capacity from one 29 % swing between relaxed rests. The simulator uses the device's OCV table, so the error
                // is the SOC read from one noisy rest voltage at each end: 1 mV / (6..9 mV per % SOC) ≈ 0.17 % SOC each,
                // ≈ 0.8 % of the swing (1 σ); 3 % is ~3.7 σ, safe for the largest of 16 cells.
                Assert.InRange(c.Capacity_Ah!.Value, t.Capacity_Ah * 0.97, t.Capacity_Ah * 1.03);
                // ΔV/ΔI over one 1-s tick also contains the RC pair's first-second response (+R1·(1 − e^(−1/30)) ≈ +0.33 mΩ)
                // and the cells run warmer than the 25 °C truth (−1.1 %/K × up to 4 K × 18 mΩ ≈ −0.8 mΩ at most):
                // the device estimate must lie in [−0.8, +0.35] mΩ of the truth.
                Assert.InRange(c.R0_mOhm!.Value - t.R0_Ohm * 1000, -0.8, 0.35);
                Assert.NotNull(c.R0Se_mOhm);
            }
        }

        [Theory]
        [InlineData("healthy", RigScenario.Healthy)]
        [InlineData("weld", RigScenario.Weld)]
        [InlineData("hot", RigScenario.Hot)]
        public void Example_Logs_Are_Reproduced_By_Their_Documented_Command(string name, RigScenario scenario)
        {
            string first = File.ReadLines(ExampleLogs.PathOf(name)).First();
            Assert.Equal($"# generated by: cellvar rig-log --scenario {name} --cells 16 --seed 1 --out rig-{name}-16s.csv", first);
            RigLog shipped = ExampleLogs.Load(name);
            RigLog fresh = PackSimulator.Run(new PackSimulationOptions { Scenario = scenario, CellCount = 16, Seed = 1 }).Log;
            Assert.Equal(fresh.RowCount, shipped.RowCount);
            // Tolerance = one output step (1 mA, 0.1 mV, 0.01 K): a last-bit difference in Math.Exp on another CPU may flip one rounding.
            for (int k = 0; k < fresh.RowCount; k += 7)
            {
                Assert.Equal(fresh.Current_A[k], shipped.Current_A[k], 0.0010001);
                for (int c = 0; c < 16; c++)
                {
                    Assert.Equal(fresh.CellVoltage_V[c][k], shipped.CellVoltage_V[c][k], 0.00010001);
                    Assert.Equal(fresh.Temperature_C[c][k], shipped.Temperature_C[c][k], 0.010001);
                }
            }
            Assert.True(new FileInfo(ExampleLogs.PathOf(name)).Length < 2_000_000, "example logs must stay below 2 MB");
        }
    }
}

using System.IO;
using System.Linq;
using CellVar.Bms.OnDevice.Diagnosis;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Priors;
using CellVar.Bms.Rig.Replay;

namespace CellVar.Bms.Rig.Tests
{
    /// <summary>--priors: the host file reaches the device in device units and drives its decisions.</summary>
    public class ReplayPriorTests
    {
        private const string Priors = """
            {
              "format": "cellvar-priors", "version": 1, "source": "test population",
              "quantities": [
                { "name": "resistance", "unit": "mOhm", "family": "normal_defect_mixture", "location": 18.0, "scale": 0.2,
                  "defect_weight": 0.002, "defect_location": 22.0, "defect_scale": 0.5, "threshold_high": 19.0, "threshold_low": null }
              ],
              "cells": [ { "cell": 2, "name": "resistance", "location": 18.5, "scale": 0.4 } ]
            }
            """;

        [Fact]
        public void Converts_To_Device_Units()
        {
            PriorFile f = PriorFileReader.Read(PriorFileReaderTests.Example, "p.json");
            Prior r = DevicePriorConverter.ToDevice(f.Quantities[PriorQuantityName.Resistance], "p.json", "q");
            Assert.Equal((PriorFamily.NormalDefectMixture, 20000, 600, 23100, Prior.NoThresholdLow), (r.Family, r.Location, r.Scale, r.ThresholdHigh, r.ThresholdLow));
            Prior c = DevicePriorConverter.ToDevice(f.Quantities[PriorQuantityName.Capacity], "p.json", "q");
            Assert.Equal((5000, 20, Prior.NoThresholdHigh, 4850), (c.Location, c.Scale, c.ThresholdHigh, c.ThresholdLow));
            Prior t = DevicePriorConverter.ToDevice(f.Quantities[PriorQuantityName.TemperatureRise], "p.json", "q");
            Assert.Equal((PriorFamily.StudentT, 0, 5, 40), (t.Family, t.Location, t.Scale, t.ThresholdHigh));
            var ln = new QuantityPrior(PriorQuantityName.Resistance, PriorFamilyName.LogNormal, 20, 0.05, null, null, null, null, null, null, null);
            Assert.Equal(3277, DevicePriorConverter.ToDevice(ln, "p", "q").Scale); // σ of ln x = 0.05 in Q16
        }

        [Fact]
        public void Replay_Uses_The_Prior_Thresholds_And_Per_Cell_Overrides()
        {
            ReplayResult r = ReplayRunner.Run(ExampleLogs.Load("weld"), new MonitorSettings(), PriorFileReader.Read(Priors, "p.json"), "weld.csv", "p.json");
            Assert.Equal("p.json (test population)", r.Priors);
            Assert.Equal(19.0, r.Cells[0].R0Threshold_mOhm);
            // Override: threshold shifts with location and scales with scale: 18.5 + (19.0 − 18.0)·0.4/0.2 = 20.5 mΩ.
            Assert.Equal(20.5, r.Cells[1].R0Threshold_mOhm);
            var raised = r.Alerts.Where(a => a.Raised && a.Kind == "resistance_outlier").Select(a => a.Cell).ToArray();
            Assert.Equal(new int?[] { 6 }, raised);
            Assert.Equal(19.0, r.Alerts.First(a => a.Kind == "resistance_outlier").Threshold);
        }

        [Fact]
        public void A_Prior_That_Calls_The_Weld_Value_Healthy_Silences_The_Alert()
        {
            // Shows the decision follows the prior, not a hard-coded rule: threshold 30 mΩ is above every cell.
            string lax = Priors.Replace("\"threshold_high\": 19.0", "\"threshold_high\": 30.0").Replace("\"scale\": 0.2", "\"scale\": 3.0");
            ReplayResult r = ReplayRunner.Run(ExampleLogs.Load("weld"), new MonitorSettings(), PriorFileReader.Read(lax, "p.json"), "weld.csv");
            Assert.DoesNotContain(r.Alerts, a => a.Kind == "resistance_outlier");
        }

        [Fact]
        public void Override_For_A_Missing_Cell_Is_An_Error()
        {
            string bad = Priors.Replace("\"cell\": 2", "\"cell\": 17");
            var e = Assert.Throws<PriorFormatException>(() =>
                ReplayRunner.Run(ExampleLogs.Load("weld"), new MonitorSettings(), PriorFileReader.Read(bad, "p.json"), "weld.csv", "p.json"));
            Assert.Contains("cell 17 does not exist; the monitor has 16 cells", e.Message);
        }

        [Theory]
        [InlineData("weld", 6, "resistance_outlier")]
        [InlineData("hot", 11, "hot_cell")]
        [InlineData("healthy", 0, "")]
        public void Shipped_Example_Config_And_Priors_Give_The_Expected_Outcomes(string scenario, int cell, string kind)
        {
            MonitorSettings settings = MonitorSettingsReader.ReadFile(Path.Combine(ExampleLogs.Folder, "monitor.example.json"));
            PriorFile priors = PriorFileReader.ReadFile(Path.Combine(ExampleLogs.Folder, "priors.example.json"));
            ReplayResult r = ReplayRunner.Run(ExampleLogs.Load(scenario), settings, priors, scenario, "priors.example.json");
            var raised = r.Alerts.Where(a => a.Raised).Select(a => (a.Cell, a.Kind)).Distinct().ToArray();
            if (cell == 0) Assert.Empty(raised);
            else Assert.Equal(new (int?, string)[] { (cell, kind) }, raised);
            Assert.Equal(19.2, r.Cells[5].R0Threshold_mOhm);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using CellVar.Bms.Rig.Configuration;
using CellVar.Bms.Rig.Csv;
using CellVar.Bms.Rig.Replay;

namespace CellVar.Bms.Rig.Tests
{
    /// <summary>How replay treats what real rig logs contain: missing samples, shuffled and extra columns, bad values.</summary>
    public class ReplayInputTests
    {
        private static ReplayResult Replay(RigLog log, MonitorSettings? s = null) => ReplayRunner.Run(log, s ?? new MonitorSettings(), null, "t.csv");

        private static RigLog Clone(RigLog l) => new(
            (double[])l.Time_s.Clone(), (double[])l.Current_A.Clone(),
            l.CellVoltage_V.Select(c => (double[])c.Clone()).ToArray(), l.Temperature_C.Select(c => (double[])c.Clone()).ToArray(),
            (int[])l.SourceLines.Clone());

        private static RigLog ViaCsv(RigLog l)
        {
            var w = new StringWriter();
            RigLogWriter.Write(w, l);
            return RigLogReader.Read(new StringReader(w.ToString()), "t.csv");
        }

        [Fact]
        public void Short_Gaps_Are_Flagged_Per_Sample_And_Long_Gaps_Raise_And_Clear_A_Sensor_Fault()
        {
            RigLog log = Clone(ExampleLogs.Load("healthy"));
            for (int k = 3000; k < 3003; k++) log.CellVoltage_V[2][k] = double.NaN;   // 3 ticks: below the 5-tick persistence
            for (int k = 4000; k < 4030; k++) log.CellVoltage_V[9][k] = double.NaN;   // 30 ticks: a sensor fault
            ReplayResult r = Replay(ViaCsv(log)); // blanks go through the CSV writer/reader as empty fields
            Assert.Equal(3, r.Cells[2].FlaggedSamples);
            Assert.Equal(30, r.Cells[9].FlaggedSamples);
            Assert.DoesNotContain(r.Alerts, a => a.Cell == 3);
            var faults = r.Alerts.Where(a => a.Cell == 10 && a.Kind == "sensor_fault").ToList();
            Assert.Equal(2, faults.Count);
            Assert.True(faults[0].Raised);
            Assert.Contains("conversion_failed", faults[0].Flags);
            Assert.False(faults[1].Raised);
            Assert.True(faults[1].Time_s > log.Time_s[4029], "clears only after samples are back");
            Assert.Equal(0, r.FlaggedCurrentSamples);
        }

        [Fact]
        public void Missing_Current_Is_Flagged_At_Pack_Level()
        {
            RigLog log = Clone(ExampleLogs.Load("healthy"));
            for (int k = 2500; k < 2510; k++) log.Current_A[k] = double.NaN;
            ReplayResult r = Replay(log);
            Assert.Equal(10, r.FlaggedCurrentSamples);
            Assert.Contains(r.Alerts, a => a.Cell == null && a.Kind == "sensor_fault" && a.Raised);
            Assert.DoesNotContain(r.Alerts, a => a.Cell != null);
        }

        [Fact]
        public void Impossible_Values_Reach_The_Device_As_Rail_Or_Implausible_Readings_And_Are_Flagged()
        {
            RigLog log = Clone(ExampleLogs.Load("healthy"));
            for (int k = 1000; k < 1010; k++) log.CellVoltage_V[0][k] = -3.0;   // below the ADC's zero: rail
            for (int k = 1000; k < 1010; k++) log.CellVoltage_V[1][k] = 1e12;   // absurd: clamps to full scale (rail)
            for (int k = 1000; k < 1010; k++) log.CellVoltage_V[4][k] = 0.2;    // within range but below 0.5 V: implausible
            ReplayResult r = Replay(log);
            Assert.Equal(10, r.Cells[0].FlaggedSamples);
            Assert.Equal(10, r.Cells[1].FlaggedSamples);
            Assert.True(r.Cells[4].FlaggedSamples >= 10);
            Assert.Contains(r.Alerts, a => a.Cell == 1 && a.Kind == "sensor_fault" && a.Flags.Contains("rail"));
            Assert.Contains(r.Alerts, a => a.Cell == 5 && a.Kind == "sensor_fault" && a.Flags.Contains("implausible"));
            Assert.All(r.Cells, c => Assert.True(c.R0_mOhm is null || double.IsFinite(c.R0_mOhm.Value)));
        }

        [Fact]
        public void Column_Order_And_Extra_Columns_Do_Not_Change_The_Result()
        {
            string[] lines = File.ReadAllLines(ExampleLogs.PathOf("weld")).Where(l => !l.StartsWith('#')).ToArray();
            int cols = lines[0].Split(',').Length;
            // Reverse the columns and append an unrelated one.
            string shuffled = string.Join("\n", lines.Select((l, i) => string.Join(",", l.Split(',').Reverse()) + (i == 0 ? ",operator" : ",ok")));
            RigLog a = ExampleLogs.Load("weld");
            RigLog b = RigLogReader.Read(new StringReader(shuffled), "shuffled.csv");
            Assert.Equal(cols, a.CellCount + a.TemperatureSensorCount + 2);
            Assert.Equal(["operator"], b.IgnoredColumns);
            ReplayResult ra = Replay(a), rb = Replay(b);
            Assert.Equal(ra.Alerts.Select(x => (x.Time_s, x.Cell, x.Kind, x.Raised, x.Value)), rb.Alerts.Select(x => (x.Time_s, x.Cell, x.Kind, x.Raised, x.Value)));
            Assert.Equal(ra.Cells.Select(c => (c.R0_mOhm, c.Capacity_Ah, c.TemperatureExcess_K)), rb.Cells.Select(c => (c.R0_mOhm, c.Capacity_Ah, c.TemperatureExcess_K)));
            Assert.Contains(rb.Warnings, w => w.Contains("ignored columns: operator"));
        }

        [Fact]
        public void Settings_Choose_Cells_Tick_Period_And_Tunables()
        {
            RigLog log = ExampleLogs.Load("hot");
            // Raising the hot-cell threshold above the hot cell's ~9 K excess silences the alert: the tunable reaches the device.
            MonitorSettings strict = MonitorSettingsReader.Read("{ \"tunables\": { \"HotExcess_dC\": 150 } }", "m.json");
            Assert.DoesNotContain(Replay(log, strict).Alerts, a => a.Kind == "hot_cell");
            MonitorSettings few = MonitorSettingsReader.Read("{ \"cell_count\": 8, \"sample_period_s\": 2 }", "m.json");
            ReplayResult r = Replay(log, few);
            Assert.Equal(8, r.Cells.Count);
            Assert.Equal((log.RowCount + 1) / 2, r.Ticks);
        }

        [Fact]
        public void More_Than_32_Cells_Needs_A_Cell_Count()
        {
            var log = new RigLog([1.0], [0.0], Enumerable.Range(0, 40).Select(_ => new[] { 3.7 }).ToArray(), [], [2]);
            var e = Assert.Throws<ConfigFormatException>(() => Replay(log));
            Assert.Contains("at most 32", e.Message);
            Assert.Equal(32, Replay(log, new MonitorSettings { CellCount = 32 }).Cells.Count);
        }

        [Theory]
        [InlineData("time_s,current_A,cell1_V\n0,0,3.7\n")]                                  // one cell, one row
        [InlineData("time_s,current_A,cell1_V,cell2_V\n0,,,\n1,,,\n2,5,3.6,3.6\n")]          // all blank at first
        [InlineData("time_s,current_A,cell1_V,cell2_V,cell3_V\n0,0,3.7,3.7,3.7\n1,10,3.5,3.5,3.5\n2,0,3.7,3.7,3.7\n")]
        [InlineData("time_s,current_A,cell1_V,temp1_C\n1e9,0,3.7,25\n1.000000001e9,1000000,99,9999\n")] // epoch times, absurd values
        public void Tiny_Or_Odd_Logs_Replay_Without_Crashing_Or_NaN(string csv)
        {
            ReplayResult r = Replay(RigLogReader.Read(new StringReader(csv), "t.csv"));
            var w = new StringWriter();
            ReplayJsonWriter.WriteSummary(w, r);
            ReplayJsonWriter.WriteAlerts(w, r);
            ReplayTableWriter.Write(w, r);
            Assert.DoesNotContain("NaN", w.ToString());
            Assert.DoesNotContain("Infinity", w.ToString());
            Assert.Equal(r.Rows, r.Ticks);
        }
    }
}

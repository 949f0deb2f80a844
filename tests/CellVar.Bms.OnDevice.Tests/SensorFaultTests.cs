using System;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.OnDevice.Tests.Simulation;

namespace CellVar.Bms.OnDevice.Tests
{
    /// <summary>Open wire, stuck, rail, failed conversions and jumps are flagged, kept out of the estimators and, when persistent, become SensorFault alerts (never resistance alerts).</summary>
    public class SensorFaultTests
    {
        private static PackHarness Build(int seed)
        {
            var cfg = MonitorConfig.CreateVirtual(8, 0);
            cfg.AveragingCount = 2;
            var h = new PackHarness(cfg, seed);
            h.Pack.VoltageNoisePerConversion_V = 0.002;
            return h;
        }

        private static void Step(PackHarness h, int k)
        {
            h.Pack.Current_A = k % 2 == 0 ? 5.0 : 15.0;
            h.Tick();
        }

        [Fact]
        public void Open_Wire_At_Rail_Is_Flagged_Excluded_And_Raises_Then_Clears_SensorFault()
        {
            var h = Build(1);
            int k = 0;
            for (; k < 60; k++) Step(h, k);
            int stepsBefore = h.Monitor.GetResistanceSteps(2);
            int r = h.Monitor.GetResistance_uOhm(2);
            h.Pack.ForcedRaw[2] = 0; // open wire pulled to ground
            for (int j = 0; j < 4; j++, k++)
            {
                Step(h, k);
                Assert.NotEqual(0, h.Monitor.GetSampleFlags(2) & SampleFlags.Rail);
            }
            Assert.False(h.Monitor.IsAlertActive(2, AlertKind.SensorFault)); // not yet persistent (5 ticks)
            for (int j = 0; j < 40; j++, k++) Step(h, k);
            Assert.True(h.Monitor.IsAlertActive(2, AlertKind.SensorFault));
            Assert.Equal(stepsBefore, h.Monitor.GetResistanceSteps(2));      // kept out of the estimator
            Assert.Equal(r, h.Monitor.GetResistance_uOhm(2));
            Assert.Equal(0, h.Count(AlertKind.ResistanceOutlier, true));
            var raised = h.AlertLog.Find(a => a.Kind == AlertKind.SensorFault && a.Raised);
            Assert.Equal(2, raised.Cell);
            Assert.NotEqual(0, raised.Value & SampleFlags.Rail);

            h.Pack.ForcedRaw[2] = -2; // repaired
            for (int j = 0; j < 25; j++, k++) Step(h, k);
            Assert.False(h.Monitor.IsAlertActive(2, AlertKind.SensorFault));
            Assert.Equal(1, h.Count(AlertKind.SensorFault, false));
            Assert.True(h.Monitor.GetResistanceSteps(2) > stepsBefore); // estimation resumed
        }

        [Fact]
        public void Stuck_Channel_Is_Flagged_After_Several_Current_Steps()
        {
            var h = Build(2);
            int k = 0;
            for (; k < 30; k++) Step(h, k);
            h.Pack.ForcedRaw[5] = VirtualAdc.VoltageToCounts(3650000); // plausible value, frozen
            int stepsAtFreeze = h.Monitor.GetResistanceSteps(5);
            for (int j = 0; j < 40; j++, k++) Step(h, k);
            Assert.NotEqual(0, h.Monitor.GetSampleFlags(5) & SampleFlags.Stuck);
            Assert.True(h.Monitor.IsAlertActive(5, AlertKind.SensorFault));
            Assert.Equal(0, h.Count(AlertKind.ResistanceOutlier, true));
            // Before detection (8 steps) the frozen reading may enter the estimator: with ΔV = 0 it pulls R down, never up.
            Assert.True(h.Monitor.GetResistanceSteps(5) <= stepsAtFreeze + 9);
        }

        [Fact]
        public void Implausible_Jump_Is_Flagged_For_One_Sample_And_Not_Used()
        {
            var h = Build(3);
            int k = 0;
            for (; k < 30; k++) Step(h, k);
            int steps = h.Monitor.GetResistanceSteps(4);
            int r = h.Monitor.GetResistance_uOhm(4);
            h.Pack.ForcedRaw[4] = VirtualAdc.VoltageToCounts(1700000); // −2 V dip: in the plausible range, but no 10 A step explains it
            Step(h, k++);
            Assert.NotEqual(0, h.Monitor.GetSampleFlags(4) & SampleFlags.Jump);
            Assert.Equal(steps, h.Monitor.GetResistanceSteps(4));
            Assert.Equal(r, h.Monitor.GetResistance_uOhm(4));
            h.Pack.ForcedRaw[4] = -2;
            Step(h, k++);
            Assert.Equal(0, h.Monitor.GetSampleFlags(4) & SampleFlags.FaultMask);
            Assert.Equal(steps, h.Monitor.GetResistanceSteps(4)); // the step after a bad sample has no valid ΔV
            Step(h, k++);
            Assert.Equal(steps + 1, h.Monitor.GetResistanceSteps(4));
            Assert.False(h.Monitor.IsAlertActive(4, AlertKind.SensorFault)); // one glitch is not a fault
        }

        [Fact]
        public void Failed_Conversions_And_Current_Rail_Pause_Everything_And_Raise_Pack_Fault()
        {
            var h = Build(4);
            int k = 0;
            for (; k < 30; k++) Step(h, k);
            int steps = h.Monitor.GetResistanceSteps(0);
            h.Pack.ForcedRaw[8] = VirtualAdc.MaxCount; // current channel at the rail
            for (int j = 0; j < 10; j++, k++) Step(h, k);
            Assert.NotEqual(0, h.Monitor.PackFlags & SampleFlags.Rail);
            Assert.NotEqual(0, h.Monitor.GetSampleFlags(0) & SampleFlags.PackCurrentInvalid);
            Assert.Equal(steps, h.Monitor.GetResistanceSteps(0));
            Assert.True(h.Monitor.IsPackFaultActive);
            Assert.Contains(h.AlertLog, a => a.Kind == AlertKind.SensorFault && a.Raised && a.Cell == -1);
            h.Pack.ForcedRaw[8] = -2;
            h.Pack.ForcedRaw[1] = -1; // conversion failure on a cell channel
            Step(h, k++);
            Assert.NotEqual(0, h.Monitor.GetSampleFlags(1) & SampleFlags.ConversionFailed);
            Assert.Equal(0, h.Count(AlertKind.ResistanceOutlier, true));
        }

        [Fact]
        public void Balancing_Pauses_The_Cell_Estimator_Only()
        {
            var h = Build(5);
            int k = 0;
            for (; k < 20; k++) Step(h, k);
            int s3 = h.Monitor.GetResistanceSteps(3), s4 = h.Monitor.GetResistanceSteps(4);
            h.Monitor.SetBalancing(3, true);
            for (int j = 0; j < 20; j++, k++) Step(h, k);
            Assert.Equal(s3, h.Monitor.GetResistanceSteps(3));
            Assert.Equal(s4 + 20, h.Monitor.GetResistanceSteps(4));
            Assert.NotEqual(0, h.Monitor.GetSampleFlags(3) & SampleFlags.Balancing);
            h.Monitor.SetBalancing(3, false);
            for (int j = 0; j < 5; j++, k++) Step(h, k);
            Assert.Equal(s3 + 4, h.Monitor.GetResistanceSteps(3)); // the first step after switching off is skipped
            Assert.Empty(h.AlertLog);
        }

        [Fact]
        public void Pack_Sum_Mismatch_Is_A_Pack_Level_Fault_And_Pauses_Estimation()
        {
            var cfg = MonitorConfig.CreateVirtual(4, 0);
            cfg.PackVoltageChannel = 5;             // 4 cells + current + 0 sensors → channel 5 is the pack channel
            cfg.PackVoltageGain_Q16 = 100 << 16;    // 100 µV per count
            var h = new PackHarness(cfg, 6);
            int k = 0;
            for (; k < 20; k++) Step(h, k);
            Assert.Equal(0, h.Monitor.PackFlags);
            int steps = h.Monitor.GetResistanceSteps(0);
            h.Pack.PackVoltageError_V = 0.5;        // divider drift / broken sense wire
            for (int j = 0; j < 10; j++, k++) Step(h, k);
            Assert.NotEqual(0, h.Monitor.PackFlags & SampleFlags.PackSumMismatch);
            Assert.NotEqual(0, h.Monitor.GetSampleFlags(0) & SampleFlags.PackSumMismatch);
            Assert.Equal(steps, h.Monitor.GetResistanceSteps(0));
            Assert.True(h.Monitor.IsPackFaultActive);
            Assert.Single(h.AlertLog.FindAll(a => a.Kind == AlertKind.SensorFault && a.Raised)); // one pack alert, not one per cell
            Assert.Equal(-1, h.AlertLog[0].Cell);
        }

        [Fact]
        public void Bad_Config_Is_Rejected_With_The_Field_Name()
        {
            var cfg = MonitorConfig.CreateVirtual(40, 0);
            var ex = Assert.Throws<ArgumentException>(() => new PackMonitor(cfg, new SimulatedPack(1, 0, 1)));
            Assert.Contains("CellCount", ex.Message);
            cfg = MonitorConfig.CreateVirtual(4, 0);
            cfg.OcvTable_mV = new[] { 1, 2, 3 };
            ex = Assert.Throws<ArgumentException>(() => new PackMonitor(cfg, new SimulatedPack(4, 0, 1)));
            Assert.Contains("OcvTable_mV", ex.Message);
        }
    }
}

using System;
using System.IO;
using CellVar.Bms.OnDevice;
using CellVar.Bms.OnDevice.Alerts;
using CellVar.Bms.VirtualRig.Adc;
using CellVar.Bms.VirtualRig.Scenarios;
using CellVar.Bms.VirtualRig.Simulation;
using Xunit;

namespace CellVar.Bms.VirtualRig.Tests
{
    public sealed class AdcAndInputTests
    {
        [Fact]
        public void Esp32Adc_WithGainAndOffsetErrors_IsCalibratedByTheDeviceToWithinNoise()
        {
            var o = new AdcModelOptions { GainErrorSd = 0.03, OffsetErrorSd_counts = 30 };
            var adc = new Esp32AdcFrontEnd(8, 8, o, seed: 5);
            var monitor = new PackMonitor(adc.Config, adc);
            double[] v = [3.1, 3.3, 3.5, 3.7, 3.9, 4.1, 3.6, 3.2];
            double[] t = [20, 25, 30, 35, 40, 45, 50, 55];
            adc.SetInputs(v, 12.5, t);
            monitor.Tick(1000);
            // 8 averaged conversions with σ 1.5 counts of 1.22 mV: σ ≈ 0.65 mV; 4 mV is > 6 σ (plus ≤ 0.5 LSB calibration rounding).
            for (int i = 0; i < 8; i++) Assert.InRange(monitor.GetCellVoltage_uV(i) - v[i] * 1e6, -4000, 4000);
            // Current: 48.8 mA per count, σ after averaging ≈ 26 mA; 200 mA is > 7 σ.
            Assert.InRange(monitor.PackCurrent_mA - 12500, -200, 200);
            // Temperature: 0.4 dC per count; 1 dC is > 4 σ of the averaged noise plus rounding.
            for (int i = 0; i < 8; i++) Assert.InRange(monitor.GetTemperature_dC(i) - t[i] * 10, -10, 10);
            // The per-channel errors are really there (each channel got its own calibration), so the check above is not trivial.
            Assert.NotEqual(adc.Config.CellGain_Q16[0], adc.Config.CellGain_Q16[1]);
            Assert.NotEqual(adc.Config.CellOffset_uV[0], adc.Config.CellOffset_uV[1]);
        }

        [Fact]
        public void OpenSenseWire_IsFlaggedByTheDevice_AsSensorFault()
        {
            var adc = new Esp32AdcFrontEnd(4, 4, new AdcModelOptions(), seed: 2);
            var monitor = new PackMonitor(adc.Config, adc);
            double[] v = [3.6, 3.6, 3.6, 3.6], t = [25, 25, 25, 25];
            adc.SetOpenWire(2, true);
            for (int k = 1; k <= 10; k++) { adc.SetInputs(v, 0, t); monitor.Tick(k * 1000); }
            Alert a = new Alert();
            bool fault = false;
            while (monitor.Alerts.TryDequeue(ref a)) fault |= a.Kind == AlertKind.SensorFault && a.Raised && a.Cell == 2;
            Assert.True(fault);
            Assert.InRange(adc.MeasuredValue(2)!.Value, -100000, 100000); // what the device measured on the open tap: ≈ 0 V
        }

        [Theory]
        [InlineData("3@300", 1, 3, 300, 0, 5.0)]
        [InlineData("m2:5@600~300=8", 2, 5, 600, 300, 8.0)]
        public void DefectFlags_Parse(string text, int monitor, int cell, double at, double ramp, double magnitude)
        {
            var d = DefectFlag.Parse(text, DefectKind.Weld);
            Assert.Equal(new InjectedDefect(monitor, cell, DefectKind.Weld, at, ramp, magnitude), d);
        }

        [Theory]
        [InlineData("3", "expected")]
        [InlineData("x@300", "cell 'x'")]
        [InlineData("3@soon", "time 'soon'")]
        public void BadDefectFlags_SayWhatIsWrong(string text, string message)
        {
            var e = Assert.Throws<FormatException>(() => DefectFlag.Parse(text, DefectKind.HotCell));
            Assert.Contains(message, e.Message);
        }

        [Theory]
        [InlineData("{\"monitors\":2,\"defects\":[{\"monitor\":1,\"cell\":3,\"kind\":\"melt\",\"at_s\":1}]}", "defects[0].kind: 'melt'")]
        [InlineData("{\"cells\":99}", "cells: 99 outside")]
        [InlineData("{\"profile\":{\"kind\":\"pulses\",\"high_A\":5}}", "profile.low_A: required number")]
        [InlineData("{\"speed\":5}", "unknown field 'speed'")]
        [InlineData("{\"monitors\":2,", "line 1")]
        public void BadScenarioFiles_NameTheField(string json, string message)
        {
            string path = Path.Combine(Path.GetTempPath(), $"vrig-scn-{Guid.NewGuid():N}.json");
            File.WriteAllText(path, json);
            try
            {
                var e = Assert.Throws<FormatException>(() => RigScenarioFile.Load(path));
                Assert.Contains(message, e.Message);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void ExampleScenarios_Load()
        {
            string dir = Path.Combine(CellVar.Bms.Tests.Common.RepoPaths.Root, "src", "HostTools", "examples", "scenarios");
            var s = RigScenarioFile.Load(Path.Combine(dir, "three-packs.json"));
            Assert.Equal(3, s.Defects.Count);
            var f = RigScenarioFile.Load(Path.Combine(dir, "drive-cycle-weld.json"));
            Assert.Equal(12.0, f.Profile!.Current_A(15)); // held from the 10 s point until 25 s
            Assert.Equal(0.0, f.Profile.Current_A(105 + 5)); // looped: 105 s period
        }

        [Fact]
        public void DriveCycleFile_BadTime_NamesLineAndColumn()
        {
            string path = Path.Combine(Path.GetTempPath(), $"vrig-dc-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, "time_s,current_A\n0,1\n5,abc\n");
            try
            {
                var e = Assert.Throws<FormatException>(() => LoadProfile.FromFile(path));
                Assert.Contains("line 3, column 2 (current_A)", e.Message);
            }
            finally { File.Delete(path); }
        }
    }
}

using CellVar.Bms.Rig.Configuration;

namespace CellVar.Bms.Rig.Tests
{
    public class MonitorSettingsReaderTests
    {
        private static ConfigFormatException Fails(string json) =>
            Assert.Throws<ConfigFormatException>(() => MonitorSettingsReader.Read(json, "m.json").BuildConfig(16, 16));

        [Fact]
        public void Applies_Tunables_And_Sensor_Placement()
        {
            MonitorSettings s = MonitorSettingsReader.Read(
                "{ // comment\n \"cell_count\": 4, \"temperature_sensor_cells\": [2, 4], \"tunables\": { \"MinCurrentStep_mA\": 3000, \"OcvTable_mV\": [3000,3400,3500,3600,3700,3800,3900,4000,4050,4100,4200] }, }",
                "m.json");
            var cfg = s.BuildConfig(16, 16);
            Assert.Equal(4, cfg.CellCount);
            Assert.Equal(2, cfg.TemperatureSensorCount);
            Assert.Equal(new[] { 1, 3 }, cfg.TemperatureSensorCell);
            Assert.Equal(3000, cfg.MinCurrentStep_mA);
            Assert.Equal(3400, cfg.OcvTable_mV[1]);
        }

        [Theory]
        [InlineData("{ \"cells\": 4 }", "cells")]
        [InlineData("{ \"tunables\": { \"HotExcess_C\": 5 } }", "tunables.HotExcess_C")]
        [InlineData("{ \"tunables\": { \"CellChannels\": [1] } }", "tunables.CellChannels")]
        [InlineData("{ \"tunables\": { \"HotExcess_dC\": 5.5 } }", "tunables.HotExcess_dC")]
        [InlineData("{ \"tunables\": { \"OcvTable_mV\": 5 } }", "tunables.OcvTable_mV")]
        [InlineData("{ \"tunables\": { \"OcvTable_mV\": [1,2,3] } }", "tunables")]
        [InlineData("{ \"tunables\": { \"AveragingCount\": 0 } }", "tunables")]
        [InlineData("{ \"cell_count\": 0 }", "cell_count")]
        [InlineData("{ \"cell_count\": 20 }", "cell_count")]
        [InlineData("{ \"temperature_sensor_cells\": [1, 17] }", "temperature_sensor_cells[1]")]
        [InlineData("{ \"sample_period_s\": -1 }", "sample_period_s")]
        [InlineData("[1]", "(file)")]
        public void Rejects_Bad_Settings_Naming_The_Field(string json, string field)
            => Assert.Equal(field, Fails(json).Field);

        [Fact]
        public void Broken_Json_Names_The_Line()
            => Assert.StartsWith("m.json: line 2", Fails("{\n \"cell_count\": ,\n}").Message);

        [Fact]
        public void The_Device_Validation_Message_Is_Passed_On()
            => Assert.Contains("OcvTable_mV must be strictly ascending", Fails("{ \"tunables\": { \"OcvTable_mV\": [3000,3400,3500,3600,3700,3800,3900,4000,4050,4000,4200] } }").Message);
    }
}

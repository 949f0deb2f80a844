using CellVar.Bms.Rig.Priors;

namespace CellVar.Bms.Rig.Tests
{
    public class PriorFileReaderTests
    {
        // The example of the shared contract (/tmp/prior-format.md), including its // comments.
        internal const string Example = """
            {
              "format": "cellvar-priors",
              "version": 1,
              "source": "test",
              "quantities": [
                {
                  "name": "resistance", "unit": "mOhm", "family": "normal_defect_mixture",
                  "location": 20.0, "scale": 0.6, "df": null,
                  "defect_weight": 0.002, "defect_location": 22.0, "defect_scale": 0.5, // defect component
                  "false_alarm_per_cell_day": 0.0001, "threshold_high": 23.1, "threshold_low": null
                },
                { "name": "capacity", "unit": "Ah", "family": "normal", "location": 5.0, "scale": 0.02, "threshold_low": 4.85 },
                { "name": "temperature_rise", "unit": "K", "family": "student_t", "location": 0.0, "scale": 0.5, "df": 4, "threshold_high": 4.0 }
              ],
              "cells": [ { "cell": 3, "name": "resistance", "location": 20.4, "scale": 0.3 } ]
            }
            """;

        private static PriorFile Read(string json) => PriorFileReader.Read(json, "p.json");

        [Fact]
        public void Reads_The_Contract_Example()
        {
            PriorFile f = Read(Example);
            QuantityPrior r = f.Quantities[PriorQuantityName.Resistance];
            Assert.Equal(PriorFamilyName.NormalDefectMixture, r.Family);
            Assert.Equal(23.1, r.ThresholdHigh);
            Assert.Null(r.ThresholdLow);
            Assert.Equal(0.002, r.DefectWeight);
            QuantityPrior cell3 = f.For(3, PriorQuantityName.Resistance)!;
            Assert.Equal(20.4, cell3.Location);
            Assert.Equal(0.3, cell3.Scale);
            Assert.Equal(23.1, cell3.ThresholdHigh); // inherited from the pack-wide prior
            Assert.Equal(20.0, f.For(4, PriorQuantityName.Resistance)!.Location);
            Assert.Equal(4.0, f.Quantities[PriorQuantityName.TemperatureRise].Df);
            Assert.Equal(3, f.MaxOverrideCell);
        }

        [Theory]
        [InlineData("\"format\": \"cellvar-priors\"", "\"format\": \"other\"", "format")]
        [InlineData("\"version\": 1", "\"version\": 2", "version")]
        [InlineData("\"name\": \"capacity\"", "\"name\": \"voltage\"", "quantities[1].name")]
        [InlineData("\"family\": \"normal\"", "\"family\": \"cauchy\"", "quantities[1].family")]
        [InlineData("\"unit\": \"Ah\"", "\"unit\": \"mAh\"", "quantities[1].unit")]
        [InlineData("\"scale\": 0.02", "\"scale\": 0", "quantities[1].scale")]
        [InlineData("\"scale\": 0.02", "\"scale\": -1", "quantities[1].scale")]
        [InlineData("\"df\": 4", "\"df\": 0", "quantities[2].df")]
        [InlineData("\"df\": 4", "\"df\": null", "quantities[2].df")]
        [InlineData("\"defect_weight\": 0.002", "\"defect_weight\": 1", "quantities[0].defect_weight")]
        [InlineData("\"defect_weight\": 0.002", "\"defect_weight\": -0.1", "quantities[0].defect_weight")]
        [InlineData("\"threshold_low\": null", "\"threshold_low\": 23.1", "quantities[0].threshold_low")]
        [InlineData("\"location\": 5.0", "\"location\": 1e999", "quantities[1].location")]
        [InlineData("\"location\": 5.0", "\"location\": \"5\"", "quantities[1].location")]
        [InlineData("\"cell\": 3", "\"cell\": 0", "cells[0].cell")]
        [InlineData("\"cell\": 3", "\"cell\": 2.5", "cells[0].cell")]
        [InlineData("\"location\": 20.4, \"scale\": 0.3", "\"location\": 20.4, \"scale\": -0.3", "cells[0].scale")]
        public void Invalid_Fields_Are_Rejected_By_Name(string find, string replace, string field)
        {
            Assert.Contains(find, Example);
            var e = Assert.Throws<PriorFormatException>(() => Read(Example.Replace(find, replace)));
            Assert.Equal(field, e.Field);
            Assert.StartsWith("p.json: " + field + ":", e.Message);
        }

        [Fact]
        public void Duplicate_Quantity_Is_Rejected()
        {
            string json = Example.Replace("\"name\": \"capacity\"", "\"name\": \"resistance\"").Replace("\"unit\": \"Ah\"", "\"unit\": \"mOhm\"");
            var e = Assert.Throws<PriorFormatException>(() => Read(json));
            Assert.Contains("appears twice", e.Message);
        }

        [Fact]
        public void Broken_Json_Names_Line_And_Column()
        {
            var e = Assert.Throws<PriorFormatException>(() => Read("{\n  \"format\": \"cellvar-priors\",\n  \"version\": ,\n}"));
            Assert.StartsWith("p.json: line 3, column", e.Message);
        }

        [Fact]
        public void Missing_Quantities_Is_Rejected()
        {
            var e = Assert.Throws<PriorFormatException>(() => Read("{\"format\":\"cellvar-priors\",\"version\":1}"));
            Assert.Equal("quantities", e.Field);
        }
    }
}
